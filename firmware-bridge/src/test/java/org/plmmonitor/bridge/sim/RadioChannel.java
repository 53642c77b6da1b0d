package org.plmmonitor.bridge.sim;

import org.plmmonitor.bridge.serial.LinkLostException;
import org.plmmonitor.bridge.serial.SerialLink;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory stand-in for a Bluetooth SPP link: device-to-host bytes are cut into random pieces,
 * a share of pieces is lost, delivery comes in bursts every {@code burstMs}, and the radio can go
 * down (everything sent meanwhile is lost; the host's rfcomm read fails once, as on a real dropout).
 */
final class RadioChannel {
    private final LinkedBlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> toDevice = new LinkedBlockingQueue<>();
    private final SplittableRandom rnd;
    private volatile double pieceLoss;
    private final long burstMs;
    private volatile boolean down;
    private volatile boolean hostMustFail;
    volatile long piecesLost;

    RadioChannel(long seed, double pieceLoss, long burstMs) {
        this.rnd = new SplittableRandom(seed);
        this.pieceLoss = pieceLoss;
        this.burstMs = burstMs;
    }

    void setPieceLoss(double p) {
        pieceLoss = p;
    }

    void setDown(boolean d) {
        if (d) {
            hostMustFail = true;
        }
        down = d;
    }

    boolean isDown() {
        return down;
    }

    /** The device's end: never notices the radio (a board rarely knows its packets were lost). */
    SerialLink deviceEnd() {
        return new End("device") {
            @Override
            public synchronized void write(byte[] buf, int off, int len) {
                int i = off;
                while (i < off + len) {
                    int n = Math.min(off + len - i, 1 + rnd.nextInt(64));
                    if (down || rnd.nextDouble() < pieceLoss) {
                        piecesLost++;
                    } else {
                        toHost.add(java.util.Arrays.copyOfRange(buf, i, i + n));
                    }
                    i += n;
                }
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return take(toDevice, buf, off, len, 0);
            }
        };
    }

    /** A fresh host end, as each open of /dev/rfcomm0 gives; fails while the radio is down. */
    SerialLink openHostEnd() throws IOException {
        if (down) {
            throw new IOException("rfcomm: host is down");
        }
        return new End("host") {
            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                if (down) {
                    throw new LinkLostException("rfcomm dropped");
                }
                toDevice.add(java.util.Arrays.copyOfRange(buf, off, off + len));
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (hostMustFail) {
                    hostMustFail = false;
                    closed = true;
                    throw new LinkLostException("rfcomm dropped");
                }
                return take(toHost, buf, off, len, burstMs);
            }
        };
    }

    private abstract static class End implements SerialLink {
        private final String name;
        volatile boolean closed;
        private byte[] rest;
        private int restOff;

        End(String name) {
            this.name = name;
        }

        int take(LinkedBlockingQueue<byte[]> q, byte[] buf, int off, int len, long burstMs) throws IOException {
            if (closed) {
                return -1;
            }
            try {
                if (rest == null) {
                    if (burstMs > 0) {
                        // bursts: whatever arrived is handed over on the radio's schedule
                        long now = System.nanoTime() / 1_000_000;
                        Thread.sleep(burstMs - now % burstMs);
                    }
                    rest = q.poll(50, TimeUnit.MILLISECONDS);
                    restOff = 0;
                    if (rest == null) {
                        return 0;
                    }
                }
                int n = 0;
                while (rest != null && n < len) {
                    int k = Math.min(len - n, rest.length - restOff);
                    System.arraycopy(rest, restOff, buf, off + n, k);
                    n += k;
                    restOff += k;
                    if (restOff == rest.length) {
                        rest = q.poll();
                        restOff = 0;
                    }
                }
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public String path() {
            return "/dev/rfcomm-" + name;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
        }

        @Override
        public boolean isConnected() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
