package org.symsweep.sweep;

/** Lifecycle of a sweep. SUCCEEDED means every planned trial has ended, whatever its outcome. */
public enum SweepState {
    RUNNING,
    PAUSED,
    SUCCEEDED,
    CANCELLED;

    /** A sweep that may still start trials; such a sweep cannot be deleted. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
