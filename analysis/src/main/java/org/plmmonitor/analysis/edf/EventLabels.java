package org.plmmonitor.analysis.edf;

import org.plmmonitor.analysis.movement.Leg;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which annotation texts of a PSG scoring mean what. Each kind is a regular expression matched
 * against the whole trimmed text, case-insensitively. Defaults:
 * <ul>
 * <li>leg movement: {@code LM}, {@code Limb Movement}, {@code Leg Movement}, optionally followed by
 * the leg: {@code L}, {@code R}, {@code Left}, {@code Right}, in parentheses or after a space, dash or
 * underscore (e.g. {@code Limb movement (left)}, {@code LM R}, {@code LM-L}); also
 * {@code Left/Right Leg Movement}. Scored PLM labels are not taken: they are re-scored from LMs.</li>
 * <li>respiratory: {@code Apnea}, {@code Obstructive/Central/Mixed Apnea}, {@code Hypopnea} (also
 * {@code Obstructive/Central Hypopnea}; "apnoea" spellings accepted).</li>
 * <li>arousal: {@code Arousal}, {@code EEG Arousal}, and either followed by a parenthesised or
 * space-separated qualifier (e.g. {@code Arousal (ARO SPONT)}).</li>
 * <li>sleep: {@code Sleep stage N1|N2|N3|N4|R|REM|1|2|3|4}; wake: {@code Sleep stage W}; unscored
 * (neither sleep nor wake): {@code Sleep stage ?}, {@code Movement time}.</li>
 * <li>RemLogic event types: leg movement {@code PLM-LM}; respiratory {@code APNEA}, {@code HYPOPNEA}, each
 * optionally {@code -CENTRAL|-MIXED|-OBSTRUCTIVE}; arousal {@code AROUSAL} and {@code AROUSAL-*};
 * sleep {@code SLEEP-S1..S4}, {@code SLEEP-REM}; wake {@code SLEEP-S0}; unscored {@code SLEEP-UNSCORED},
 * {@code SLEEP-MT}.</li>
 * </ul>
 * A text that is a stage label (sleep, wake, unscored) is never taken as an event of another kind,
 * whatever the event expressions say: a hypnogram epoch is not a leg movement, even when a broad
 * {@code --lm-label} expression would match "Sleep stage R".
 *
 * <p>The leg of a leg-movement label is found by the words {@code left}/{@code L} or {@code right}/{@code R};
 * without one the movement is taken as left (as CSV input without a leg column).
 */
public final class EventLabels {
    /** What an annotation means. */
    public enum Kind {
        LEG_MOVEMENT, RESPIRATORY, AROUSAL, SLEEP, WAKE,
        /** A hypnogram epoch scored neither sleep nor wake (unscored, movement time). */
        UNSCORED;

        /** @return true for the hypnogram kinds (sleep, wake, unscored) */
        public boolean isStage() {
            return this == SLEEP || this == WAKE || this == UNSCORED;
        }
    }

    public static final String DEFAULT_LM =
            "(lm|limb\\s*movement|leg\\s*movement)(\\s*[-_ ]?\\s*(\\(\\s*(l|r|left|right)\\s*\\)|(l|r|left|right)))?"
                    + "|(left|right)\\s+(limb|leg)\\s+movement"
                    + "|plm-lm";
    public static final String DEFAULT_RESPIRATORY = "((obstructive|central|mixed)\\s+)?(apn(o)?ea|hypopn(o)?ea)"
            + "|(apnea|hypopnea)-(central|mixed|obstructive)";
    public static final String DEFAULT_AROUSAL = "(eeg\\s+)?arousal(\\s*\\(.*\\)|\\s+.*)?|arousal-[a-z]+";
    public static final String DEFAULT_SLEEP = "sleep\\s+stage\\s+(n?[1-4]|r|rem)|sleep-(s[1-4]|rem)";
    public static final String DEFAULT_WAKE = "sleep\\s+stage\\s+w|sleep-s0";
    public static final String DEFAULT_UNSCORED = "sleep\\s+stage\\s+\\?|movement\\s+time|sleep-(unscored|mt)";

    private static final Pattern LEFT = Pattern.compile("(?i)(^|[^a-z])(left|l)([^a-z]|$)");
    private static final Pattern RIGHT = Pattern.compile("(?i)(^|[^a-z])(right|r)([^a-z]|$)");
    private static final Pattern LEFT_PREFIX = Pattern.compile("(?i)(^|[^a-z])l(antib|at|ta|tib|leg)");
    private static final Pattern RIGHT_PREFIX = Pattern.compile("(?i)(^|[^a-z])r(antib|at|ta|tib|leg)");

    private final Pattern lm;
    private final Pattern respiratory;
    private final Pattern arousal;
    private final Pattern sleep;
    private final Pattern wake;
    private final Pattern unscored;

    private EventLabels(Pattern lm, Pattern respiratory, Pattern arousal, Pattern sleep, Pattern wake,
                        Pattern unscored) {
        this.lm = lm;
        this.respiratory = respiratory;
        this.arousal = arousal;
        this.sleep = sleep;
        this.wake = wake;
        this.unscored = unscored;
    }

    /** @return the default labels described in the class comment */
    public static EventLabels defaults() {
        return new EventLabels(compile(DEFAULT_LM), compile(DEFAULT_RESPIRATORY), compile(DEFAULT_AROUSAL),
                compile(DEFAULT_SLEEP), compile(DEFAULT_WAKE), compile(DEFAULT_UNSCORED));
    }

    /**
     * @param kind  which label to replace
     * @param regex a Java regular expression matched against the whole trimmed text, case-insensitively
     * @return a copy with that label replaced
     * @throws IllegalArgumentException naming the kind and the bad expression
     */
    public EventLabels with(Kind kind, String regex) {
        Pattern p;
        try {
            p = compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("label expression for " + kind.name().toLowerCase(Locale.ROOT)
                    + " '" + regex + "' is not a valid regular expression: " + e.getDescription(), e);
        }
        return new EventLabels(kind == Kind.LEG_MOVEMENT ? p : lm, kind == Kind.RESPIRATORY ? p : respiratory,
                kind == Kind.AROUSAL ? p : arousal, kind == Kind.SLEEP ? p : sleep, kind == Kind.WAKE ? p : wake,
                kind == Kind.UNSCORED ? p : unscored);
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * @param text an annotation text
     * @param kind a kind
     * @return true when the text is a label of that kind; for an event kind, false when the text is
     *         a stage label (see the class comment)
     */
    public boolean is(String text, Kind kind) {
        if (!kind.isStage() && isStage(text)) {
            return false;
        }
        return pattern(kind).matcher(text.trim()).matches();
    }

    /**
     * @param text an annotation text
     * @return true when it is a sleep, wake or unscored stage label
     */
    public boolean isStage(String text) {
        String t = text.trim();
        return sleep.matcher(t).matches() || wake.matcher(t).matches() || unscored.matcher(t).matches();
    }

    private Pattern pattern(Kind kind) {
        return switch (kind) {
            case LEG_MOVEMENT -> lm;
            case RESPIRATORY -> respiratory;
            case AROUSAL -> arousal;
            case SLEEP -> sleep;
            case WAKE -> wake;
            case UNSCORED -> unscored;
        };
    }

    /**
     * The leg a PSG channel (derivation) name gives: the words of {@link #legOf}, else a tibialis
     * derivation written with an L or R prefix, such as {@code LAT1-LAT2}, {@code LAntib1-LAntib2},
     * {@code RTib}, {@code LLeg1}.
     *
     * @param channel a channel or location name
     * @return the leg it names, or empty when it names none (or both)
     */
    public static Optional<Leg> legOfChannel(String channel) {
        Optional<Leg> byWord = legOf(channel);
        if (byWord.isPresent()) {
            return byWord;
        }
        Matcher l = LEFT_PREFIX.matcher(channel);
        Matcher r = RIGHT_PREFIX.matcher(channel);
        boolean left = l.find();
        boolean right = r.find();
        if (left == right) {
            return Optional.empty();
        }
        return Optional.of(left ? Leg.LEFT : Leg.RIGHT);
    }

    /**
     * @param text a leg-movement label
     * @return the leg it names, or empty when it names none (or both)
     */
    public static Optional<Leg> legOf(String text) {
        Matcher l = LEFT.matcher(text);
        Matcher r = RIGHT.matcher(text);
        boolean left = l.find();
        boolean right = r.find();
        if (left == right) {
            return Optional.empty();
        }
        return Optional.of(left ? Leg.LEFT : Leg.RIGHT);
    }
}
