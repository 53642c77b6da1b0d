/**
 * Store-and-forward to InfluxDB 1.x (influxdb-java 2.25): {@link org.plmmonitor.monitor.influx.InfluxForwarder}
 * drains the local store's outbox in batches, with capped exponential backoff while the server is
 * unreachable, and acknowledges rows only after a successful write. Timestamps are the events' own
 * times, so a replay overwrites identical points instead of duplicating them. The schema is in
 * {@code docs/influxdb-schema.md} and {@link org.plmmonitor.monitor.influx.InfluxPoints}.
 */
package org.plmmonitor.monitor.influx;
