/**
 * The embedded local store: everything the monitor finds (movements, series, per-second activity,
 * device events, cuff actions, nights) and the raw signal, in one SQLite database in WAL mode,
 * written by one thread in batched transactions. It works without any InfluxDB; when forwarding is
 * enabled, every write also enqueues an outbox row in the same transaction, which
 * {@code org.plmmonitor.monitor.influx} drains. The evening diary and the lab results live in the same
 * database but are written by {@link org.plmmonitor.monitor.store.DiaryStore}, synchronously, one
 * transaction per save, and an evening whose night was analysed keeps its original beside any amendment.
 * See {@code docs/storage.md}.
 */
package org.plmmonitor.monitor.store;
