package org.plmmonitor.analysis.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An n-of-1 trial's result, keeping to its schedule: a night counts only in the arm it was scheduled for, and
 * only when it followed the schedule and is usable (docs/contracts.md: 4 h analysable); a night that did not
 * follow it is listed as such and never moved to the other arm. The comparison is {@link GroupComparer}'s, its
 * permutations exchanging arms only within the randomisation blocks, and it says "cannot tell yet" below the
 * minimum of usable nights per arm.
 *
 * @param nights     every night of the trial seen so far, in date order
 * @param comparison the usable, schedule-following nights compared
 */
public record NOf1Trial(List<TrialNight> nights, Comparison comparison) {
    public NOf1Trial {
        nights = List.copyOf(nights);
        Objects.requireNonNull(comparison, "comparison");
    }

    /**
     * @param nights  the trial's nights seen so far, any order
     * @param labels  the measure and the two arms' names
     * @param options resamples, seed, levels, the minimum per arm
     * @return the result
     */
    public static NOf1Trial analyse(List<TrialNight> nights, Labels labels, CompareOptions options) {
        List<TrialNight> sorted = nights.stream().sorted(Comparator.comparing(n -> n.index().date())).toList();
        List<Observation> obs = new ArrayList<>();
        for (TrialNight n : sorted) {
            if (n.exclusion().isEmpty()) {
                obs.add(new Observation(n.index().indexPerH(), n.side(), n.block()));
            }
        }
        return new NOf1Trial(sorted, GroupComparer.compare(obs, labels, options));
    }

    /** @return nights that did not follow the schedule */
    public List<TrialNight> deviations() {
        return nights.stream().filter(n -> n.deviation().isPresent()).toList();
    }

    /**
     * @param labels the arms' names, as given to {@link #analyse}
     * @return one line per night (date, block, arm, index, analysable hours, counted or why not), then the
     *         comparison's paragraph
     */
    public String text(Labels labels) {
        StringBuilder b = new StringBuilder();
        for (TrialNight n : nights) {
            NightIndex i = n.index();
            b.append(String.format(Locale.ROOT, "%s  block %d  %-14s %s/h, %.1f h analysable: %s%n", i.date(), n.block(),
                    labels.of(n.side()), Double.isNaN(i.indexPerH()) ? "n/a" : String.format(Locale.ROOT, "%.1f", i.indexPerH()),
                    i.analysableS() / 3600, n.exclusion().orElse("counted")));
        }
        int dev = deviations().size();
        if (dev > 0) {
            b.append(dev).append(dev == 1 ? " night" : " nights")
                    .append(" did not follow the schedule: left out, not moved to the other arm.").append(System.lineSeparator());
        }
        return b.append(comparison.text()).append(System.lineSeparator()).toString();
    }
}
