package org.plmmonitor.analysis.diary;

import java.util.Optional;

/**
 * Medicines the diary lists by name because they are known to make RLS worse (docs/domain.md section 1:
 * sedating antihistamines, several antidepressant and antipsychotic classes, metoclopramide). Anything
 * else goes in the diary's free text.
 */
public enum KnownMedicine {
    /** First-generation antihistamines that make drowsy (e.g. diphenhydramine), often in sleep aids. */
    SEDATING_ANTIHISTAMINE("sedating_antihistamine", "sedating antihistamine (e.g. diphenhydramine)"),
    /** SSRI and SNRI antidepressants. */
    ANTIDEPRESSANT_SSRI_SNRI("antidepressant_ssri_snri", "antidepressant, SSRI or SNRI"),
    /** Tricyclic antidepressants. */
    ANTIDEPRESSANT_TRICYCLIC("antidepressant_tricyclic", "antidepressant, tricyclic"),
    /** Mirtazapine. */
    MIRTAZAPINE("mirtazapine", "mirtazapine"),
    /** Dopamine-blocking antipsychotics. */
    ANTIPSYCHOTIC("antipsychotic", "antipsychotic (dopamine-blocking)"),
    /** Metoclopramide and similar dopamine-blocking anti-sickness medicines. */
    METOCLOPRAMIDE("metoclopramide", "metoclopramide (anti-sickness)");

    private final String code;
    private final String label;

    KnownMedicine(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** @return the code used in CSV files and the store, e.g. {@code mirtazapine} */
    public String code() {
        return code;
    }

    /** @return words for a form or a page */
    public String label() {
        return label;
    }

    /** @return true: every listed medicine is listed because it is known to make RLS worse */
    public boolean aggravates() {
        return true;
    }

    /**
     * @param code a code as written in a file
     * @return the medicine, or empty when the code is not listed
     */
    public static Optional<KnownMedicine> ofCode(String code) {
        for (KnownMedicine m : values()) {
            if (m.code.equals(code)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
