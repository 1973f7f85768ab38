package org.symsweep.sweep;

/**
 * Lifecycle of a sweep. SUCCEEDED: every planned trial has ended and none failed. FAILED: every planned trial has
 * ended and at least one failed (its trial counts say how many), so a sweep whose trials crashed never reads as a success.
 */
public enum SweepState {
    RUNNING,
    PAUSED,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** Every planned trial has ended (not cancelled): results are final until the sweep is extended, re-run or raced. */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** A sweep that may still start trials; such a sweep cannot be deleted. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
