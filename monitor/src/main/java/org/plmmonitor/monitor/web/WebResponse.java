package org.plmmonitor.monitor.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a page answers.
 *
 * @param status      the HTTP status, 100-599
 * @param contentType the body's media type (with charset for text)
 * @param body        the body bytes (may be empty)
 * @param headers     extra headers (e.g. {@code Location}, {@code Content-Disposition})
 * @param stream      a body written straight to the client instead of {@code body} (then empty), for files too
 *                    large to hold in the daemon's heap; empty for an ordinary answer
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                          Optional<Streamed> stream) {
    /** The media type of every page. */
    public static final String HTML = "text/html; charset=utf-8";

    public WebResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not 100-599");
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(stream, "stream");
        if (stream.isPresent() && body.length > 0) {
            throw new IllegalArgumentException("a streamed answer has no body bytes besides its stream");
        }
    }

    /**
     * An answer held in memory.
     *
     * @param status      the HTTP status, 100-599
     * @param contentType the body's media type
     * @param body        the body bytes
     * @param headers     extra headers
     */
    public WebResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, Optional.empty());
    }

    /**
     * A body written to the client as it is sent (chunked), never held whole in memory. The server calls
     * {@link #writeTo} at most once and {@link #close} exactly once, after writing or when the answer could not be
     * sent, so that what the body holds is always released.
     */
    public interface Streamed extends AutoCloseable {
        /**
         * @param out the client's connection (closed by the caller)
         * @throws IOException when the client goes away or a file cannot be read
         */
        void writeTo(OutputStream out) throws IOException;

        /** Releases what the body holds (nothing by default); never throws. */
        @Override
        default void close() {
        }
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
        return new WebResponse(200, contentType, body, attachment(fileName));
    }

    /**
     * @param contentType the file's media type
     * @param fileName    the name the browser saves it under (letters, digits, '.', '-', '_')
     * @param body        writes the file to the client; closed by the server once sent (or not sent)
     * @return a download written as it is sent
     */
    public static WebResponse download(String contentType, String fileName, Streamed body) {
        return new WebResponse(200, contentType, new byte[0], attachment(fileName), Optional.of(body));
    }

    private static Map<String, String> attachment(String fileName) {
        if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("download name '" + fileName + "' is not 1-100 letters, digits, '.', '-', '_'");
        }
        return Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }
}
