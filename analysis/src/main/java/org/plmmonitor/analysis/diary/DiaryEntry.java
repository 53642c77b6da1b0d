package org.plmmonitor.analysis.diary;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * One evening's diary (docs/contracts.md, "The evening diary"). Every field but the date may be
 * {@code null}, meaning <em>not recorded</em>; "none" is recorded explicitly ({@code false}, 0 or an empty
 * list), because a factor comparison leaves a night out when its diary did not record the factor. Times are
 * local times of day. Build one with {@link #builder(LocalDate)}.
 *
 * @param date            the evening, which names the night that follows it
 * @param caffeine        any caffeine that day: {@code false} none, {@code true} some (then {@code caffeineLast} is set)
 * @param caffeineLast    time of the last caffeine, set exactly when {@code caffeine} is true
 * @param alcoholUnits    units of alcohol (10 g each), 0-50
 * @param nicotine        any nicotine that evening
 * @param medicines       the listed medicines taken (empty: none of them)
 * @param medicinesOther  other medicines, free text, 1-200 characters
 * @param rlsMedicines    RLS medicines taken, with dose and time (empty: none)
 * @param exerciseMin     evening exercise, whole minutes, 0-600
 * @param exerciseTime    when the exercise started; only with {@code exerciseMin} above 0
 * @param massage         a leg massage that evening
 * @param compression     a compression session (cuff or stockings) that evening
 * @param contrastShower  a warm/cold contrast shower that evening
 * @param ironMg          iron taken, mg of elemental iron, 0-2000
 * @param ironTime        when the iron was taken; only with {@code ironMg} above 0
 * @param bedtime         going to bed
 * @param symptomOnset    when the symptoms usually began that evening
 * @param getUp           getting up the next morning
 * @param symptomRating   how bad the symptoms were, 0 (none) to 10 (worst)
 */
public record DiaryEntry(LocalDate date, Boolean caffeine, LocalTime caffeineLast, Double alcoholUnits, Boolean nicotine,
                         List<KnownMedicine> medicines, String medicinesOther, List<RlsMedicine> rlsMedicines,
                         Integer exerciseMin, LocalTime exerciseTime, Boolean massage, Boolean compression,
                         Boolean contrastShower, Double ironMg, LocalTime ironTime, LocalTime bedtime,
                         LocalTime symptomOnset, LocalTime getUp, Integer symptomRating) {
    public DiaryEntry {
        Objects.requireNonNull(date, "diary date");
        if (caffeineLast != null && !Boolean.TRUE.equals(caffeine) || Boolean.TRUE.equals(caffeine) && caffeineLast == null) {
            throw new IllegalArgumentException("caffeine_last: some caffeine needs the time of the last (HH:mm)");
        }
        DiaryCells.checkRange("alcohol_units", alcoholUnits, 0, 50);
        medicines = medicines == null ? null : List.copyOf(medicines.stream().distinct().sorted().toList());
        medicinesOther = medicinesOther == null || medicinesOther.isBlank() ? null
                : DiaryCells.checkText("medicines_other", null, medicinesOther, 200, "");
        rlsMedicines = rlsMedicines == null ? null : List.copyOf(rlsMedicines);
        if (exerciseMin != null && (exerciseMin < 0 || exerciseMin > 600)) {
            throw new IllegalArgumentException("exercise_min: " + exerciseMin + " is outside 0-600");
        }
        if (exerciseTime != null && !(exerciseMin != null && exerciseMin > 0)) {
            throw new IllegalArgumentException("exercise_time: a time needs exercise_min above 0");
        }
        DiaryCells.checkRange("iron_mg", ironMg, 0, 2000);
        if (ironTime != null && !(ironMg != null && ironMg > 0)) {
            throw new IllegalArgumentException("iron_time: a time needs iron_mg above 0");
        }
        if (symptomRating != null && (symptomRating < 0 || symptomRating > 10)) {
            throw new IllegalArgumentException("symptom_rating: " + symptomRating + " is outside 0-10");
        }
    }

    /**
     * @param date the evening
     * @return a builder with nothing recorded
     */
    public static Builder builder(LocalDate date) {
        return new Builder(date);
    }

    /** @return a builder holding this entry's values (to change a few) */
    public Builder toBuilder() {
        Builder b = new Builder(date);
        b.caffeine = caffeine;
        b.caffeineLast = caffeineLast;
        b.alcoholUnits = alcoholUnits;
        b.nicotine = nicotine;
        b.medicines = medicines;
        b.medicinesOther = medicinesOther;
        b.rlsMedicines = rlsMedicines;
        b.exerciseMin = exerciseMin;
        b.exerciseTime = exerciseTime;
        b.massage = massage;
        b.compression = compression;
        b.contrastShower = contrastShower;
        b.ironMg = ironMg;
        b.ironTime = ironTime;
        b.bedtime = bedtime;
        b.symptomOnset = symptomOnset;
        b.getUp = getUp;
        b.symptomRating = symptomRating;
        return b;
    }

    /** @return true when iron was taken that evening */
    public boolean tookIron() {
        return ironMg != null && ironMg > 0;
    }

    /** Collects the fields of an entry; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final LocalDate date;
        private Boolean caffeine;
        private LocalTime caffeineLast;
        private Double alcoholUnits;
        private Boolean nicotine;
        private List<KnownMedicine> medicines;
        private String medicinesOther;
        private List<RlsMedicine> rlsMedicines;
        private Integer exerciseMin;
        private LocalTime exerciseTime;
        private Boolean massage;
        private Boolean compression;
        private Boolean contrastShower;
        private Double ironMg;
        private LocalTime ironTime;
        private LocalTime bedtime;
        private LocalTime symptomOnset;
        private LocalTime getUp;
        private Integer symptomRating;

        private Builder(LocalDate date) {
            this.date = Objects.requireNonNull(date, "diary date");
        }

        /** @param last time of the last caffeine, or null for none that day; @return this */
        public Builder caffeineLast(LocalTime last) {
            this.caffeine = last != null;
            this.caffeineLast = last;
            return this;
        }

        /** Marks caffeine as not recorded. @return this */
        public Builder caffeineNotRecorded() {
            this.caffeine = null;
            this.caffeineLast = null;
            return this;
        }

        /** @param units units of alcohol 0-50, null: not recorded; @return this */
        public Builder alcoholUnits(Double units) {
            this.alcoholUnits = units;
            return this;
        }

        /** @param v nicotine, null: not recorded; @return this */
        public Builder nicotine(Boolean v) {
            this.nicotine = v;
            return this;
        }

        /** @param v listed medicines taken (empty: none), null: not recorded; @return this */
        public Builder medicines(List<KnownMedicine> v) {
            this.medicines = v;
            return this;
        }

        /** @param v other medicines, free text up to 200 characters, null: none written; @return this */
        public Builder medicinesOther(String v) {
            this.medicinesOther = v;
            return this;
        }

        /** @param v RLS medicines (empty: none), null: not recorded; @return this */
        public Builder rlsMedicines(List<RlsMedicine> v) {
            this.rlsMedicines = v;
            return this;
        }

        /** @param minutes 0-600, null: not recorded; @param start when it started, null: not given; @return this */
        public Builder exercise(Integer minutes, LocalTime start) {
            this.exerciseMin = minutes;
            this.exerciseTime = start;
            return this;
        }

        /** @param minutes evening exercise 0-600 min, null: not recorded; @return this */
        public Builder exerciseMin(Integer minutes) {
            this.exerciseMin = minutes;
            return this;
        }

        /** @param start when the exercise started, null: not given; @return this */
        public Builder exerciseTime(LocalTime start) {
            this.exerciseTime = start;
            return this;
        }

        /** @param mg elemental iron 0-2000 mg, null: not recorded; @return this */
        public Builder ironMg(Double mg) {
            this.ironMg = mg;
            return this;
        }

        /** @param time when the iron was taken, null: not given; @return this */
        public Builder ironTime(LocalTime time) {
            this.ironTime = time;
            return this;
        }

        /** @param v massage, null: not recorded; @return this */
        public Builder massage(Boolean v) {
            this.massage = v;
            return this;
        }

        /** @param v compression, null: not recorded; @return this */
        public Builder compression(Boolean v) {
            this.compression = v;
            return this;
        }

        /** @param v contrast shower, null: not recorded; @return this */
        public Builder contrastShower(Boolean v) {
            this.contrastShower = v;
            return this;
        }

        /** @param mg elemental iron 0-2000 mg, null: not recorded; @param time when, null: not given; @return this */
        public Builder iron(Double mg, LocalTime time) {
            this.ironMg = mg;
            this.ironTime = time;
            return this;
        }

        /** @param v going to bed, null: not recorded; @return this */
        public Builder bedtime(LocalTime v) {
            this.bedtime = v;
            return this;
        }

        /** @param v usual symptom onset that evening, null: not recorded; @return this */
        public Builder symptomOnset(LocalTime v) {
            this.symptomOnset = v;
            return this;
        }

        /** @param v getting up, null: not recorded; @return this */
        public Builder getUp(LocalTime v) {
            this.getUp = v;
            return this;
        }

        /** @param v 0-10, null: not recorded; @return this */
        public Builder symptomRating(Integer v) {
            this.symptomRating = v;
            return this;
        }

        /**
         * @return the entry
         * @throws IllegalArgumentException naming the column (as in the CSV) and what was expected
         */
        public DiaryEntry build() {
            return new DiaryEntry(date, caffeine, caffeineLast, alcoholUnits, nicotine, medicines, medicinesOther,
                    rlsMedicines, exerciseMin, exerciseTime, massage, compression, contrastShower, ironMg, ironTime,
                    bedtime, symptomOnset, getUp, symptomRating);
        }
    }
}
