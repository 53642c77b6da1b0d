package org.plmmonitor.monitor.store;

/** Argument checks shared by the stored records. */
final class Checks {
    private Checks() {
    }

    static String requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing or blank");
        }
        return value;
    }
}
