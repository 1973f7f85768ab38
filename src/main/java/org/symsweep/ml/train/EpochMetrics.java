package org.symsweep.ml.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured. {@code gateAlpha} and {@code gateTemperature} are NaN for ungated variants.
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double validationLoss,
        double validationTop1,
        double logitScale,
        double gateAlpha,
        double gateTemperature,
        double seconds) {

    /** The metrics by their stored names, leaving out those that do not apply. */
    public Map<String, Double> byName() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", trainLoss);
        values.put("val_loss", validationLoss);
        values.put("val_top1", validationTop1);
        values.put("logit_scale", logitScale);
        if (!Double.isNaN(gateAlpha)) {
            values.put("gate_alpha", gateAlpha);
            values.put("gate_temperature", gateTemperature);
        }
        values.put("epoch_seconds", seconds);
        return values;
    }
}
