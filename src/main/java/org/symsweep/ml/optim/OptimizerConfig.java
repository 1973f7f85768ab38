package org.symsweep.ml.optim;

/**
 * @param gateLearningRateMultiplier the gate group's learning rate is {@code learningRate} times this,
 *     and the gate group has no weight decay (ml-spec.md section 3.5)
 * @param warmupSteps linear warm-up: step k (from 0) uses min(1, (k + 1) / warmupSteps) of the rate; 0 = none
 */
public record OptimizerConfig(
        OptimizerKind kind,
        double learningRate,
        double beta1,
        double beta2,
        double eps,
        double weightDecay,
        double gateLearningRateMultiplier,
        int warmupSteps) {

    double warmup(long step) {
        return warmupSteps <= 0 ? 1.0 : Math.min(1.0, (step + 1) / (double) warmupSteps);
    }
}
