package org.plmmonitor.analysis.diary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of the diary, in their documented order (docs/contracts.md): each turns its field of a
 * {@link DiaryEntry} into the cell's text and back. The CSV files and the store both go through here.
 * A {@code null} cell is a field not recorded.
 */
public enum DiaryColumn {
    /** The evening, {@code yyyy-MM-dd}; read and written by the file and the store themselves. */
    DATE("date"),
    /** {@code none} or {@code HH:mm} of the last caffeine. */
    CAFFEINE_LAST("caffeine_last"),
    /** Units of alcohol. */
    ALCOHOL_UNITS("alcohol_units"),
    /** yes/no. */
    NICOTINE("nicotine"),
    /** {@code none} or listed medicine codes separated by {@code ;}. */
    MEDICINES("medicines"),
    /** Free text. */
    MEDICINES_OTHER("medicines_other"),
    /** {@code none} or {@code name:dose@HH:mm} items separated by {@code ;}. */
    RLS_MEDICINES("rls_medicines"),
    /** Whole minutes. */
    EXERCISE_MIN("exercise_min"),
    /** {@code HH:mm}. */
    EXERCISE_TIME("exercise_time"),
    /** yes/no. */
    MASSAGE("massage"),
    /** yes/no. */
    COMPRESSION("compression"),
    /** yes/no. */
    CONTRAST_SHOWER("contrast_shower"),
    /** mg of elemental iron. */
    IRON_MG("iron_mg"),
    /** {@code HH:mm}. */
    IRON_TIME("iron_time"),
    /** {@code HH:mm}. */
    BEDTIME("bedtime"),
    /** {@code HH:mm}. */
    SYMPTOM_ONSET("symptom_onset"),
    /** {@code HH:mm}. */
    GET_UP("get_up"),
    /** 0-10. */
    SYMPTOM_RATING("symptom_rating");

    private static final String NONE = "none";
    private final String columnName;

    DiaryColumn(String columnName) {
        this.columnName = columnName;
    }

    /** @return the column's name in files and in the store's {@code diary} table */
    public String columnName() {
        return columnName;
    }

    /**
     * @param name a header cell
     * @return the column of that name (exact, lower case)
     */
    public static Optional<DiaryColumn> named(String name) {
        for (DiaryColumn c : values()) {
            if (c.columnName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the field columns, every column but {@link #DATE} */
    public static List<DiaryColumn> fields() {
        return List.of(values()).subList(1, values().length);
    }

    /**
     * @param e an entry
     * @return this field's cell text, or null when the field was not recorded ({@link #DATE}: the date)
     */
    public String format(DiaryEntry e) {
        return switch (this) {
            case DATE -> e.date().toString();
            case CAFFEINE_LAST -> e.caffeine() == null ? null : e.caffeine() ? DiaryCells.time(e.caffeineLast()) : NONE;
            case ALCOHOL_UNITS -> e.alcoholUnits() == null ? null : DiaryCells.number(e.alcoholUnits());
            case NICOTINE -> yesNo(e.nicotine());
            case MEDICINES -> e.medicines() == null ? null : e.medicines().isEmpty() ? NONE
                    : String.join(";", e.medicines().stream().map(KnownMedicine::code).toList());
            case MEDICINES_OTHER -> e.medicinesOther();
            case RLS_MEDICINES -> e.rlsMedicines() == null ? null : e.rlsMedicines().isEmpty() ? NONE
                    : String.join(";", e.rlsMedicines().stream()
                    .map(m -> m.name() + ":" + m.dose() + "@" + DiaryCells.time(m.time())).toList());
            case EXERCISE_MIN -> e.exerciseMin() == null ? null : e.exerciseMin().toString();
            case EXERCISE_TIME -> time(e.exerciseTime());
            case MASSAGE -> yesNo(e.massage());
            case COMPRESSION -> yesNo(e.compression());
            case CONTRAST_SHOWER -> yesNo(e.contrastShower());
            case IRON_MG -> e.ironMg() == null ? null : DiaryCells.number(e.ironMg());
            case IRON_TIME -> time(e.ironTime());
            case BEDTIME -> time(e.bedtime());
            case SYMPTOM_ONSET -> time(e.symptomOnset());
            case GET_UP -> time(e.getUp());
            case SYMPTOM_RATING -> e.symptomRating() == null ? null : e.symptomRating().toString();
        };
    }

    /**
     * Sets this field of a builder from a cell.
     *
     * @param cell the cell's text, stripped; null or empty for not recorded
     * @param b    the builder
     * @throws IllegalArgumentException starting with the column's name, saying what was expected
     */
    public void parse(String cell, DiaryEntry.Builder b) {
        String v = cell == null || cell.isBlank() ? null : cell.strip();
        switch (this) {
            case DATE -> throw new IllegalStateException("the date is read by the file or the store, not as a field");
            case CAFFEINE_LAST -> {
                if (v == null) {
                    b.caffeineNotRecorded();
                } else {
                    b.caffeineLast(v.equalsIgnoreCase(NONE) ? null : DiaryCells.parseTime(columnName, v));
                }
            }
            case ALCOHOL_UNITS -> b.alcoholUnits(v == null ? null : DiaryCells.parseNumber(columnName, v, 0, 50));
            case NICOTINE -> b.nicotine(v == null ? null : DiaryCells.parseYesNo(columnName, v));
            case MEDICINES -> b.medicines(v == null ? null : medicines(v));
            case MEDICINES_OTHER -> b.medicinesOther(v);
            case RLS_MEDICINES -> b.rlsMedicines(v == null ? null : rls(v));
            case EXERCISE_MIN -> b.exerciseMin(v == null ? null : DiaryCells.parseWhole(columnName, v, 0, 600));
            case EXERCISE_TIME -> b.exerciseTime(v == null ? null : DiaryCells.parseTime(columnName, v));
            case MASSAGE -> b.massage(v == null ? null : DiaryCells.parseYesNo(columnName, v));
            case COMPRESSION -> b.compression(v == null ? null : DiaryCells.parseYesNo(columnName, v));
            case CONTRAST_SHOWER -> b.contrastShower(v == null ? null : DiaryCells.parseYesNo(columnName, v));
            case IRON_MG -> b.ironMg(v == null ? null : DiaryCells.parseNumber(columnName, v, 0, 2000));
            case IRON_TIME -> b.ironTime(v == null ? null : DiaryCells.parseTime(columnName, v));
            case BEDTIME -> b.bedtime(v == null ? null : DiaryCells.parseTime(columnName, v));
            case SYMPTOM_ONSET -> b.symptomOnset(v == null ? null : DiaryCells.parseTime(columnName, v));
            case GET_UP -> b.getUp(v == null ? null : DiaryCells.parseTime(columnName, v));
            case SYMPTOM_RATING -> b.symptomRating(v == null ? null : DiaryCells.parseWhole(columnName, v, 0, 10));
        }
    }

    private List<KnownMedicine> medicines(String v) {
        if (v.equalsIgnoreCase(NONE)) {
            return List.of();
        }
        List<KnownMedicine> out = new ArrayList<>();
        for (String code : v.split(";", -1)) {
            String c = code.strip().toLowerCase(Locale.ROOT);
            out.add(KnownMedicine.ofCode(c).orElseThrow(() -> new IllegalArgumentException(columnName
                    + ": expected none or codes separated by ';' from " + String.join(", ",
                    List.of(KnownMedicine.values()).stream().map(KnownMedicine::code).toList())
                    + " (other medicines go in medicines_other), got " + DiaryCells.quoteShort(code))));
        }
        return out;
    }

    private List<RlsMedicine> rls(String v) {
        if (v.equalsIgnoreCase(NONE)) {
            return List.of();
        }
        List<RlsMedicine> out = new ArrayList<>();
        for (String item : v.split(";", -1)) {
            int colon = item.indexOf(':');
            int at = item.lastIndexOf('@');
            if (colon <= 0 || at < colon + 2 || at == item.length() - 1) {
                throw new IllegalArgumentException(columnName + ": expected none or name:dose@HH:mm items separated by ';' "
                        + "(e.g. pramipexole:0.25 mg@21:00), got " + DiaryCells.quoteShort(item));
            }
            out.add(new RlsMedicine(item.substring(0, colon), item.substring(colon + 1, at),
                    DiaryCells.parseTime(columnName, item.substring(at + 1).strip())));
        }
        return out;
    }

    private static String yesNo(Boolean v) {
        return v == null ? null : DiaryCells.yesNo(v);
    }

    private static String time(java.time.LocalTime t) {
        return t == null ? null : DiaryCells.time(t);
    }
}
