package org.symsweep.sweep;

/** Lifecycle of one (variant, configuration, condition, seed) trial. */
public enum TrialState {
    PLANNED,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    PRUNED,
    CANCELLED;

    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == PRUNED || this == CANCELLED;
    }
}
