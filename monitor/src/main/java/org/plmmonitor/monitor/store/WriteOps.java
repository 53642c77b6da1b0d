package org.plmmonitor.monitor.store;

import org.plmmonitor.monitor.trial.TrialSchedule;

import java.util.concurrent.CompletableFuture;

/** Control operations the writer runs in queue order between data items. */
final class WriteOps {
    private WriteOps() {
    }

    /** Commit what precedes, then complete. */
    record Flush(CompletableFuture<Void> done) implements WriteQueue.Control {
    }

    /** Delete forwarded outbox rows up to a sequence number. */
    record Ack(long upToSeq) implements WriteQueue.Control {
    }

    /** Run retention to completion, then complete. */
    record Retain(CompletableFuture<Void> done) implements WriteQueue.Control {
    }

    /** Drop what precedes, delete everything, then complete. */
    record DeleteAll(CompletableFuture<Void> done) implements WriteQueue.Control {
    }

    /** Commit what precedes, replace the recorded trial with this one in one transaction, then complete. */
    record RecordTrial(TrialSchedule trial, CompletableFuture<Void> done)
            implements WriteQueue.Control {
    }

    /** Commit what precedes and stop. */
    record Close() implements WriteQueue.Control {
    }
}
