package org.plmmonitor.monitor.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a page answers.
 *
 * @param status      the HTTP status, 100-599
 * @param contentType the body's media type (with charset for text)
 * @param body        the body bytes (may be empty)
 * @param headers     extra headers (e.g. {@code Location}, {@code Content-Disposition})
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** The media type of every page. */
    public static final String HTML = "text/html; charset=utf-8";

    public WebResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not 100-599");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /**
     * @param status the HTTP status
     * @param html   a whole page
     * @return an HTML response
     */
    public static WebResponse html(int status, String html) {
        return new WebResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * @param location a path on this server
     * @return a 303 See Other (after a POST the browser GETs the location)
     */
    public static WebResponse redirect(String location) {
        return new WebResponse(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    /**
     * @param contentType the file's media type
     * @param fileName    the name the browser saves it under (letters, digits, '.', '-', '_')
     * @param body        the file
     * @return a download ({@code Content-Disposition: attachment})
     */
    public static WebResponse download(String contentType, String fileName, byte[] body) {
        if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("download name '" + fileName + "' is not 1-100 letters, digits, '.', '-', '_'");
        }
        return new WebResponse(200, contentType, body, Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }
}
