/**
 * The web interface (docs/web.md): the JDK's HTTP(S) server, logins with Argon2id password hashes, sessions,
 * CSRF tokens, a login rate limit, and pages rendered by the same renderer as {@code plm report}. Served by
 * the daemon when {@code web.enabled = true}, and by {@code plm web} for a store copied elsewhere.
 */
package org.plmmonitor.monitor.web;
