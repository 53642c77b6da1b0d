package org.plmmonitor.analysis.edf;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the annotations of a PSG scoring into the scorer's inputs, by label ({@link EventLabels}).
 * Times stay relative to the EDF file's start.
 */
public final class EdfEvents {
    /** Length given to the last sleep-stage annotation when it has no duration and the file no length. */
    static final double DEFAULT_EPOCH_S = 30.0;

    private EdfEvents() {
    }

    /**
     * @param f      the annotations
     * @param labels label mapping
     * @param name   the file as the user named it, for messages
     * @return one movement per leg-movement annotation (leg from the label, left when it names none)
     * @throws InputException when a leg-movement annotation has no duration
     */
    public static List<LegMovement> legMovements(EdfAnnotations f, EventLabels labels, String name) throws InputException {
        List<LegMovement> out = new ArrayList<>();
        int i = 0;
        for (Annotation a : f.annotations()) {
            i++;
            if (labels.is(a.text(), EventLabels.Kind.LEG_MOVEMENT)) {
                if (!a.hasDuration()) {
                    throw new InputException(name, 0, "annotation " + i + " ('" + a.text() + "' at " + a.onsetS()
                            + " s) has no duration; a leg movement needs one");
                }
                Leg leg = EventLabels.legOf(a.text()).orElse(Leg.LEFT);
                out.add(LegMovement.of(a.onsetS(), a.onsetS() + a.durationS(), leg));
            }
        }
        return out;
    }

    /**
     * @param f      the annotations
     * @param labels label mapping
     * @param kind   {@link EventLabels.Kind#RESPIRATORY} (duration required) or
     *               {@link EventLabels.Kind#AROUSAL} (a missing duration means a point in time)
     * @param name   the file as the user named it
     * @return the events' intervals
     * @throws InputException when a respiratory event has no duration
     */
    public static List<TimeInterval> intervals(EdfAnnotations f, EventLabels labels, EventLabels.Kind kind, String name)
            throws InputException {
        List<TimeInterval> out = new ArrayList<>();
        int i = 0;
        for (Annotation a : f.annotations()) {
            i++;
            if (labels.is(a.text(), kind)) {
                if (!a.hasDuration() && kind == EventLabels.Kind.RESPIRATORY) {
                    throw new InputException(name, 0, "annotation " + i + " ('" + a.text() + "' at " + a.onsetS()
                            + " s) has no duration; a respiratory event needs one (its end is what the rules use)");
                }
                out.add(new TimeInterval(a.onsetS(), a.onsetS() + (a.hasDuration() ? a.durationS() : 0)));
            }
        }
        return out;
    }

    /**
     * Sleep from sleep-stage annotations. A stage without a duration lasts until the next stage
     * annotation (sleep, wake or unscored), the last one until the end of the recording (or 30 s).
     *
     * @param f      the annotations
     * @param labels label mapping
     * @return the intervals scored as sleep (N1-N4, R)
     */
    public static List<TimeInterval> sleep(EdfAnnotations f, EventLabels labels) {
        return stage(f, labels, EventLabels.Kind.SLEEP);
    }

    /**
     * Wake from wake-stage annotations, read as {@link #sleep}. Unscored epochs ("Sleep stage ?",
     * movement time) and time no stage covers are neither sleep nor wake.
     *
     * @param f      the annotations
     * @param labels label mapping
     * @return the intervals scored as wake
     */
    public static List<TimeInterval> wake(EdfAnnotations f, EventLabels labels) {
        return stage(f, labels, EventLabels.Kind.WAKE);
    }

    private static List<TimeInterval> stage(EdfAnnotations f, EventLabels labels, EventLabels.Kind kind) {
        List<Annotation> stages = new ArrayList<>();
        for (Annotation a : f.annotations()) {
            if (labels.isStage(a.text())) {
                stages.add(a);
            }
        }
        stages.sort((x, y) -> Double.compare(x.onsetS(), y.onsetS()));
        List<TimeInterval> out = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Annotation a = stages.get(i);
            if (!labels.is(a.text(), kind)) {
                continue;
            }
            double end;
            if (a.hasDuration()) {
                end = a.onsetS() + a.durationS();
            } else if (i + 1 < stages.size()) {
                end = stages.get(i + 1).onsetS();
            } else {
                end = f.recordedS() > a.onsetS() ? f.recordedS() : a.onsetS() + DEFAULT_EPOCH_S;
            }
            out.add(new TimeInterval(a.onsetS(), end));
        }
        return out;
    }
}
