package org.plmmonitor.analysis.edf;

import org.plmmonitor.analysis.io.AccelCsvReader;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.InputText;
import org.plmmonitor.analysis.io.IoErrors;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Event CSVs: {@code onset_s,offset_s[,leg]} for leg movements, {@code onset_s,offset_s} for sleep,
 * respiratory events and arousals. Comma-separated, fields trimmed; a first line whose first field starts
 * with a letter (or a quoted letter) is a header; blank lines and lines starting with {@code #} are skipped. Times are
 * decimal seconds (no NaN, no infinities, no hex); an offset may equal but not precede its onset.
 * Rows may be in any order. A file with no characters at all is an error; a header alone is a night
 * without events.
 */
public final class EventCsv {
    private static final Pattern HEADER = Pattern.compile("(?!(?i)\"?(nan|inf|infinity)\"?$)\"?[A-Za-z_].*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private EventCsv() {
    }

    /**
     * @param file CSV of {@code onset_s,offset_s[,leg]}, leg {@code L}/{@code R}/{@code left}/{@code right}
     *             (also {@code B}/{@code bilateral}), left when absent
     * @return the movements in file order
     * @throws InputException naming file, line and problem
     */
    public static List<LegMovement> readMovements(Path file) throws InputException {
        List<LegMovement> out = new ArrayList<>();
        read(file, 2, List.of("onset_s", "offset_s", "leg"), (f, line, name) -> {
            double on = number(f[0], name, line, "onset_s");
            double off = number(f[1], name, line, "offset_s");
            check(on, off, name, line);
            Leg leg = Leg.LEFT;
            if (f.length == 3 && !f[2].isEmpty()) {
                try {
                    leg = Leg.parse(f[2]);
                } catch (IllegalArgumentException e) {
                    throw new InputException(name, line, e.getMessage(), e);
                }
            }
            out.add(LegMovement.of(on, off, leg));
        });
        return out;
    }

    /**
     * @param file CSV of {@code onset_s,offset_s}
     * @return the intervals in file order
     * @throws InputException naming file, line and problem
     */
    public static List<TimeInterval> readIntervals(Path file) throws InputException {
        List<TimeInterval> out = new ArrayList<>();
        read(file, 2, List.of("onset_s", "offset_s"), (f, line, name) -> {
            double on = number(f[0], name, line, "onset_s");
            double off = number(f[1], name, line, "offset_s");
            check(on, off, name, line);
            out.add(new TimeInterval(on, off));
        });
        return out;
    }

    private interface Row {
        void accept(String[] fields, long line, String name) throws InputException;
    }

    /**
     * @param min     columns a row needs
     * @param columns the columns' names, in order: a header must name them so (case aside; the optional
     *                last ones may be left out), so that a file laid out otherwise is refused, not misread
     */
    private static void read(Path file, int min, List<String> columns, Row row) throws InputException {
        String name = file.toString();
        int max = columns.size();
        String layout = String.join(",", columns.subList(0, min))
                + (max > min ? "[," + String.join(",", columns.subList(min, max)) + "]" : "");
        long line = 0;
        boolean anything = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            while ((s = r.readLine()) != null) {
                line++;
                anything |= !s.isEmpty();
                String t = s.strip();
                if (line == 1 && t.startsWith("\uFEFF")) {
                    t = t.substring(1);
                }
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split(",", -1);
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].strip();
                }
                if (line == 1 && HEADER.matcher(f[0]).matches()) {
                    if (!names(f, min, columns)) {
                        throw new InputException(name, line, "header is " + InputText.quote(t) + ": expected "
                                + layout + " (or no header)");
                    }
                    continue;
                }
                if (f.length < min || f.length > max) {
                    throw new InputException(name, line, "expected " + (min == max ? min : min + " or " + max)
                            + " columns (" + layout + "), found " + f.length);
                }
                row.accept(f, line, name);
            }
        } catch (CharacterCodingException e) {
            // The reader decodes ahead of the line it returns: find the line of the first bad byte.
            throw new InputException(name, InputText.firstNonUtf8Line(file), "not UTF-8 text: expected a CSV of "
                    + layout, e);
        } catch (IOException e) {
            throw new InputException(name, line, "cannot read the file: " + IoErrors.reason(e), e);
        }
        if (!anything) {
            throw new InputException(name, 0, "file is empty; expected a CSV of " + layout);
        }
    }

    private static boolean names(String[] header, int min, List<String> columns) {
        if (header.length < min || header.length > columns.size()) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            String h = header[i].length() >= 2 && header[i].startsWith("\"") && header[i].endsWith("\"")
                    ? header[i].substring(1, header[i].length() - 1) : header[i];
            if (!h.strip().equalsIgnoreCase(columns.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static double number(String f, String name, long line, String field) throws InputException {
        if (!NUMBER.matcher(f).matches()) {
            throw new InputException(name, line, field + " " + InputText.quote(f) + " is not a number of seconds");
        }
        double v = Double.parseDouble(f);
        if (!Double.isFinite(v)) {
            throw new InputException(name, line, field + " " + InputText.quote(f) + " is out of range");
        }
        if (Math.abs(v) > AccelCsvReader.MAX_SPAN_S) {
            // Seconds from the recording's start: beyond a week no night holds it, and rates and per-hour
            // totals would span it.
            throw new InputException(name, line, field + " " + InputText.quote(f) + " is beyond "
                    + (long) AccelCsvReader.MAX_SPAN_S + " s (7 days) from the recording's start");
        }
        return v;
    }

    private static void check(double on, double off, String name, long line) throws InputException {
        if (off < on) {
            throw new InputException(name, line, "offset_s " + off + " is before onset_s " + on);
        }
    }
}
