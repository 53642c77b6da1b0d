package org.plmmonitor.analysis.bench;

import org.plmmonitor.analysis.signal.SampleSource;

import org.plmmonitor.analysis.detect.*;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.sim.*;

import java.util.*;

@Tag("bench")
class AccuracySweepBench {
    static int[] SEEDS = Arrays.stream(System.getProperty("seeds", "1,2,3,4,5,6,7,8,9,10,11,12").split(",")).mapToInt(Integer::parseInt).toArray();
    final java.util.DoubleSummaryStatistics on = new java.util.DoubleSummaryStatistics(), on2 = new java.util.DoubleSummaryStatistics(),
            off = new java.util.DoubleSummaryStatistics(), off2 = new java.util.DoubleSummaryStatistics();

    @Test
    void run() {
        double[] rates = {25, 50, 100};
        Evaluation.Agreement total = new Evaluation.Agreement(0, 0, 0);
        for (int s : SEEDS) {
            int i = s - 1000; double[] sev = {0, 5, 12, 20, 30, 45, 60};
            NightSpec spec0 = s >= 1000 ? NightSpec.builder().seed(s).rateHz(rates[i % 3]).bilateral(i % 2 == 1).plmPerHour(sev[i % sev.length]).durationS(8 * 3600).clockDrift((i % 5 - 2) * 0.01).lsbG(i % 4 == 0 ? 0.0039 : 0.001).build()
                : NightSpec.builder().seed(s).rateHz(rates[s % 3]).bilateral(s % 2 == 0)
                    .plmPerHour(5 * s).durationS(8 * 3600).clockDrift((s % 5 - 2) * 0.01).lsbG(s % 4 == 0 ? 0.0039 : 0.001).build();
            NightSpec spec = System.getProperty("noise") == null ? spec0 : spec0.toBuilder()
                    // Robustness: parameters the detector was never tuned on.
                    .noiseDensity(Double.parseDouble(System.getProperty("noise")))
                    .lsbG(Double.parseDouble(System.getProperty("lsb", "0.0039")))
                    .clockDrift(Double.parseDouble(System.getProperty("drift", "0.04")))
                    .invisibleFraction(Double.parseDouble(System.getProperty("invisible", "0.2"))).build();
            SyntheticNight night = SyntheticNight.generate(spec);
            Map<Leg, Double> legs = new EnumMap<>(Leg.class);
            night.legs().forEach(l -> legs.put(l, spec.rateHz()));
            List<String> rej = new ArrayList<>();
            Legs nd = new Legs(legs, rej);
            double[] buf = new double[4];
            long t0 = System.nanoTime();
            long n = 0;
            for (Leg l : night.legs()) {
                SampleSource src = night.source(l);
                AccelerometerDetector d = nd.detector(l);
                while (src.next(buf)) { d.accept(buf[0], buf[1], buf[2], buf[3]); n++; }
            }
            nd.finish();
            long t1 = System.nanoTime();
            for (Leg l : night.legs()) {
                Evaluation.Agreement a = Evaluation.compare(nd.movements(), night.legMovements(l, true), l);
                for (TruthEvent te : night.legMovements(l, true)) {
                    for (var m : nd.movements()) {
                        if (m.leg() == l && m.onsetS() < te.offsetS() && m.offsetS() > te.onsetS()) {
                            double a1 = m.onsetS() - te.onsetS(), b1 = m.offsetS() - te.offsetS();
                            on.accept(a1); on2.accept(a1 * a1); off.accept(b1); off2.accept(b1 * b1);
                            break;
                        }
                    }
                }
                total = total.plus(a);
                System.out.printf("seed %d %s rate %.0f: %s  verdicts %s analysable %.0f / truth %.0f%n", s, l, spec.rateHz(), a,
                        nd.detector(l).verdictCounts(), org.plmmonitor.analysis.time.Intervals.totalS(nd.analysable(l)), night.inBedS());
                System.out.println("     states " + Arrays.toString(nd.secondsByState(l)) + " notInBed " + night.notInBed());
                if (a.f1() < Double.parseDouble(System.getProperty("dumpBelow", "0.95"))) dumpMisses(nd, night, l, rej);
            }
            System.out.printf("   %d samples in %.0f ms (%.1f M/s incl generation)%n", n, (t1 - t0) / 1e6, n / ((t1 - t0) / 1e3));
        }
        System.out.println("TOTAL " + total);
        System.out.printf("timing: onset error mean %.3f sd %.3f; offset error mean %.3f sd %.3f (detected minus truth, s, n=%d)%n",
                on.getAverage(), Math.sqrt(on2.getAverage() - on.getAverage() * on.getAverage()),
                off.getAverage(), Math.sqrt(off2.getAverage() - off.getAverage() * off.getAverage()), on.getCount());
    }

    /** Each leg's own detector and what it found: the sweep judges detection, not the night's scoring. */
    static final class Legs implements org.plmmonitor.analysis.movement.DetectionListener {
        final Map<Leg, AccelerometerDetector> detectors = new EnumMap<>(Leg.class);
        final List<org.plmmonitor.analysis.movement.LegMovement> found = new ArrayList<>();
        final Map<Leg, List<TimeInterval>> analysable = new EnumMap<>(Leg.class);
        final Map<Leg, double[]> states = new EnumMap<>(Leg.class);
        final List<String> rej;

        Legs(Map<Leg, Double> legs, List<String> rej) {
            this.rej = rej;
            legs.forEach((l, r) -> {
                detectors.put(l, new AccelerometerDetector(l, r, DetectorConfig.DEFAULT, this));
                analysable.put(l, new ArrayList<>());
                states.put(l, new double[org.plmmonitor.analysis.movement.Epoch.State.values().length]);
            });
        }

        AccelerometerDetector detector(Leg l) { return detectors.get(l); }
        void finish() { detectors.values().forEach(AccelerometerDetector::finish); }
        List<org.plmmonitor.analysis.movement.LegMovement> movements() { return found; }
        List<TimeInterval> analysable(Leg l) { return analysable.get(l); }
        double[] secondsByState(Leg l) { return states.get(l); }

        public void onMovement(org.plmmonitor.analysis.movement.LegMovement m) { found.add(m); }
        public void onAnalysable(Leg leg, TimeInterval i) { analysable.get(leg).add(i); }
        public void onEpoch(Leg leg, org.plmmonitor.analysis.movement.Epoch e) { states.get(leg)[e.state().ordinal()] += e.endS() - e.startS(); }
        public void onRejected(Leg leg, TimeInterval span, String reason) { rej.add(leg + " " + span.startS() + " " + span.endS() + " " + reason); }
    }

    static void dumpMisses(Legs nd, SyntheticNight night, Leg l, List<String> rej) {
        int shown = 0;
        for (TruthEvent t : night.legMovements(l, true)) {
            boolean hit = nd.movements().stream().anyMatch(m -> m.leg() == l && m.onsetS() < t.offsetS() + 0.5 && m.offsetS() > t.onsetS() - 0.5);
            if (!hit && shown++ < 6) System.out.printf("     MISS %.2f-%.2f peak %.3f %s rejected as %s%n", t.onsetS(), t.offsetS(), t.peakG(), t.kind(),
                    rej.stream().filter(r -> r.startsWith(l.name())).filter(r -> { String[] f = r.split(" "); return Double.parseDouble(f[1]) < t.offsetS() + 0.5 && Double.parseDouble(f[2]) > t.onsetS() - 0.5; }).toList());
        }
        shown = 0;
        for (var m : nd.movements()) {
            if (m.leg() != l) continue;
            boolean hit = night.legMovements(l, true).stream().anyMatch(t -> m.onsetS() < t.offsetS() + 0.5 && m.offsetS() > t.onsetS() - 0.5);
            if (!hit && shown++ < 6) {
                String near = night.truth().stream().filter(t -> t.onsetS() < m.offsetS() + 2 && t.offsetS() > m.onsetS() - 2).map(t -> t.kind() + (t.visible() ? "" : "(inv)")).toList().toString();
                System.out.printf("     FP %.2f-%.2f peak %.3f near %s%n", m.onsetS(), m.offsetS(), m.peak(), near);
            }
        }
    }
}
