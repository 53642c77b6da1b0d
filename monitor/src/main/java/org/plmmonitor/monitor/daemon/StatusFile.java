package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.protocol.CuffFault;
import org.plmmonitor.monitor.influx.ForwarderHealth;
import org.plmmonitor.monitor.web.WebStatus;
import org.plmmonitor.monitor.store.StoreHealth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The daemon's status as two files in its data directory: {@value #JSON} for programs and {@value #TEXT}
 * for people. Each is replaced atomically (written beside, then renamed), so a reader never sees half a
 * file. {@code plm status} prints one of them.
 */
public final class StatusFile {
    /** Machine-readable status file name. */
    public static final String JSON = "status.json";
    /** Human-readable status file name. */
    public static final String TEXT = "status.txt";

    private StatusFile() {
    }

    /**
     * @param dir the daemon's data directory
     * @param s   the snapshot
     */
    public static void write(Path dir, DaemonStatus s) {
        replace(dir.resolve(JSON), json(s));
        replace(dir.resolve(TEXT), text(s));
    }

    private static void replace(Path file, String content) {
        try {
            AtomicFile.replace(file, w -> w.write(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** @return the snapshot as one JSON object (keys documented in the README) */
    static String json(DaemonStatus s) {
        StringBuilder b = new StringBuilder(1024);
        b.append("{\n  \"updated_utc\": ").append(str(s.updated()));
        b.append(",\n  \"clock\": {\"synced\": ").append(s.clockSynced()).append(", \"reanchors\": ").append(s.reanchors())
                .append(", \"held_samples\": ").append(s.heldSamples()).append(", \"dropped_held_samples\": ")
                .append(s.droppedHeld()).append('}');
        b.append(",\n  \"night\": {\"id\": ").append(str(s.nightId())).append(", \"open\": ").append(s.nightId() != null)
                .append(", \"start_utc\": ").append(str(s.nightStart())).append(", \"movements\": ").append(s.movements())
                .append(", \"nights_closed\": ").append(s.nightsClosed()).append('}');
        b.append(",\n  \"sources\": [");
        String sep = "\n    ";
        for (DaemonStatus.SourceStatus src : s.sources()) {
            b.append(sep).append("{\"leg\": ").append(str(src.leg())).append(", \"type\": ").append(str(src.type()))
                    .append(", \"name\": ").append(str(src.name())).append(", \"rate_hz\": ").append(num(src.rateHz()))
                    .append(", \"measured_rate_hz\": ").append(num(src.measuredRateHz()))
                    .append(", \"samples\": ").append(src.samples())
                    .append(", \"last_sample_s\": ").append(num(src.lastSampleS()))
                    .append(", \"last_sample_utc\": ").append(str(src.lastSampleUtc()))
                    .append(", \"frames_rejected\": ").append(src.rejected())
                    .append(", \"frames_lost\": ").append(src.lost())
                    .append(", \"ended\": ").append(src.ended())
                    .append(", \"link\": ").append(str(src.link() == null ? null : src.link().word())).append('}');
            sep = ",\n    ";
        }
        b.append("\n  ]");
        StoreHealth st = s.store();
        b.append(",\n  \"store\": {\"file\": ").append(str(s.storeFile() == null ? null : s.storeFile().toString()));
        if (st != null) {
            b.append(", \"state\": ").append(str(st.state().name())).append(", \"message\": ").append(str(st.message()))
                    .append(", \"last_commit_utc\": ").append(str(st.lastCommit()))
                    .append(", \"queued_items\": ").append(st.queuedItems())
                    .append(", \"committed_items\": ").append(st.committedItems())
                    .append(", \"dropped_raw_chunks\": ").append(st.droppedRawChunks())
                    .append(", \"dropped_activity_s\": ").append(st.droppedActivity())
                    .append(", \"database_bytes\": ").append(st.databaseBytes());
        }
        b.append('}');
        ForwarderHealth f = s.influx();
        b.append(",\n  \"influx\": {\"configured\": ").append(f != null);
        if (f != null) {
            b.append(", \"state\": ").append(str(f.state().name()))
                    .append(", \"last_write_utc\": ").append(str(f.lastSuccess()))
                    .append(", \"backlog\": ").append(f.backlog())
                    .append(", \"points_written\": ").append(f.pointsWritten())
                    .append(", \"last_error\": ").append(str(f.lastError()));
        }
        b.append('}');
        WebStatus w = s.web();
        b.append(",\n  \"web\": {\"state\": ").append(str(w.state().word())).append(", \"url\": ").append(str(w.url()))
                .append(", \"message\": ").append(str(w.message())).append('}');
        DaemonStatus.CuffStatus c = s.cuff();
        b.append(",\n  \"cuff\": {\"state\": ").append(str(c.state().word()))
                .append(", \"link\": ").append(str(c.link()))
                .append(", \"pressure_mmhg\": ").append(c.pressureMmHg() == null ? "null" : mmHg(c.pressureMmHg()))
                .append(", \"ceiling_mmhg\": ").append(c.ceilingMmHg() == null ? "null" : c.ceilingMmHg().toString())
                .append(", \"last_telemetry_utc\": ").append(str(c.lastTelemetryUtc()))
                .append(", \"faults\": [")
                .append(c.faults().stream().map(fault -> str(fault.word())).collect(Collectors.joining(", ")))
                .append("], \"limits_acknowledged\": ").append(c.limitsAcknowledged()).append('}');
        TherapyStatus t = c.therapy();
        b.append(",\n  \"therapy\": {\"policy\": ").append(str(t.policy()))
                .append(", \"session\": ").append(str(t.session().word()))
                .append(", \"sessions_tonight\": ").append(t.sessionsTonight())
                .append(", \"next_allowed_utc\": ").append(str(t.nextAllowedUtc()))
                .append(", \"contraindications\": [")
                .append(t.contraindications().stream().map(StatusFile::str).collect(Collectors.joining(", ")))
                .append("], \"trial_arm\": ").append(t.trialArm() == null ? "null" : str(t.trialArm().word()))
                .append("}\n}\n");
        return b.toString();
    }

    /** @return the snapshot for a person */
    static String text(DaemonStatus s) {
        StringBuilder b = new StringBuilder(512);
        b.append("updated ").append(s.updated()).append('\n');
        b.append("clock: ").append(s.clockSynced() ? "synced" : "NOT synced yet (samples held back: " + s.heldSamples() + ")")
                .append(s.reanchors() > 0 ? ", " + s.reanchors() + " jump(s) followed" : "").append('\n');
        b.append("night: ").append(s.nightId() == null ? "none open" : s.nightId() + " open since " + s.nightStart()
                + ", " + s.movements() + " movements").append(", ").append(s.nightsClosed()).append(" closed since start\n");
        for (DaemonStatus.SourceStatus src : s.sources()) {
            b.append(String.format(Locale.ROOT, "source %s: %s %s, %s (measured %s), %d samples, last %s, %d rejected, %d lost%s%s%n",
                    src.leg(), src.type(), src.name(),
                    Double.isNaN(src.rateHz()) ? "rate not announced yet" : String.format(Locale.ROOT, "%.0f Hz", src.rateHz()),
                    Double.isNaN(src.measuredRateHz()) ? "n/a" : String.format(Locale.ROOT, "%.1f Hz", src.measuredRateHz()),
                    src.samples(), src.lastSampleUtc() != null ? src.lastSampleUtc().toString() : "n/a",
                    src.rejected(), src.lost(), src.ended() ? ", ended" : "",
                    src.link() == null ? "" : ", link " + src.link().word()));
        }
        StoreHealth st = s.store();
        b.append("store: ").append(s.storeFile());
        if (st != null) {
            b.append(", ").append(st.state()).append(st.message().isEmpty() ? "" : " (" + st.message() + ")")
                    .append(", last commit ").append(st.lastCommit()).append(", ").append(st.committedItems())
                    .append(" items, ").append(st.databaseBytes() / 1024).append(" KiB");
            if (st.droppedRawChunks() + st.droppedActivity() > 0) {
                b.append(", not stored: ").append(st.droppedRawChunks()).append(" raw chunks, ")
                        .append(st.droppedActivity()).append(" activity seconds");
            }
        }
        b.append('\n');
        ForwarderHealth f = s.influx();
        b.append("influxdb: ").append(f == null ? "not configured (local store only)"
                : f.state() + ", last write " + (f.lastSuccess() == null ? "never" : f.lastSuccess().toString())
                + ", backlog " + f.backlog() + (f.lastError().isEmpty() ? "" : ", last error: " + f.lastError())).append('\n');
        WebStatus w = s.web();
        b.append("web: ").append(w.state().word()).append(w.url() == null ? "" : " at " + w.url())
                .append(w.message().isEmpty() ? "" : ": " + w.message()).append('\n');
        b.append("cuff: ").append(cuffText(s.cuff())).append('\n');
        b.append("therapy: ").append(therapyText(s.cuff().therapy())).append('\n');
        return b.toString();
    }

    private static String cuffText(DaemonStatus.CuffStatus c) {
        if (c.state() == CuffLinkState.NOT_CONFIGURED) {
            return c.state().word();
        }
        StringBuilder b = new StringBuilder(c.state().word()).append(" on ").append(c.link());
        b.append(", pressure ").append(c.pressureMmHg() == null ? "n/a" : mmHg(c.pressureMmHg()) + " mmHg");
        b.append(" (last telemetry ").append(c.lastTelemetryUtc() == null ? "never" : c.lastTelemetryUtc().toString()).append(')');
        b.append(", host ceiling ").append(c.ceilingMmHg()).append(" mmHg ")
                .append(c.limitsAcknowledged() ? "acknowledged" : "NOT acknowledged");
        b.append(", faults: ").append(c.faults().isEmpty() ? "none"
                : c.faults().stream().map(CuffFault::word).collect(Collectors.joining(", ")));
        return b.toString();
    }

    private static String therapyText(TherapyStatus t) {
        StringBuilder b = new StringBuilder("policy ").append(t.policy()).append(", session ").append(t.session().word())
                .append(", ").append(t.sessionsTonight()).append(" session(s) tonight, next allowed ")
                .append(t.nextAllowedUtc() == null ? "none" : t.nextAllowedUtc().toString());
        if (t.trialArm() != null) {
            b.append(", trial arm tonight ").append(t.trialArm().word());
        }
        if (!t.contraindications().isEmpty()) {
            b.append(", contraindication declared: ").append(String.join(", ", t.contraindications()))
                    .append(" (no policy but off may run)");
        }
        return b.toString();
    }

    /** Pressure to the telemetry's resolution, 0.1 mmHg. */
    private static String mmHg(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
    }

    private static String str(Instant t) {
        return t == null ? "null" : str(t.toString());
    }

    private static String str(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Checks that a status file's content is one the daemon wrote: {@code plm status} must not pass on
     * a damaged file as if it were the daemon's word.
     *
     * @param content the file's text
     * @param json    true for {@value #JSON}, false for {@value #TEXT}
     * @return what is wrong, or empty when the content has the shape the daemon writes
     */
    public static java.util.Optional<String> problemIn(String content, boolean json) {
        String head = json ? "{\n  \"updated_utc\": \"" : "updated ";
        if (!content.startsWith(head)) {
            return java.util.Optional.of("does not start with " + org.plmmonitor.analysis.io.InputText.quote(head));
        }
        String tail = json ? "}\n}\n" : "\n";
        if (!content.endsWith(tail) || !json && !content.contains("\ncuff: ")) {
            return java.util.Optional.of("is cut short (it does not end as the daemon writes it)");
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7F || c == '\uFFFD') {
                return java.util.Optional.of("holds a control or undecodable character at offset " + i);
            }
        }
        int eol = content.indexOf(json ? '"' : '\n', head.length());
        try {
            Instant.parse(content.substring(head.length(), eol < 0 ? head.length() : eol));
        } catch (java.time.format.DateTimeParseException | StringIndexOutOfBoundsException e) {
            return java.util.Optional.of("has no valid update time");
        }
        return java.util.Optional.empty();
    }
}
