package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;

/** Writes the audit trail: who (the request's caller) did what to which target, in which team. */
@ApplicationScoped
public class Audit {
    private final AccessStore store;
    private final CurrentCaller current;

    public Audit(AccessStore store, CurrentCaller current) {
        this.store = store;
        this.current = current;
    }

    public void record(String action, String targetType, Long targetId, Long teamId, String detail) {
        Caller caller = current.get();
        store.audit(caller == null ? null : caller.accountId(), caller == null ? "system" : caller.actor(), action, targetType, targetId,
                teamId, detail);
    }

    /** An action on a sweep, in the team the access decision found it in. */
    public void sweep(String action, SweepAccess sweep, String detail) {
        record(action, "sweep", sweep.sweepId(), sweep.teamId(), detail);
    }
}
