package org.plmmonitor.analysis.score;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Checks the streaming scorer against a plain batch reading of WASM 2016 written the MATPLM way
 * (merge, mark breakpoints, cut runs at breakpoints, keep runs of four or more), on random nights.
 */
class ReferenceWasmTest {

    /** One LM after merging: onset/offset in ms, candidate flag. */
    private record Unit(long on, long off, boolean clm, boolean bilateral) {
    }

    private static long ms(double s) {
        return Math.round(s * 1000);
    }

    /** Batch reference: returns onset(ms) -> series index (0 = none) per unit, as "on:series" strings. */
    static List<String> reference(List<LegMovement> in) {
        List<LegMovement> lms = new ArrayList<>();
        for (LegMovement m : in) {
            if (ms(m.offsetS()) - ms(m.onsetS()) >= 500) {
                lms.add(m);
            }
        }
        lms.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
        List<Unit> units = new ArrayList<>();
        int i = 0;
        while (i < lms.size()) {
            List<LegMovement> g = new ArrayList<>(List.of(lms.get(i)));
            long off = ms(lms.get(i).offsetS());
            int j = i + 1;
            while (j < lms.size()) {
                LegMovement n = lms.get(j);
                boolean other = g.stream().anyMatch(x -> x.leg() != n.leg());
                if (other && ms(n.onsetS()) - off < 500) {
                    g.add(n);
                    off = Math.max(off, ms(n.offsetS()));
                    j++;
                } else {
                    break;
                }
            }
            long on = ms(g.get(0).onsetS());
            boolean clm;
            if (g.size() == 1) {
                clm = off - on <= 10_000;
            } else {
                clm = off - on <= 15_000 && g.size() <= 4
                        && g.stream().allMatch(x -> ms(x.offsetS()) - ms(x.onsetS()) <= 10_000);
            }
            units.add(new Unit(on, off, clm, g.size() > 1));
            i = j;
        }
        // breakpoints on candidates
        List<Unit> clms = new ArrayList<>();
        List<Boolean> bp = new ArrayList<>();
        boolean brokenSince = true;
        Long prev = null;
        for (Unit u : units) {
            if (!u.clm) {
                brokenSince = true;
                continue;
            }
            long imi = prev == null ? -1 : u.on - prev;
            bp.add(brokenSince || prev == null || imi < 10_000 || imi > 90_000);
            clms.add(u);
            prev = u.on;
            brokenSince = false;
        }
        int[] series = new int[clms.size()];
        int id = 0;
        int k = 0;
        while (k < clms.size()) {
            int e = k + 1;
            while (e < clms.size() && !bp.get(e)) {
                e++;
            }
            if (e - k >= 4) {
                id++;
                for (int x = k; x < e; x++) {
                    series[x] = id;
                }
            }
            k = e;
        }
        List<String> out = new ArrayList<>();
        for (int x = 0; x < clms.size(); x++) {
            out.add((clms.get(x).bilateral ? "B" : "") + clms.get(x).on + ":" + series[x]);
        }
        return out;
    }

    @Provide
    Arbitrary<List<LegMovement>> nights() {
        Arbitrary<long[]> one = Combinators.combine(
                Arbitraries.integers().between(0, 30_000),
                Arbitraries.integers().between(300, 16_000),
                Arbitraries.integers().between(0, 1))
                .as((gap, dur, leg) -> new long[]{gap, dur, leg});
        return one.list().ofMaxSize(150).map(list -> {
            List<LegMovement> out = new ArrayList<>();
            long t = 0;
            for (long[] r : list) {
                t += r[0];
                out.add(LegMovement.of(t / 1000.0, (t + r[1]) / 1000.0, r[2] == 0 ? Leg.LEFT : Leg.RIGHT));
            }
            return out;
        });
    }

    @Property(tries = 400, seed = "8675309")
    void scorerAgreesWithTheBatchReference(@ForAll("nights") List<LegMovement> night) {
        ScoringResult r = PlmScorer.scoreAll(night, ScoringStandard.WASM2016, ScoringContext.NONE);
        List<String> got = new ArrayList<>();
        for (ScoredMovement m : r.movements()) {
            if (m.candidate()) {
                got.add((m.movement().leg() == Leg.BILATERAL ? "B" : "") + ms(m.onsetS()) + ":"
                        + (m.seriesId() == null ? 0 : m.seriesId()));
            }
        }
        assertEquals(reference(night), got);
    }
}
