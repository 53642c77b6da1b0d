package org.plmmonitor.monitor.web;

/**
 * One page (or form target) of the web interface. Pages see only requests that passed the security checks
 * ({@link WebApp}); they render with {@link Pages} so that every page has the same frame, navigation and
 * style sheet.
 */
@FunctionalInterface
public interface WebPage {
    /**
     * @param request the request
     * @return the answer
     * @throws NotFoundException when what the request names does not exist (a 404 page with the message)
     */
    WebResponse handle(WebRequest request) throws NotFoundException;

    /** What the request names does not exist (unknown night); its message is shown to the user. */
    final class NotFoundException extends Exception {
        /**
         * @param message what is missing, in the user's words
         * @param cause   the underlying error, or null
         */
        public NotFoundException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
