package org.plmmonitor.monitor.store;

import org.plmmonitor.analysis.diary.DiaryEntry;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored revision of an evening's diary.
 *
 * @param entry         what it says
 * @param revision      0 for the entry as first written (or replaced before its night was analysed), 1, 2, ...
 *                      for amendments made after
 * @param recorded      when this revision was saved (UTC)
 * @param afterAnalysis true when the night's analysis had already been written when it was saved
 */
public record DiaryRevision(DiaryEntry entry, int revision, Instant recorded, boolean afterAnalysis) {
    public DiaryRevision {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(recorded, "recorded");
        if (revision < 0) {
            throw new IllegalArgumentException("diary revision " + revision + " is negative");
        }
    }

    /** @return true for an amendment (a revision saved beside a sealed original) */
    public boolean amendment() {
        return revision > 0;
    }
}
