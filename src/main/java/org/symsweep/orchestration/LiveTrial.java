package org.symsweep.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.train.EpochMetrics;
import org.symsweep.store.TrialStore;

/**
 * A trial attempt running on this node: the metrics it reported and not yet written, and whether (and why)
 * it should stop at its next epoch boundary.
 */
final class LiveTrial {
    /** Why a running attempt stops early. */
    enum Stop {
        /** Its sweep was cancelled. */
        CANCELLED,
        /** Successive halving found it weak at a rung. */
        PRUNED,
        /** Another node runs the trial now (this one was presumed dead); nothing more may be written. */
        LOST,
        /** This node is shutting down; the trial goes back to the queue. */
        SHUTDOWN
    }

    final long trialId;
    final long sweepId;
    final int attempt;
    private final List<TrialStore.EpochValue> unwritten = new ArrayList<>();
    private volatile Stop stop;
    volatile long lastChecked = System.nanoTime();
    /** Set once the sweep's next trials were queued together with this attempt's result. */
    volatile boolean dispatched;

    LiveTrial(long trialId, long sweepId, int attempt) {
        this.trialId = trialId;
        this.sweepId = sweepId;
        this.attempt = attempt;
    }

    synchronized void record(EpochMetrics metrics) {
        for (Map.Entry<String, Double> value : metrics.byName().entrySet()) {
            if (Double.isFinite(value.getValue())) {
                unwritten.add(new TrialStore.EpochValue(trialId, attempt, metrics.epoch(), value.getKey(), value.getValue()));
            }
        }
    }

    /** Takes the unwritten metrics; give them back with {@link #restore} if writing them fails. */
    synchronized List<TrialStore.EpochValue> drain() {
        List<TrialStore.EpochValue> taken = new ArrayList<>(unwritten);
        unwritten.clear();
        return taken;
    }

    synchronized void restore(List<TrialStore.EpochValue> values) {
        unwritten.addAll(0, values);
    }

    /** The first reason to stop wins: a trial pruned and then cancelled ends as pruned. */
    synchronized void stop(Stop reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    Stop stopReason() {
        return stop;
    }
}
