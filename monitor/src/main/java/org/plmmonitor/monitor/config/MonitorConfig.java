package org.plmmonitor.monitor.config;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the daemon needs to know, validated once: read it with {@link ConfigLoader#load}, or build
 * it in code with {@link #builder()}. Printing it is safe: secrets show as a mask.
 *
 * @param sensors   the sensor of each leg ({@link Leg#LEFT} and/or {@link Leg#RIGHT}), in leg order
 * @param cuff      the compression cuff controller, if any
 * @param night     when a night is recorded
 * @param standard  the scoring standard
 * @param store     the local database; its forwarding flag follows {@code influx} (set here, not by callers)
 * @param influx    forwarding to InfluxDB, if configured; its patient and device ids are this config's
 * @param patientId pseudonymous patient id ({@link #ID}), sent as a tag: never a name
 * @param deviceId  id of this monitor unit ({@link #ID}), sent as a tag
 * @param timeZone  the zone that names nights and places the night window
 * @param web       the local web interface
 */
public record MonitorConfig(Map<Leg, SensorConfig> sensors, Optional<CuffConfig> cuff, NightConfig night,
                            ScoringStandard standard, StoreConfig store, Optional<InfluxConfig> influx,
                            String patientId, String deviceId, ZoneId timeZone, WebConfig web) {
    /** Patient and device ids: the tag values InfluxDB receives, {@link InfluxConfig#ID}. */
    public static final Pattern ID = InfluxConfig.ID;
    /** Default patient id. */
    public static final String DEFAULT_PATIENT_ID = InfluxConfig.DEFAULT_PATIENT_ID;
    /** Default device id. */
    public static final String DEFAULT_DEVICE_ID = InfluxConfig.DEFAULT_DEVICE_ID;

    public MonitorConfig {
        Objects.requireNonNull(sensors, "sensors");
        Objects.requireNonNull(cuff, "cuff");
        Objects.requireNonNull(night, "night");
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(influx, "influx");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(web, "web");
        if (sensors.containsKey(Leg.BILATERAL)) {
            throw new IllegalArgumentException("a sensor belongs to the left or right leg, not " + Leg.BILATERAL);
        }
        if (sensors.isEmpty() && cuff.isEmpty()) {
            throw new IllegalArgumentException("nothing to monitor: configure a sensor or a cuff");
        }
        if (!ID.matcher(patientId).matches()) {
            throw new IllegalArgumentException("patient id '" + patientId + "' is not 1-64 letters, digits, '-' or '_'");
        }
        if (!ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id '" + deviceId + "' is not 1-64 letters, digits, '-' or '_'");
        }
        if (influx.isPresent() && (!influx.get().patientId().equals(patientId) || !influx.get().deviceId().equals(deviceId))) {
            throw new IllegalArgumentException("influx patient/device id " + influx.get().patientId() + "/"
                    + influx.get().deviceId() + " differ from the config's " + patientId + "/" + deviceId);
        }
        mixedSources(sensors).ifPresent(m -> {
            throw new IllegalArgumentException(m);
        });
        store = store.withForwarding(influx.isPresent());
        EnumMap<Leg, SensorConfig> copy = new EnumMap<>(Leg.class);
        copy.putAll(sensors);
        sensors = Collections.unmodifiableMap(copy);
    }

    /**
     * A run is either live (i2c, serial: stamped by the wall clock) or simulated (simulator, replay: on
     * a virtual clock); the two clocks cannot share a night.
     *
     * @param sensors the sensor of each leg
     * @return why the sensors cannot run together, empty when they can
     */
    static Optional<String> mixedSources(Map<Leg, SensorConfig> sensors) {
        SensorConfig l = sensors.get(Leg.LEFT);
        SensorConfig r = sensors.get(Leg.RIGHT);
        if (l == null || r == null || l.live() == r.live()) {
            return Optional.empty();
        }
        return Optional.of("'" + r.typeName() + "' on the right cannot run with '" + l.typeName() + "' on the left: "
                + "live sensors (i2c-*, serial) and simulated ones (simulator, replay) cannot be mixed in one run");
    }

    /** @return a builder with every default set and no sensor */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MonitorConfig} in code; defaults are those documented in {@code deploy/plm.conf}. */
    public static final class Builder {
        private final EnumMap<Leg, SensorConfig> sensors = new EnumMap<>(Leg.class);
        private CuffConfig cuff;
        private NightConfig night = NightConfig.DEFAULT;
        private ScoringStandard standard = ScoringStandard.WASM2016;
        private StoreConfig store = StoreConfig.defaults();
        private InfluxConfig influx;
        private String patientId = DEFAULT_PATIENT_ID;
        private String deviceId = DEFAULT_DEVICE_ID;
        private ZoneId timeZone = ZoneId.systemDefault();
        private WebConfig web = WebConfig.DEFAULT;

        private Builder() {
        }

        /**
         * @param leg    {@link Leg#LEFT} or {@link Leg#RIGHT}
         * @param sensor its source
         * @return this
         */
        public Builder sensor(Leg leg, SensorConfig sensor) {
            sensors.put(Objects.requireNonNull(leg, "leg"), Objects.requireNonNull(sensor, "sensor"));
            return this;
        }

        /**
         * @param cuff the cuff controller, or null for none
         * @return this
         */
        public Builder cuff(CuffConfig cuff) {
            this.cuff = cuff;
            return this;
        }

        /**
         * @param night the night window
         * @return this
         */
        public Builder night(NightConfig night) {
            this.night = Objects.requireNonNull(night, "night");
            return this;
        }

        /**
         * @param standard the scoring standard
         * @return this
         */
        public Builder standard(ScoringStandard standard) {
            this.standard = Objects.requireNonNull(standard, "standard");
            return this;
        }

        /**
         * @param store the local database
         * @return this
         */
        public Builder store(StoreConfig store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param influx InfluxDB forwarding (with this config's patient and device ids), or null for local store only
         * @return this
         */
        public Builder influx(InfluxConfig influx) {
            this.influx = influx;
            return this;
        }

        /**
         * @param patientId pseudonymous id, see {@link #ID}
         * @return this
         */
        public Builder patientId(String patientId) {
            this.patientId = Objects.requireNonNull(patientId, "patientId");
            return this;
        }

        /**
         * @param deviceId id of this monitor unit, see {@link #ID}
         * @return this
         */
        public Builder deviceId(String deviceId) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
            return this;
        }

        /**
         * @param timeZone the zone naming nights
         * @return this
         */
        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
            return this;
        }

        /**
         * @param web the web interface
         * @return this
         */
        public Builder web(WebConfig web) {
            this.web = Objects.requireNonNull(web, "web");
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException when there is nothing to monitor or an id is malformed
         */
        public MonitorConfig build() {
            return new MonitorConfig(sensors, Optional.ofNullable(cuff), night, standard, store,
                    Optional.ofNullable(influx), patientId, deviceId, timeZone, web);
        }
    }
}
