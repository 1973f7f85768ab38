package org.symsweep.access;

import jakarta.enterprise.context.RequestScoped;

/** The request's {@link Caller}, set by {@link Gatekeeper} before any resource runs. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;
    private SweepAccess sweep;

    public Caller get() {
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The sweep this request's path names, once access to it was granted (for the audit trail). */
    public SweepAccess sweep() {
        return sweep;
    }

    void sweep(SweepAccess sweep) {
        this.sweep = sweep;
    }
}
