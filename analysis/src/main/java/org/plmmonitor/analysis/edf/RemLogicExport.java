package org.plmmonitor.analysis.edf;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A RemLogic event export (text), as RemLogic writes it and PLMScoRe and MATPLM read it: a first
 * line {@code RemLogic Event Export}, free header lines (patient, recording date, the list of event
 * types included), then a tab-separated table whose header line starts with {@code Time [} and names
 * the columns {@code Time [...]}, {@code Event}, {@code Duration[s]} and {@code Location} (in any order;
 * other columns are ignored). Each row is one event: an ISO local date-time
 * ({@code 2015-04-15T23:52:03.162755}), the event type ({@code PLM-LM}, {@code SLEEP-S2},
 * {@code HYPOPNEA}, {@code AROUSAL-RESP}, ...), a duration in decimal seconds, and the channel it was
 * scored on ({@code EMG.Tibialis-Leg.Left}, {@code LAntib1-LAntib2}). Lines end in CRLF or LF; blank
 * lines are skipped; the text is UTF-8, else Windows-1252.
 *
 * <p>Times become seconds on the night's own line: 0 is the onset of the first hypnogram epoch
 * (any sleep, wake or unscored stage), as in PLMScoRe; without a hypnogram, the first event. The
 * recorded span runs to the end of the last epoch (without a hypnogram, of the last event). The
 * date-times carry no zone: a night across a daylight-saving change is off by the hour it skips.
 * Events before 0 keep their negative times.
 *
 * <p>Event types are mapped to kinds by {@link EventLabels} (RemLogic names are among its
 * defaults). The leg of a leg movement comes from its channel ({@link EventLabels#legOfChannel}),
 * else from the event type, else left.
 *
 * @param file      the file as the user named it, for messages
 * @param rows      the events in file order
 * @param recordedS seconds from 0 to the end of the last epoch (or event), &gt;= 0
 */
public record RemLogicExport(String file, List<Row> rows, double recordedS) {
    /** The first line of every export. */
    public static final String MAGIC = "RemLogic Event Export";
    private static final Pattern NUMBER = Pattern.compile("[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    /**
     * One event.
     *
     * @param line      1-based line in the file
     * @param onsetS    seconds from the night's 0 (may be negative)
     * @param durationS seconds, &gt;= 0
     * @param event     the event type as written (trimmed)
     * @param location  the channel as written (trimmed), may be empty
     */
    public record Row(long line, double onsetS, double durationS, String event, String location) {
    }

    public RemLogicExport {
        rows = List.copyOf(rows);
    }

    /**
     * @param head the first bytes of a file (at least 24 to be sure)
     * @return true when they start a RemLogic event export (a UTF-8 byte-order mark allowed)
     */
    public static boolean looksLikeRemLogic(byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1);
        if (s.startsWith("\u00EF\u00BB\u00BF")) {
            s = s.substring(3);
        }
        return s.startsWith(MAGIC);
    }

    /**
     * @param file   a RemLogic event export
     * @param labels label mapping (its stage labels decide where the night's 0 is)
     * @return its events
     * @throws InputException naming the file, the line and what was expected
     */
    public static RemLogicExport read(Path file, EventLabels labels) throws InputException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(name, 0, "cannot read the file: " + IoErrors.reason(e), e);
        }
        return parse(decode(bytes), name, labels);
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // older RemLogic versions write the Windows code page; patient names are the only non-ASCII text
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /**
     * @param text the whole export
     * @param name   the file as the user named it, for messages
     * @param labels label mapping (its stage labels decide where the night's 0 is)
     * @return its events
     * @throws InputException naming the file, the line and what was expected
     */
    public static RemLogicExport parse(String text, String name, EventLabels labels) throws InputException {
        String[] lines = text.split("\r?\n|\r", -1);
        if (lines.length == 0 || !lines[0].replace("\uFEFF", "").strip().equals(MAGIC)) {
            throw new InputException(name, 1, "expected the first line '" + MAGIC + "'");
        }
        int header = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("Time [")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new InputException(name, 0, "no table header line starting with 'Time [' (columns Time, Event, "
                    + "Duration[s], Location)");
        }
        String[] cols = lines[header].split("\t", -1);
        int time = column(cols, "time", name, header + 1);
        int event = column(cols, "event", name, header + 1);
        int duration = column(cols, "duration", name, header + 1);
        int location = column(cols, "location", name, header + 1);
        int needed = Math.max(Math.max(time, event), duration) + 1;

        List<LocalDateTime> at = new ArrayList<>();
        List<String[]> fields = new ArrayList<>();
        List<Long> lineNo = new ArrayList<>();
        for (int i = header + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            long ln = i + 1L;
            String[] f = lines[i].split("\t", -1);
            if (f.length < needed) {
                throw new InputException(name, ln, "expected at least " + needed + " tab-separated columns ("
                        + String.join(", ", cols).strip() + "), found " + f.length);
            }
            try {
                at.add(LocalDateTime.parse(f[time].strip()));
            } catch (DateTimeParseException e) {
                throw new InputException(name, ln, "time '" + f[time].strip()
                        + "' is not a date-time like 2015-04-15T23:52:03.162755", e);
            }
            fields.add(f);
            lineNo.add(ln);
        }
        LocalDateTime origin = null;
        LocalDateTime first = null;
        for (int i = 0; i < at.size(); i++) {
            first = first == null || at.get(i).isBefore(first) ? at.get(i) : first;
            if (labels.isStage(fields.get(i)[event]) && (origin == null || at.get(i).isBefore(origin))) {
                origin = at.get(i);
            }
        }
        boolean staged = origin != null;
        origin = staged ? origin : first;
        List<Row> rows = new ArrayList<>();
        double end = 0;
        for (int i = 0; i < at.size(); i++) {
            String[] f = fields.get(i);
            long ln = lineNo.get(i);
            String d = f[duration].strip();
            if (!NUMBER.matcher(d).matches()) {
                throw new InputException(name, ln, "duration '" + d + "' is not a number of seconds >= 0");
            }
            double on = Duration.between(origin, at.get(i)).toNanos() / 1e9;
            String ev = f[event].strip();
            if (ev.isEmpty()) {
                throw new InputException(name, ln, "the Event column is empty; expected an event type such as PLM-LM");
            }
            Row r = new Row(ln, on, Double.parseDouble(d), ev, location < f.length ? f[location].strip() : "");
            rows.add(r);
            if (!staged || labels.isStage(ev)) {
                end = Math.max(end, r.onsetS() + r.durationS());
            }
        }
        return new RemLogicExport(name, rows, end);
    }

    private static int column(String[] cols, String prefix, String name, long line) throws InputException {
        for (int i = 0; i < cols.length; i++) {
            if (cols[i].strip().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return i;
            }
        }
        throw new InputException(name, line, "the table header has no '" + prefix + "' column; expected Time, Event, "
                + "Duration[s], Location");
    }

    /**
     * @param labels label mapping
     * @return one movement per leg-movement event, leg from the channel (else the type, else left)
     */
    public List<LegMovement> legMovements(EventLabels labels) {
        List<LegMovement> out = new ArrayList<>();
        for (Row r : rows) {
            if (labels.is(r.event(), EventLabels.Kind.LEG_MOVEMENT)) {
                Leg leg = EventLabels.legOfChannel(r.location())
                        .or(() -> EventLabels.legOf(r.event())).orElse(Leg.LEFT);
                out.add(LegMovement.of(r.onsetS(), r.onsetS() + r.durationS(), leg));
            }
        }
        return out;
    }

    /**
     * @param labels label mapping
     * @param kind   any kind: an event kind (respiratory, arousal) or a stage (sleep, wake, unscored)
     * @return the intervals of the rows of that kind, in file order
     */
    public List<TimeInterval> intervals(EventLabels labels, EventLabels.Kind kind) {
        List<TimeInterval> out = new ArrayList<>();
        for (Row r : rows) {
            if (labels.is(r.event(), kind)) {
                out.add(new TimeInterval(r.onsetS(), r.onsetS() + r.durationS()));
            }
        }
        return out;
    }
}
