/**
 * The embedded local store: everything the monitor finds (movements, series, per-second activity,
 * device events, cuff actions, nights) and the raw signal, in one SQLite database in WAL mode,
 * written by one thread in batched transactions. It works without any InfluxDB; when forwarding is
 * enabled, every write also enqueues an outbox row in the same transaction, which
 * {@code org.plmmonitor.monitor.influx} drains. See {@code docs/storage.md}.
 */
package org.plmmonitor.monitor.store;
