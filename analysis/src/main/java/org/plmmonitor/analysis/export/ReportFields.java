package org.plmmonitor.analysis.export;

import java.util.List;
import java.util.Map;

/**
 * Typed reads of a parsed night report (maps, lists, doubles as {@link org.plmmonitor.analysis.report.JsonReader}
 * gives them). A missing or mistyped key is an {@link IllegalArgumentException} naming its path.
 */
final class ReportFields {
    private ReportFields() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String at) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(at + ": expected an object");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String at) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException(at + ": expected an array");
    }

    static double num(Map<String, Object> m, String key, String at) {
        if (m.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + "." + key + ": expected a number");
    }

    static int count(Map<String, Object> m, String key, String at) {
        return (int) Math.round(num(m, key, at));
    }

    static Double opt(Map<String, Object> m, String key, String at) {
        Object o = m.get(key);
        if (o == null) {
            return null;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(at + "." + key + ": expected a number or null");
    }

    static String str(Map<String, Object> m, String key, String at) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(at + "." + key + ": expected a string");
    }

    static boolean bool(Map<String, Object> m, String key, String at) {
        if (m.get(key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(at + "." + key + ": expected true or false");
    }
}
