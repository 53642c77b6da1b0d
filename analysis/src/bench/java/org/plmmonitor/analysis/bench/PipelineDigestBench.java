package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.PlmSeries;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.time.TimeInterval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A digest of every event the pipeline emits (movements as detected and as scored, rejections with
 * their reasons, epochs, analysable stretches, gaps, series), in the order emitted, each double in
 * full (records print the shortest decimal that gives the same double back): run it on two builds and
 * compare the lines to show that a change to the pipeline's arithmetic left its output identical to
 * the bit. Three nights (25, 50 and 100 Hz; one and two legs) of every tuning family, each as generated
 * and with gaps cut into it (a long one, a short one and one at the start of a movement's likely
 * place), plus the default generator's night. Run:
 * {@code mvn -q -o -Pbench -pl analysis test -Dtest=PipelineDigestBench [-Dnights=3] [-Dhours=1]}.
 */
@Tag("bench")
class PipelineDigestBench {
    @Test
    void digests() throws Exception {
        int nights = Integer.getInteger("nights", 3);
        double hours = Double.parseDouble(System.getProperty("hours", "1"));
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (Family f : Family.of(Family.Split.TUNING)) {
            for (int i = 0; i < nights; i++) {
                NightSpec spec = f.night(i, hours * 3600);
                for (boolean gaps : new boolean[]{false, true}) {
                    String line = String.format(Locale.ROOT, "%-18s night %d %5.0f Hz %s %s", f, i, spec.rateHz(),
                            spec.bilateral() ? "2 legs" : "1 leg ", gaps ? "gaps   " : "no gaps") + " " + digest(spec, gaps);
                    all.update(line.getBytes(StandardCharsets.UTF_8));
                    System.out.println(line);
                }
            }
        }
        NightSpec plain = NightSpec.builder().seed(3).rateHz(100).durationS(hours * 3600).build();
        String line = "default generator night 100 Hz   " + digest(plain, false);
        all.update(line.getBytes(StandardCharsets.UTF_8));
        System.out.println(line);
        System.out.println("PipelineDigestBench all: " + HexFormat.of().formatHex(all.digest()));
    }

    /** SHA-256 (first 16 hex digits) and count of the events of one night fed leg after leg. */
    private static String digest(NightSpec spec, boolean gaps) throws Exception {
        SyntheticNight night = SyntheticNight.generate(spec);
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        rates.put(Leg.LEFT, spec.rateHz());
        if (spec.bilateral()) {
            rates.put(Leg.RIGHT, spec.rateHz());
        }
        Recorder rec = new Recorder();
        NightPipeline p = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                Double.POSITIVE_INFINITY, rec);
        for (Leg leg : rates.keySet()) {
            AccelerationSink sink = p.sink(leg);
            SampleSource src = night.source(leg);
            double[] s = new double[4];
            long n = 0;
            while (src.next(s)) {
                n++;
                if (gaps && cut(s[0])) {
                    continue;
                }
                sink.accept(s[0], s[1], s[2], s[3]);
                if ((n & 1023) == 0) {
                    p.tick();
                }
            }
            p.endLeg(leg);
        }
        p.finish();
        rec.add("totals " + p.recordedS() + " " + p.analysable() + " " + p.gapStarts() + " " + p.result());
        return HexFormat.of().formatHex(rec.sha.digest()).substring(0, 16) + " (" + rec.events + " events)";
    }

    /** The gaps cut into a night: 20 s from 600 s, 0.3 s from 1500 s, and 2 s every 997 s after 2000 s. */
    private static boolean cut(double t) {
        return t >= 600 && t < 620 || t >= 1500 && t < 1500.3 || t >= 2000 && (t - 2000) % 997 < 2;
    }

    /** Every event, in order, into one digest. */
    private static final class Recorder implements NightPipeline.Listener {
        final MessageDigest sha;
        long events;

        Recorder() throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
        }

        void add(String s) {
            events++;
            sha.update(s.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }

        @Override
        public void movement(ScoredMovement m, boolean decided) {
            add("scored " + decided + " " + m);
        }

        @Override
        public void series(PlmSeries s) {
            add("series " + s);
        }

        @Override
        public void onMovement(LegMovement m) {
            add("movement " + m);
        }

        @Override
        public void onAnalysable(Leg leg, TimeInterval interval) {
            add("analysable " + leg + " " + interval);
        }

        @Override
        public void onRejected(Leg leg, TimeInterval span, String reason) {
            add("rejected " + leg + " " + span + " " + reason);
        }

        @Override
        public void onGap(Leg leg, TimeInterval gap) {
            add("gap " + leg + " " + gap);
        }

        @Override
        public void onEpoch(Leg leg, Epoch epoch) {
            add("epoch " + leg + " " + epoch);
        }
    }
}
