package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.pipeline.VersionedDetector;

import java.time.Duration;

/**
 * How a daemon run behaves beyond the config file. Build with {@link #builder()}.
 *
 * @param once              return after one night: when it closes, or when the sources (simulator, replay) end
 * @param fast              deliver simulator and replay samples as fast as possible, whatever their configured
 *                          speed; time still comes from the samples' stamps
 * @param simulatedHours    length of a simulated night, h, 0.1-48; null: the night window's length
 * @param plmPerHour        target periodic movements per hour of a simulated night, 0-120
 * @param statusInterval    how often the status file is rewritten, 100 ms-1 min
 * @param pollInterval      pause between polls of live sensors (and between paced steps), 5-200 ms
 * @param maxHeldSamples    bound on samples held back while the wall clock is not synced, 1000-10,000,000;
 *                          beyond it the oldest are dropped (and counted in the status)
 * @param detector          the detector the nights are analysed and stored under (its version keys the analysis)
 */
public record DaemonOptions(boolean once, boolean fast, Double simulatedHours, double plmPerHour,
                            Duration statusInterval, Duration pollInterval, int maxHeldSamples,
                            VersionedDetector detector) {
    public DaemonOptions {
        java.util.Objects.requireNonNull(detector, "detector");
        if (simulatedHours != null && !(simulatedHours >= 0.1 && simulatedHours <= 48)) {
            throw new IllegalArgumentException("simulated night length " + simulatedHours + " h is outside 0.1-48 h");
        }
        if (!(plmPerHour >= 0 && plmPerHour <= 120)) {
            throw new IllegalArgumentException("simulated PLM per hour " + plmPerHour + " is outside 0-120");
        }
        if (statusInterval == null || statusInterval.toMillis() < 100 || statusInterval.toMillis() > 60_000) {
            throw new IllegalArgumentException("status interval " + statusInterval + " is outside 100 ms-1 min");
        }
        if (pollInterval == null || pollInterval.toMillis() < 5 || pollInterval.toMillis() > 200) {
            throw new IllegalArgumentException("poll interval " + pollInterval + " is outside 5-200 ms");
        }
        if (maxHeldSamples < 1000 || maxHeldSamples > 10_000_000) {
            throw new IllegalArgumentException("max held samples " + maxHeldSamples + " is outside 1000-10,000,000");
        }
    }

    /** @return a builder with the defaults: run forever, configured speed, 25 PLM/h, status every 2 s, poll 50 ms, hold 120,000 samples */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private boolean once;
        private boolean fast;
        private Double simulatedHours;
        private double plmPerHour = 25;
        private Duration statusInterval = Duration.ofSeconds(2);
        private Duration pollInterval = Duration.ofMillis(50);
        private int maxHeldSamples = 120_000;
        private VersionedDetector detector = VersionedDetector.current();

        private Builder() {
        }

        /** @param v true to stop after one night's sources end @return this */
        public Builder once(boolean v) {
            once = v;
            return this;
        }

        /** @param v true for simulator and replay as fast as possible @return this */
        public Builder fast(boolean v) {
            fast = v;
            return this;
        }

        /** @param v simulated night length, h, 0.1-48, or null for the window's length @return this */
        public Builder simulatedHours(Double v) {
            simulatedHours = v;
            return this;
        }

        /** @param v simulated PLM per hour, 0-120 @return this */
        public Builder plmPerHour(double v) {
            plmPerHour = v;
            return this;
        }

        /** @param v status file period, 100 ms-1 min @return this */
        public Builder statusInterval(Duration v) {
            statusInterval = v;
            return this;
        }

        /** @param v live poll period, 5-200 ms @return this */
        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        /** @param v bound on samples held while unsynced, 1000-10,000,000 @return this */
        public Builder maxHeldSamples(int v) {
            maxHeldSamples = v;
            return this;
        }

        /** @param v the detector to analyse with (default: this build's, {@link VersionedDetector#current()}) @return this */
        public Builder detector(VersionedDetector v) {
            detector = v;
            return this;
        }

        /** @return the validated options */
        public DaemonOptions build() {
            return new DaemonOptions(once, fast, simulatedHours, plmPerHour, statusInterval, pollInterval, maxHeldSamples, detector);
        }
    }
}
