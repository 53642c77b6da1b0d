package org.plmmonitor.analysis.diary;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.InputText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV files of {@code plm diary import} and {@code export} (docs/contracts.md, "The evening diary"):
 * a diary file (one evening a row) or a lab file (one blood test a row), told apart by the header.
 * Reading checks every row and stops at the first problem with an {@link InputException} naming the file,
 * the line and the column; it returns nothing partial. Writing puts every column in the documented order
 * and quotes a cell only when it holds a comma or a quote.
 */
public final class DiaryCsv {
    /** The lab file's columns, in order. */
    public static final List<String> LAB_COLUMNS = List.of("date", "ferritin_ng_ml", "tsat_pct");

    private DiaryCsv() {
    }

    /** What a file held: evenings or blood tests, in file order. */
    public sealed interface Contents permits Diary, Lab {
        /** @return how many rows */
        int size();
    }

    /** @param entries the evenings, one per date */
    public record Diary(List<DiaryEntry> entries) implements Contents {
        public Diary {
            entries = List.copyOf(entries);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /** @param results the blood tests, one per date */
    public record Lab(List<LabResult> results) implements Contents {
        public Lab {
            results = List.copyOf(results);
        }

        @Override
        public int size() {
            return results.size();
        }
    }

    /**
     * @param file the file's name as the user gave it, for messages
     * @param text the whole file (a leading byte order mark is allowed; lines end in LF or CRLF)
     * @return the rows
     * @throws InputException naming the file, the line and the column of the first problem
     */
    public static Contents read(String file, String text) throws InputException {
        String t = text.startsWith("\ufeff") ? text.substring(1) : text;
        String[] lines = t.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new InputException(file, 1, "expected a header row: date and diary columns, or date,ferritin_ng_ml,tsat_pct");
        }
        List<String> header = cells(file, 1, lines[0]);
        boolean lab = header.contains("ferritin_ng_ml") || header.contains("tsat_pct");
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            boolean known = lab ? LAB_COLUMNS.contains(h) : DiaryColumn.named(h).isPresent();
            if (!known) {
                throw new InputException(file, 1, "column " + (i + 1) + ": unknown column " + InputText.quote(h) + "; expected "
                        + (lab ? String.join(",", LAB_COLUMNS) : "date and diary columns (" + String.join(",",
                        List.of(DiaryColumn.values()).stream().map(DiaryColumn::columnName).toList()) + ")"));
            }
            if (pos.put(h, i) != null) {
                throw new InputException(file, 1, "column " + h + " appears twice");
            }
        }
        if (!pos.containsKey("date")) {
            throw new InputException(file, 1, "no date column");
        }
        List<DiaryEntry> entries = new ArrayList<>();
        List<LabResult> results = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        for (int ln = 1; ln < lines.length; ln++) {
            int lineNo = ln + 1;
            if (lines[ln].isBlank()) {
                continue; // a trailing newline, or a blank row a spreadsheet left
            }
            List<String> row = cells(file, lineNo, lines[ln]);
            if (row.size() != header.size()) {
                throw new InputException(file, lineNo, "expected " + header.size() + " cells as in the header, got " + row.size());
            }
            String dateCell = row.get(pos.get("date")).strip();
            LocalDate date;
            try {
                date = LocalDate.parse(dateCell);
            } catch (DateTimeParseException e) {
                throw new InputException(file, lineNo, "date: expected yyyy-MM-dd, got " + InputText.quote(dateCell), e);
            }
            Integer before = seen.put(date, lineNo);
            if (before != null) {
                throw new InputException(file, lineNo, "date: " + date + " is already on line " + before);
            }
            try {
                if (lab) {
                    results.add(new LabResult(date, labValue(row, pos, "ferritin_ng_ml", 5000),
                            labValue(row, pos, "tsat_pct", 100)));
                } else {
                    DiaryEntry.Builder b = DiaryEntry.builder(date);
                    for (Map.Entry<String, Integer> c : pos.entrySet()) {
                        DiaryColumn col = DiaryColumn.named(c.getKey()).orElseThrow();
                        if (col != DiaryColumn.DATE) {
                            col.parse(row.get(c.getValue()), b);
                        }
                    }
                    entries.add(b.build());
                }
            } catch (IllegalArgumentException e) {
                throw new InputException(file, lineNo, e.getMessage(), e);
            }
        }
        return lab ? new Lab(results) : new Diary(entries);
    }

    private static Double labValue(List<String> row, Map<String, Integer> pos, String column, double max) {
        Integer i = pos.get(column);
        String v = i == null ? "" : row.get(i).strip();
        return v.isEmpty() ? null : DiaryCells.parseNumber(column, v, 0, max);
    }

    /** @return a diary file: the header and one row per entry, every column, LF line ends */
    public static String writeDiary(List<DiaryEntry> entries) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", List.of(DiaryColumn.values()).stream().map(DiaryColumn::columnName).toList())).append('\n');
        for (DiaryEntry e : entries) {
            List<String> cells = new ArrayList<>();
            for (DiaryColumn c : DiaryColumn.values()) {
                cells.add(quote(c.format(e)));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    /** @return a lab file: the header and one row per result */
    public static String writeLab(List<LabResult> results) {
        StringBuilder b = new StringBuilder(String.join(",", LAB_COLUMNS)).append('\n');
        for (LabResult r : results) {
            b.append(r.date()).append(',').append(r.ferritinNgMl() == null ? "" : DiaryCells.number(r.ferritinNgMl()))
                    .append(',').append(r.tsatPct() == null ? "" : DiaryCells.number(r.tsatPct())).append('\n');
        }
        return b.toString();
    }

    private static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        return cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** Splits one line into cells: RFC 4180 quoting, no line breaks inside a cell. */
    static List<String> cells(String file, int lineNo, String line) throws InputException {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new InputException(file, lineNo, "cell " + (out.size() + 1)
                                + ": a quoted cell does not end on its line (line breaks inside a cell are not read)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new InputException(file, lineNo, "cell " + (out.size() + 1) + ": text after a closing quote");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    cell.append(line.charAt(i++));
                }
            }
            out.add(cell.toString());
            cell.setLength(0);
            if (i >= line.length()) {
                return out;
            }
            i++; // the comma
        }
    }
}
