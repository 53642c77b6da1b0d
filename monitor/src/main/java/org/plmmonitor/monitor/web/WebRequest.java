package org.plmmonitor.monitor.web;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * A request as a page sees it, after the security checks passed (a session, and a CSRF token on a POST).
 *
 * @param method  {@code GET} or {@code POST}
 * @param path    the decoded path, e.g. {@code /night/2026-12-06}
 * @param match   the route's pattern matched against the path (its groups are the path's parameters)
 * @param query   the query string's parameters (the first value of each)
 * @param form    a POST's form fields (the first value of each); empty for GET
 * @param user    the logged-in user
 * @param csrf    the session's CSRF token, for the forms the page renders
 */
public record WebRequest(String method, String path, Matcher match, Map<String, String> query, Map<String, String> form,
                         String user, String csrf) {
    public WebRequest {
        query = Map.copyOf(query);
        form = Map.copyOf(form);
    }
}
