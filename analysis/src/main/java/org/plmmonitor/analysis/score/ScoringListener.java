package org.plmmonitor.analysis.score;

/**
 * Receives the scorer's results as they become known. Called on the thread that feeds the scorer.
 *
 * <p>Each movement is emitted zero or more times with {@code decided == false} (its series state still
 * pending: may change) and then exactly once with {@code decided == true} (final). The undecided
 * emissions always precede the decided one. A one-leg movement is first emitted (undecided) as soon
 * as it is accepted, so a streaming caller sees it at its offset.
 */
public interface ScoringListener {
    /**
     * @param m       the movement with its current state
     * @param decided true when this state is final
     */
    void movement(ScoredMovement m, boolean decided);

    /**
     * A series was created or grew. Called again with the same id each time it gains a member; the
     * call with the highest count is final once the series' last member is decided.
     *
     * @param s the series as known now
     */
    default void series(PlmSeries s) {
    }
}
