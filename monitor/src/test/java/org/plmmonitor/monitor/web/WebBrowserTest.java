package org.plmmonitor.monitor.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web interface in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (nothing is downloaded). Skipped only where Chromium is not installed. Screenshots at phone
 * (360 px) and desktop (1280 px) widths go to {@code target/web-screenshots/}.
 */
class WebBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "web-screenshots");

    @TempDir
    static Path dir;
    @TempDir
    Path downloads;
    static Path data;
    ChromeDriver browser;
    WebFixture web;

    @BeforeAll
    static void startTheDriver() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (Debian packages chromium, chromium-driver)");
        data = WebFixture.recordNight(dir);
        WebFixture.addUser(data);
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void open() throws Exception {
        web = WebFixture.serve(WebFixture.copy(data, downloads.resolve("data")));
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--window-size=1280,900");
        // Debian's chromedriver, named, so that Selenium Manager downloads nothing; one per browser (quit stops it).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, o);
        // Headless Chromium takes its download folder from the DevTools protocol, not from the preferences alone.
        browser.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString(), "eventsEnabled", false));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
    }

    private String url(String path) {
        return web.server.url().resolve(path).toString();
    }

    private void logIn() {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(WebFixture.USER);
        browser.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD + Keys.ENTER);
        // Enter returns before the login's answer (an Argon2id hash: a second or more on a loaded machine) has
        // set the session cookie; a test that navigated on at once raced it and landed on the login page
        // (seen in CI). The browser's own wait: the logout form is on every page of a session only.
        awaitElement(By.cssSelector("form[action='/logout']"));
    }

    /** Finds an element an answer still on its way will bring, with the browser's own wait (bounded at 60 s). */
    private WebElement awaitElement(By by) {
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(60));
        try {
            return browser.findElement(by);
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        }
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private long pageWidth() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth")).longValue();
    }

    @Test
    void withoutASessionThePagesSendToTheLogin() throws Exception {
        browser.get(url("/night/" + WebFixture.NIGHT));
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
        assertTrue(browser.findElements(By.cssSelector("svg")).isEmpty(), "no chart without a session");
        browser.findElement(By.id("username")).sendKeys(WebFixture.USER);
        browser.findElement(By.id("password")).sendKeys("wrong password" + Keys.ENTER);
        assertEquals("Wrong name or password.", awaitElement(By.cssSelector(".error")).getText());
        browser.manage().window().setSize(new Dimension(360, 800));
        shot("login-360");
    }

    @Test
    void logInReadANightWithItsChartsAndLogOut() throws Exception {
        logIn();
        assertTrue(browser.getCurrentUrl().endsWith("/nights"), browser.getCurrentUrl() + ": " + browser.getPageSource());
        shot("nights-1280");
        browser.findElement(By.cssSelector("a[href='/night/" + WebFixture.NIGHT + "']")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/night/" + WebFixture.NIGHT), browser.getCurrentUrl());
        assertEquals("Night of " + WebFixture.NIGHT, browser.findElement(By.tagName("h1")).getText());

        // Real charts: the timeline has movement marks with a size, the hourly chart bars, each with a title.
        WebElement timeline = browser.findElement(By.cssSelector("svg.timeline"));
        List<WebElement> marks = timeline.findElements(By.cssSelector("rect.mark"));
        assertTrue(marks.size() > 20, "movement marks on the timeline: " + marks.size());
        assertTrue(marks.stream().allMatch(m -> m.getRect().getHeight() > 0), "marks are drawn");
        assertTrue(timeline.getRect().getWidth() > 700, "the timeline is drawn wide: " + timeline.getRect().getWidth());
        List<WebElement> hourBars = browser.findElements(By.cssSelector("svg.hourly rect.bar"));
        assertTrue(hourBars.stream().anyMatch(b -> b.getRect().getHeight() > 0), "PLM per hour bars: " + hourBars.size());
        assertTrue(browser.findElements(By.cssSelector("svg[role='img'] title")).size() >= 3, "each chart has a title");
        // The style sheet arrived (CSP allows 'self' only): the PLM marks are red.
        String fill = timeline.findElement(By.cssSelector("rect.mark.plm")).getCssValue("fill");
        assertEquals("rgb(163, 35, 27)", fill);
        shot("night-1280");

        browser.manage().window().setSize(new Dimension(360, 800));
        browser.navigate().refresh();
        assertTrue(pageWidth() <= 360, "at 360 px the page does not scroll sideways (the charts scroll in their own box): " + pageWidth());
        shot("night-360");
        browser.get(url("/nights"));
        assertTrue(pageWidth() <= 360, "calendar at 360 px: " + pageWidth());
        shot("nights-360");

        browser.findElement(By.cssSelector("header form button")).click();
        awaitElement(By.id("username"));
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
        browser.get(url("/nights"));
        assertTrue(browser.getCurrentUrl().endsWith("/login"), "logged out: " + browser.getCurrentUrl());
    }

    @Test
    void theKeyboardReachesEverything() {
        logIn();
        browser.get(url("/nights"));
        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        WebElement first = browser.switchTo().activeElement();
        assertEquals("Skip to content", first.getText(), "the first Tab stop skips the navigation");
        // Tab through the navigation to the night's link and open it with Enter.
        WebElement link = null;
        for (int i = 0; i < 20 && link == null; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement a = browser.switchTo().activeElement();
            if (("/night/" + WebFixture.NIGHT).equals(a.getDomAttribute("href"))) {
                link = a;
            }
        }
        assertTrue(link != null, "the night's link is reachable by Tab");
        link.sendKeys(Keys.ENTER);
        assertTrue(browser.getCurrentUrl().endsWith("/night/" + WebFixture.NIGHT), browser.getCurrentUrl());
    }

    @Test
    void deleteAllMyDataAsksForTheWord() throws Exception {
        logIn();
        browser.get(url("/delete"));
        browser.manage().window().setSize(new Dimension(360, 800));
        shot("delete-360");
        browser.findElement(By.id("confirm")).sendKeys("no" + Keys.ENTER);
        assertTrue(awaitElement(By.cssSelector(".error")).getText().startsWith("Nothing was deleted"));
        assertEquals(1, web.store.nights().size());
    }

    @Test
    void aDiaryEntryShowsOnTheTrendAndTheExportDownloads() throws Exception {
        logIn();
        browser.findElement(By.linkText("Diary")).click();
        WebElement date = browser.findElement(By.id("date"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", date, WebFixture.NIGHT);
        browser.findElement(By.id("alcohol_units")).sendKeys("2");
        browser.findElement(By.cssSelector("#compression option[value=yes]")).click();
        shot("diary-1280");
        browser.findElement(By.cssSelector("form.diary button[type=submit]")).click();
        assertEquals("Saved.", awaitElement(By.cssSelector(".note")).getText());

        browser.get(url("/trends?from=2026-06-15&to=2026-07-10"));
        List<WebElement> markers = browser.findElements(By.cssSelector("path.mark-d[data-evening='" + WebFixture.NIGHT + "']"));
        assertEquals(1, markers.size(), "the evening's diary marker on the trend");
        assertTrue(markers.get(0).getRect().getHeight() > 0, "drawn");
        assertTrue(browser.findElements(By.cssSelector("svg circle")).size() >= 1, "the night's point");
        shot("trends-1280");
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.navigate().refresh();
        assertTrue(pageWidth() <= 360, "trends at 360 px: " + pageWidth());
        shot("trends-360");

        browser.get(url("/export"));
        browser.findElement(By.id("from")).clear();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').value = arguments[0];"
                + "document.getElementById('to').value = arguments[0];", WebFixture.NIGHT);
        browser.findElement(By.cssSelector("#format option[value=pdf]")).click();
        browser.findElement(By.cssSelector("#content form button[type=submit]")).click();
        Path pdf = downloads.resolve("plm-" + WebFixture.NIGHT + "_" + WebFixture.NIGHT + "-plm-summary.pdf");
        // The browser tells no one when a download ends: await the file, bounded.
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!(Files.isRegularFile(pdf) && Files.size(pdf) > 0) && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertTrue(Files.isRegularFile(pdf), () -> "downloaded: " + pdf + "; page " + browser.getCurrentUrl() + "; folder "
                + java.util.Arrays.toString(downloads.toFile().list()));
        assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

        // EDF+ too, a zip of the raw signal and the annotations, streamed.
        browser.get(url("/export"));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').value = arguments[0];"
                + "document.getElementById('to').value = arguments[0];", WebFixture.NIGHT);
        browser.findElement(By.cssSelector("#format option[value=edf]")).click();
        browser.findElement(By.cssSelector("#content form button[type=submit]")).click();
        Path zip = downloads.resolve("plm-" + WebFixture.NIGHT + "_" + WebFixture.NIGHT + "-edf.zip");
        long zipUntil = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!(Files.isRegularFile(zip) && Files.size(zip) > 0) && System.nanoTime() < zipUntil) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertTrue(Files.isRegularFile(zip), () -> "downloaded: " + zip + "; folder " + java.util.Arrays.toString(downloads.toFile().list()));
        java.util.List<String> entries = new java.util.ArrayList<>();
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            z.stream().forEach(e -> entries.add(e.getName()));
        }
        assertEquals(java.util.List.of(WebFixture.NIGHT + "-left.edf", WebFixture.NIGHT + "-right.edf",
                WebFixture.NIGHT + "-movements.edf"), entries);
    }
}
