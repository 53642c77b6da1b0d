package org.plmmonitor.analysis.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters of the accelerometer leg-movement detector. The defaults are the validated ones; change
 * them only to study the detector. Immutable; build with {@link #builder()}.
 *
 * @param onThresholdG   minimum onset threshold on the movement envelope, g (0.002-0.2); the WASM
 *                       8 uV EMG rule's counterpart for acceleration
 * @param offThresholdG  minimum offset threshold, g (below onThresholdG); the 2 uV counterpart, used
 *                       to place onsets and offsets of the vibration on the raw samples
 * @param onFactor       onset threshold as a multiple of the adaptive noise floor (1.5-20)
 * @param offFactor      offset threshold as a multiple of the noise floor (1-onFactor)
 * @param quietS         quiet time that ends a movement, s (WASM 2016: 0.5)
 * @param minDurationS   shortest leg movement, s (WASM 2016: 0.5)
 * @param bandLowHz      lower edge of the band a burst's spectrum is taken over, Hz (0.1-2)
 * @param bandHighHz     upper edge, Hz (2-20, capped at 0.4 x the sample rate)
 * @param envelopeS      envelope smoothing window, s (0.05-1)
 * @param postureTiltDeg a lasting change of gravity direction above this is a posture change, deg (3-60)
 * @param vibrationFraction share of spectral power above 3.5 Hz that marks mattress vibration (0.2-1)
 * @param rhythmConcentration spectral concentration marking tremor or gait in events of 6 s or more (0.3-1)
 * @param tiltOnG        minimum onset threshold on the orientation channel (how far the low-passed
 *                       gravity vector has left its rest), g (0.002-0.1); 17 mg is one degree of tilt
 * @param gravityHz      cut-off of the low-pass that gives the orientation channel, Hz (0.5-5, capped at
 *                       0.4 x the sample rate)
 * @param settleFraction a limb that stops within this share of the movement's largest departure from
 *                       the rest it left has returned (the foot settled a little away), 0.05-0.9
 * @param holdMaxS       a limb held still away from its rest this long without returning has settled
 *                       there; the movement ended where it stopped, s (2-30)
 */
public record DetectorConfig(double onThresholdG, double offThresholdG, double onFactor, double offFactor,
                             double quietS, double minDurationS, double bandLowHz, double bandHighHz,
                             double envelopeS, double postureTiltDeg, double vibrationFraction,
                             double rhythmConcentration, double tiltOnG, double gravityHz,
                             double settleFraction, double holdMaxS) {

    /** Version of the detection algorithm; bump when a change can alter what is detected. */
    public static final String VERSION = "accel-2.11";

    /** The validated defaults. */
    public static final DetectorConfig DEFAULT = builder().build();

    public DetectorConfig {
        range("onThresholdG", onThresholdG, 0.002, 0.2);
        range("offThresholdG", offThresholdG, 0.001, onThresholdG);
        range("onFactor", onFactor, 1.5, 20);
        range("offFactor", offFactor, 1, onFactor);
        range("quietS", quietS, 0.1, 5);
        range("minDurationS", minDurationS, 0.1, 5);
        range("bandLowHz", bandLowHz, 0.1, 2);
        range("bandHighHz", bandHighHz, 2, 20);
        range("envelopeS", envelopeS, 0.05, 1);
        range("postureTiltDeg", postureTiltDeg, 3, 60);
        range("vibrationFraction", vibrationFraction, 0.2, 1);
        range("rhythmConcentration", rhythmConcentration, 0.3, 1);
        range("tiltOnG", tiltOnG, 0.002, 0.1);
        range("gravityHz", gravityHz, 0.5, 5);
        range("settleFraction", settleFraction, 0.05, 0.9);
        range("holdMaxS", holdMaxS, 2, 30);
    }

    private static void range(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("detector " + name + " = " + v + " is outside [" + lo + ", " + hi + "]");
        }
    }

    /** @return every parameter by name, for provenance in reports */
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("on_threshold_g", Double.toString(onThresholdG));
        m.put("off_threshold_g", Double.toString(offThresholdG));
        m.put("on_factor", Double.toString(onFactor));
        m.put("off_factor", Double.toString(offFactor));
        m.put("quiet_s", Double.toString(quietS));
        m.put("min_duration_s", Double.toString(minDurationS));
        m.put("band_low_hz", Double.toString(bandLowHz));
        m.put("band_high_hz", Double.toString(bandHighHz));
        m.put("envelope_s", Double.toString(envelopeS));
        m.put("posture_tilt_deg", Double.toString(postureTiltDeg));
        m.put("vibration_fraction", Double.toString(vibrationFraction));
        m.put("rhythm_concentration", Double.toString(rhythmConcentration));
        m.put("tilt_on_g", Double.toString(tiltOnG));
        m.put("gravity_hz", Double.toString(gravityHz));
        m.put("settle_fraction", Double.toString(settleFraction));
        m.put("hold_max_s", Double.toString(holdMaxS));
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; {@link #build()} validates once. */
    public static final class Builder {
        private double onThresholdG = 0.012;
        private double offThresholdG = 0.005;
        private double onFactor = 4;
        private double offFactor = 2;
        private double quietS = 0.5;
        private double minDurationS = 0.5;
        private double bandLowHz = 0.5;
        private double bandHighHz = 8;
        private double envelopeS = 0.25;
        private double postureTiltDeg = 12;
        private double vibrationFraction = 0.5;
        private double rhythmConcentration = 0.8;
        private double tiltOnG = 0.009;
        private double gravityHz = 1;
        private double settleFraction = 0.55;
        private double holdMaxS = 10;

        public Builder onThresholdG(double v) { onThresholdG = v; return this; }
        public Builder offThresholdG(double v) { offThresholdG = v; return this; }
        public Builder onFactor(double v) { onFactor = v; return this; }
        public Builder offFactor(double v) { offFactor = v; return this; }
        public Builder quietS(double v) { quietS = v; return this; }
        public Builder minDurationS(double v) { minDurationS = v; return this; }
        public Builder bandLowHz(double v) { bandLowHz = v; return this; }
        public Builder bandHighHz(double v) { bandHighHz = v; return this; }
        public Builder envelopeS(double v) { envelopeS = v; return this; }
        public Builder postureTiltDeg(double v) { postureTiltDeg = v; return this; }
        public Builder vibrationFraction(double v) { vibrationFraction = v; return this; }
        public Builder rhythmConcentration(double v) { rhythmConcentration = v; return this; }
        public Builder tiltOnG(double v) { tiltOnG = v; return this; }
        public Builder gravityHz(double v) { gravityHz = v; return this; }
        public Builder settleFraction(double v) { settleFraction = v; return this; }
        public Builder holdMaxS(double v) { holdMaxS = v; return this; }

        public DetectorConfig build() {
            return new DetectorConfig(onThresholdG, offThresholdG, onFactor, offFactor, quietS, minDurationS,
                    bandLowHz, bandHighHz, envelopeS, postureTiltDeg, vibrationFraction, rhythmConcentration,
                    tiltOnG, gravityHz, settleFraction, holdMaxS);
        }
    }
}
