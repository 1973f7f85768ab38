package org.symsweep.ml.train;

import java.util.List;
import java.util.Map;

/**
 * How a trial ended. On COMPLETED (and STOPPED, when at least one epoch ran) {@code metrics} holds the
 * selected epoch's numbers: test_top1 (for binary XOR the mean over its fresh test sets, with
 * test_top1_sd), val_top1, val_loss, train_loss, selected_epoch, logit_scale and, gated, gate_alpha and
 * gate_temperature. On DIVERGED, {@code reason} says where the loss stopped being finite.
 */
public record TrialResult(Outcome outcome, Map<String, Double> metrics, List<EpochMetrics> epochs, String reason, double seconds) {
    public enum Outcome {
        COMPLETED,
        STOPPED,
        DIVERGED
    }

    public TrialResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        epochs = List.copyOf(epochs);
    }
}
