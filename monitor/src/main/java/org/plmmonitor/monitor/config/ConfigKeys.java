package org.plmmonitor.monitor.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every key the configuration knows, with the condition under which it is used: the one list the
 * loader checks unknown keys against, and the documented example file is tested against.
 */
final class ConfigKeys {
    /** The sensor sections, one per leg. */
    static final List<String> LEGS = List.of("left", "right");

    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        always("time_zone");
        always("patient.id");
        always("device.id");
        always("night.mode");
        always("night.start");
        always("night.end");
        for (String leg : LEGS) {
            String s = "sensor." + leg + ".";
            always(s + "type");
            when(s + "rate_hz", s + "type is i2c-* or simulator");
            when(s + "bus", s + "type is i2c-*");
            when(s + "address", s + "type is i2c-*");
            when(s + "range_g", s + "type is i2c-*");
            when(s + "path", s + "type = serial");
            when(s + "baud", s + "type = serial");
            when(s + "seed", s + "type = simulator");
            when(s + "speed", s + "type is simulator or replay");
            when(s + "file", s + "type = replay");
        }
        always("cuff.type");
        when("cuff.path", "cuff.type = serial");
        when("cuff.baud", "cuff.type = serial");
        when("cuff.max_pressure_mmhg", "cuff.type is serial or simulator");
        when("cuff.max_inflation_s", "cuff.type is serial or simulator");
        when("cuff.leg", "cuff.type is serial or simulator");
        when("cuff.policy", "cuff.type is serial or simulator");
        when("cuff.contraindication", "cuff.type is serial or simulator");
        when("cuff.target_mmhg", "cuff.type is serial or simulator");
        when("cuff.inflation_s", "cuff.type is serial or simulator");
        when("cuff.cycle_s", "cuff.type is serial or simulator");
        when("cuff.session_min", "cuff.type is serial or simulator");
        when("cuff.symptom_onset", "cuff.type is serial or simulator");
        when("cuff.trigger", "cuff.type is serial or simulator");
        when("cuff.trigger_movements", "cuff.type is serial or simulator");
        when("cuff.trigger_window_min", "cuff.type is serial or simulator");
        when("cuff.quiet_hours", "cuff.type is serial or simulator");
        when("cuff.refractory_min", "cuff.type is serial or simulator");
        when("cuff.max_sessions_per_night", "cuff.type is serial or simulator");
        for (String k : List.of("trial", "trial_arms", "trial_block_nights", "trial_nights", "trial_seed", "trial_start")) {
            when("cuff." + k, "cuff.type is serial or simulator");
        }
        always("analysis.standard");
        always("store.path");
        always("store.retention_days");
        always("store.raw_retention_days");
        always("store.max_database_mb");
        always("influx.url");
        for (String k : List.of("database", "retention_policy", "create_database", "username", "secrets_file",
                "ca_file", "allow_plaintext")) {
            when("influx." + k, "influx.url is set");
        }
        always("web.enabled");
        for (String k : List.of("bind", "port", "allow_plaintext", "https.certificate", "https.key")) {
            when("web." + k, "web.enabled = true");
        }
    }

    private ConfigKeys() {
    }

    private static void always(String key) {
        KEYS.put(key, "");
    }

    private static void when(String key, String condition) {
        KEYS.put(key, condition);
    }

    /** @return every known key, in documentation order */
    static List<String> names() {
        return List.copyOf(KEYS.keySet());
    }

    static boolean known(String key) {
        return KEYS.containsKey(key);
    }

    /** @return the condition under which a known key is used, empty when it is always used */
    static String usedWhen(String key) {
        return KEYS.getOrDefault(key, "");
    }

    /** @return the known key closest to a misspelt one, if one is close enough to be a likely typo */
    static Optional<String> suggest(String unknown) {
        return closest(unknown, KEYS.keySet());
    }

    /**
     * The likeliest meant spelling. A candidate qualifies when one of the two is a prefix of the other
     * ({@code sensor.left.rate} for {@code sensor.left.rate_hz}) or when it is within a few edits; among
     * those, a prefix match wins, then the most shared words (split at '.', '_' and '-'), then the fewest
     * edits, then documentation order. Edit distance alone would offer {@code path} for {@code rate}.
     *
     * @param typed      what the user wrote
     * @param candidates the allowed spellings
     * @return the best qualifying candidate (case ignored), if any
     */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, t.length() / 4);
        String best = null;
        int[] bestRank = null;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            boolean prefix = !t.isEmpty() && (lc.startsWith(t) || t.startsWith(lc));
            int d = distance(t, lc, prefix ? Integer.MAX_VALUE - 1 : limit);
            if (!prefix && d > limit) {
                continue;
            }
            int[] rank = {prefix ? 0 : 1, -sharedWords(t, lc), d};
            if (bestRank == null || java.util.Arrays.compare(rank, bestRank) < 0) {
                bestRank = rank;
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int sharedWords(String a, String b) {
        java.util.Set<String> words = new java.util.HashSet<>(List.of(a.split("[._\\-]")));
        int n = 0;
        for (String w : new java.util.LinkedHashSet<>(List.of(b.split("[._\\-]")))) {
            if (!w.isEmpty() && words.contains(w)) {
                n++;
            }
        }
        return n;
    }

    /** Levenshtein distance, cut short past {@code limit} (returns limit + 1 then). */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    static List<String> sorted(Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
