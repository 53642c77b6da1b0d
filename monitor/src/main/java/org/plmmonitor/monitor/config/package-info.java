/**
 * The daemon's configuration: one {@code key = value} file ({@code /etc/plm-monitor/plm.conf}, documented
 * key by key in {@code deploy/plm.conf}) read by {@link org.plmmonitor.monitor.config.ConfigLoader} into an
 * immutable {@link org.plmmonitor.monitor.config.MonitorConfig} record tree, validated once at start.
 * Every problem names the file, line, key and what was allowed, and all problems are reported together
 * so that one edit fixes them all. Secrets live in a separate file readable by the service user only and
 * are held in {@link org.plmmonitor.monitor.config.Secret}, which never prints its value.
 */
package org.plmmonitor.monitor.config;
