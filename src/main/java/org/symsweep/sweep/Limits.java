package org.symsweep.sweep;

/** How many of a sweep's trials may run at once, and how often a failing trial is retried. */
public record Limits(int maxParallel, int retries) {
    public static final int MAX_PARALLEL = 1024;
    public static final int MAX_RETRIES = 10;

    public static Limits defaults() {
        return new Limits(1, 2);
    }
}
