package org.plmmonitor.monitor.web;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A page at a path: the extension point of the web interface (trends, diary, export register theirs the
 * same way as the nights and the report).
 *
 * @param method {@code GET} or {@code POST}
 * @param path   the whole path, as a regular expression (groups are the page's parameters)
 * @param page   what answers
 */
public record Route(String method, Pattern path, WebPage page) {
    public Route {
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw new IllegalArgumentException("route method '" + method + "' is not GET or POST");
        }
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(page, "page");
    }

    /**
     * @param path the whole path, as a regular expression
     * @param page what answers
     * @return a GET route
     */
    public static Route get(String path, WebPage page) {
        return new Route("GET", Pattern.compile(path), page);
    }

    /**
     * @param path the whole path, as a regular expression
     * @param page what answers (the CSRF token was checked before)
     * @return a POST route
     */
    public static Route post(String path, WebPage page) {
        return new Route("POST", Pattern.compile(path), page);
    }
}
