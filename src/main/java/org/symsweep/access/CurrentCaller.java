package org.symsweep.access;

import jakarta.enterprise.context.RequestScoped;

/** The request's {@link Caller}, set by {@link Gatekeeper} before any resource runs. */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    public Caller get() {
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
