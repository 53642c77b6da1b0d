package org.plmmonitor.monitor.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits for the writer thread. Bounded: when full, the oldest raw chunk is dropped, else the
 * oldest activity second; other items are never dropped (they are few and small), so the queue may
 * exceed its bound only by them. Control operations (flush, ack, close...) wake the writer at once;
 * data items wait for the next batch.
 */
final class WriteQueue {
    /**
     * Raw chunks held at most while the writer cannot write them, whatever the item bound: 10 s chunks
     * of about 6 KB each, so about 6 MB. Without it a full store under a long night or a fast replay
     * would hold up to the item bound (100,000 by default: 600 MB) of raw signal before dropping any,
     * far beyond a Pi's heap. While the store writes, reaching it only wakes the writer early.
     */
    static final int MAX_RAW_CHUNKS = 1000;
    /** Marker for operations the writer runs in order between data items. */
    interface Control {
    }

    private final int max;
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private int controls;
    private int rawChunks;
    /** True while the writer holds items it could not write (full disk): only then are raw chunks dropped at their bound. */
    private boolean holding;
    /** True when the raw bound was reached while writing works: the writer should commit now. */
    private boolean urgent;
    private long droppedRaw;
    private long droppedActivity;

    WriteQueue(int max) {
        this.max = max;
    }

    void add(Object item) {
        lock.lock();
        try {
            if (item instanceof Control) {
                controls++;
                items.addLast(item);
                wake.signalAll();
                return;
            }
            boolean rawFull = item instanceof RawChunk && rawChunks >= MAX_RAW_CHUNKS;
            if (items.size() >= max || (rawFull && holding)) {
                dropOldest();
            } else if (rawFull && !urgent) {
                urgent = true;
                wake.signalAll();
            }
            items.addLast(item);
            if (item instanceof RawChunk) {
                rawChunks++;
            }
        } finally {
            lock.unlock();
        }
    }

    private void dropOldest() {
        if (removeFirst(RawChunk.class)) {
            droppedRaw++;
            rawChunks--;
        } else if (removeFirst(ActivitySecond.class)) {
            droppedActivity++;
        }
    }

    private boolean removeFirst(Class<?> type) {
        for (Iterator<Object> it = items.iterator(); it.hasNext(); ) {
            if (type.isInstance(it.next())) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Puts items that failed to commit back at the head, in order, applying the bound again. */
    void requeueFront(List<Object> failed) {
        lock.lock();
        try {
            holding = true;
            for (int i = failed.size() - 1; i >= 0; i--) {
                Object o = failed.get(i);
                if (o instanceof Control) {
                    controls++;
                } else if (o instanceof RawChunk) {
                    rawChunks++;
                }
                items.addFirst(o);
            }
            while ((items.size() > max || rawChunks > MAX_RAW_CHUNKS) && (removeFirstCounted())) {
                // keep dropping the oldest droppable items until within bound or none is left
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean removeFirstCounted() {
        int before = items.size();
        dropOldest();
        return items.size() < before;
    }

    /**
     * Waits until a control operation is queued or the timeout passes, then takes everything queued.
     *
     * @param timeoutNanos longest wait, ns
     * @return the queued items and controls, in order (possibly empty)
     */
    List<Object> awaitBatch(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (controls == 0 && !urgent && left > 0) {
                left = wake.awaitNanos(left);
            }
            List<Object> out = new ArrayList<>(items);
            items.clear();
            controls = 0;
            rawChunks = 0;
            urgent = false;
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Called by the writer after a cycle that left nothing held: writing works again. */
    void written() {
        lock.lock();
        try {
            holding = false;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    long droppedRaw() {
        lock.lock();
        try {
            return droppedRaw;
        } finally {
            lock.unlock();
        }
    }

    long droppedActivity() {
        lock.lock();
        try {
            return droppedActivity;
        } finally {
            lock.unlock();
        }
    }

    static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
