package org.symsweep.access;

/**
 * Access granted to one sweep: where it sits and the caller's role in its team (null for a share link). Only
 * {@link Access} makes one, after loading the sweep, so holding one means the decision was taken.
 */
public record SweepAccess(AccessStore.SweepPlace place, Role role) {
    public long sweepId() {
        return place.sweepId();
    }

    public long teamId() {
        return place.teamId();
    }
}
