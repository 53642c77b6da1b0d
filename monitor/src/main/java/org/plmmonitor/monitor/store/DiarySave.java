package org.plmmonitor.monitor.store;

/** What saving an evening's diary did. */
public enum DiarySave {
    /** The evening had no entry: revision 0 written. */
    CREATED,
    /** The night was not analysed yet: revision 0 replaced (an entry is completed before its night). */
    REPLACED,
    /** The entry was sealed: the change was added as the next revision, beside the original. */
    AMENDED,
    /** The entry already said exactly this: nothing written. */
    UNCHANGED
}
