package org.plmmonitor.monitor.web;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.config.WebConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS from a PEM certificate and PKCS#8 key, with a self-signed certificate made here. */
class WebHttpsTest {
    @TempDir
    static Path dir;
    static Path data;
    static X509Certificate cert;
    static Path certFile;
    static Path keyFile;
    WebFixture web;

    @BeforeAll
    static void recordANightAndMakeACertificate() throws Exception {
        data = WebFixture.recordNight(dir);
        WebFixture.addUser(data);
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(20261207L);
        KeyPair kp = keyPair(seeded);
        cert = selfSigned(kp, seeded);
        certFile = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        keyFile = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
    }

    private static KeyPair keyPair(SecureRandom random) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair kp, SecureRandom random) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=plm-monitor test");
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(random.nextInt(Integer.MAX_VALUE)),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trusting(X509Certificate c) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("plm", c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static WebConfig https(Path cert, Path key) {
        return new WebConfig(true, "127.0.0.1", 0, Optional.of(new WebConfig.Https(cert, key)), false);
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void servesHttpsWithSecureCookiesAndHsts() throws Exception {
        web = WebFixture.serve(data, https(certFile, keyFile), Optional::empty);
        assertEquals("https", web.server.url().getScheme());
        HttpSession s = new HttpSession(web.server.url(), trusting(cert));
        HttpResponse<String> form = s.get("/login");
        assertEquals(200, form.statusCode());
        assertTrue(HttpSession.setCookie(form, WebApp.LOGIN_COOKIE).endsWith("; Secure"));
        HttpResponse<String> in = s.post("/login", java.util.Map.of("username", WebFixture.USER, "password", WebFixture.PASSWORD,
                "csrf", HttpSession.csrf(form)));
        assertEquals(303, in.statusCode());
        String cookie = HttpSession.setCookie(in, WebApp.SESSION_COOKIE);
        assertTrue(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Secure"), cookie);
        HttpResponse<String> night = s.get("/night/" + WebFixture.NIGHT);
        assertEquals(200, night.statusCode());
        assertEquals("max-age=31536000", night.headers().firstValue("Strict-Transport-Security").orElseThrow());
        assertTrue(night.body().contains("<svg class=\"timeline\""));
    }

    @Test
    void httpsMakesANetworkAddressAcceptable() {
        assertEquals(Optional.empty(), https(certFile, keyFile).at("0.0.0.0", 8443).exposure());
        assertTrue(WebConfig.DEFAULT.at("0.0.0.0", 8443).exposure().isPresent());
        assertEquals(Optional.empty(), new WebConfig(true, "0.0.0.0", 8080, Optional.empty(), true).exposure());
    }

    @Test
    void unusableKeyFilesAreNamedWithTheReason() throws Exception {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(7L);
        Path otherKey = Files.writeString(dir.resolve("other.pem"), pem("PRIVATE KEY", keyPair(seeded).getPrivate().getEncoded()));
        WebStartException e = assertThrows(WebStartException.class, () -> WebFixture.serve(data, https(certFile, otherKey), Optional::empty));
        assertEquals(WebStartException.Reason.TLS, e.reason());
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        e = assertThrows(WebStartException.class, () -> WebFixture.serve(data, https(certFile, pkcs1), Optional::empty));
        assertEquals(pkcs1 + ": expected an unencrypted PKCS#8 PEM private key, but it is a PKCS#1/SEC1 key (convert with: "
                + "openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem)", e.getMessage());
        e = assertThrows(WebStartException.class, () -> WebFixture.serve(data, https(keyFile, keyFile), Optional::empty));
        assertTrue(e.getMessage().startsWith(keyFile + ": "), e.getMessage());
    }
}
