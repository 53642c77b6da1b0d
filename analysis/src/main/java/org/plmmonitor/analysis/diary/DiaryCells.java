package org.plmmonitor.analysis.diary;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text form of single diary values, shared by the CSV files and the store (one codec, so what is
 * stored is what a file says). Problems are {@link IllegalArgumentException}s whose message starts with
 * the column's name and says what was expected.
 */
public final class DiaryCells {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,7}(\\.\\d{1,6})?");

    private DiaryCells() {
    }

    /** @return a time as {@code HH:mm} */
    public static String time(LocalTime t) {
        return HM.format(t);
    }

    /**
     * @param column the column, for the message
     * @param cell   {@code HH:mm} or {@code H:mm}, 00:00-23:59
     * @return the time
     */
    public static LocalTime parseTime(String column, String cell) {
        if (!TIME.matcher(cell).matches()) {
            throw new IllegalArgumentException(column + ": expected a time HH:mm (00:00-23:59), got " + quoteShort(cell));
        }
        try {
            return LocalTime.parse(cell.length() == 4 ? "0" + cell : cell, HM);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": expected a time HH:mm, got " + quoteShort(cell), e);
        }
    }

    /** @return a number without trailing zeros or exponent, e.g. {@code 2}, {@code 1.5} */
    public static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * @param column the column
     * @param cell   a plain decimal number (digits, optionally a point and up to 6 decimals)
     * @param min    smallest allowed, in the column's unit
     * @param max    largest allowed
     * @return the number
     */
    public static double parseNumber(String column, String cell, double min, double max) {
        if (!NUMBER.matcher(cell).matches()) {
            throw new IllegalArgumentException(column + ": expected a number " + number(min) + "-" + number(max)
                    + " (digits and a decimal point), got " + quoteShort(cell));
        }
        double v = Double.parseDouble(cell);
        checkRange(column, v, min, max);
        return v;
    }

    /**
     * @param column the column
     * @param cell   whole number
     * @param min    smallest allowed
     * @param max    largest allowed
     * @return the number
     */
    public static int parseWhole(String column, String cell, int min, int max) {
        if (!cell.matches("\\d{1,6}")) {
            throw new IllegalArgumentException(column + ": expected a whole number " + min + "-" + max + ", got " + quoteShort(cell));
        }
        int v = Integer.parseInt(cell);
        if (v < min || v > max) {
            throw new IllegalArgumentException(column + ": " + v + " is outside " + min + "-" + max);
        }
        return v;
    }

    /** @return {@code yes} or {@code no} */
    public static String yesNo(boolean v) {
        return v ? "yes" : "no";
    }

    /**
     * @param column the column
     * @param cell   {@code yes} or {@code no}, any case
     * @return the flag
     */
    public static boolean parseYesNo(String column, String cell) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(column + ": expected yes or no, got " + quoteShort(cell));
        };
    }

    /**
     * @param column the column
     * @param v      a value or null
     * @param min    smallest allowed
     * @param max    largest allowed
     */
    static void checkRange(String column, Double v, double min, double max) {
        if (v != null && !(v >= min && v <= max)) {
            throw new IllegalArgumentException(column + ": " + (Double.isFinite(v) ? number(v) : v.toString()) + " is outside " + number(min) + "-" + number(max));
        }
    }

    /**
     * @param column    the column
     * @param part      which part of the cell, or null
     * @param text      the text
     * @param maxLength most characters allowed
     * @param forbidden characters that would break the cell's own syntax
     * @return the text, trimmed
     */
    static String checkText(String column, String part, String text, int maxLength, String forbidden) {
        String where = column + (part == null ? "" : " (" + part + ")");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + ": is empty");
        }
        String t = text.strip();
        if (t.length() > maxLength) {
            throw new IllegalArgumentException(where + ": longer than " + maxLength + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c) || forbidden.indexOf(c) >= 0) {
                throw new IllegalArgumentException(where + ": must not hold " + (Character.isISOControl(c)
                        ? "control characters" : "'" + c + "'") + ", got " + quoteShort(t));
            }
        }
        return t;
    }

    /** @return at most 40 characters of a cell, quoted, control characters escaped */
    static String quoteShort(String cell) {
        return org.plmmonitor.analysis.io.InputText.quote(cell);
    }
}
