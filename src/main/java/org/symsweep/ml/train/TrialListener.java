package org.symsweep.ml.train;

/** Told of each epoch as it ends; may ask the trial to stop (a cancelled sweep, a pruned trial). */
public interface TrialListener {
    void onEpoch(EpochMetrics metrics);

    /** Checked between epochs; true ends the trial early with outcome STOPPED. */
    default boolean stopRequested() {
        return false;
    }

    TrialListener NONE = metrics -> {
    };
}
