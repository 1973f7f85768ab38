package org.symsweep.ml.train;

import org.symsweep.ml.Variant;
import org.symsweep.ml.loss.Negatives;
import org.symsweep.ml.nn.GateConfig;
import org.symsweep.ml.nn.WeightInit;
import org.symsweep.ml.optim.OptimizerConfig;
import org.symsweep.ml.optim.OptimizerKind;

/**
 * Everything that determines a trial's numbers: the same spec and seed give the same result on the same
 * machine. {@code patience} = 0 trains all epochs; otherwise training stops once the selection metric has
 * not improved for that many epochs.
 */
public record TrialSpec(Variant variant, BenchmarkSpec benchmark, Hyperparameters hyperparameters,
                        int epochs, int patience, Selection selection, long seed) {

    public TrialSpec {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must not be negative, got " + patience);
        }
    }

    /**
     * The papers' settings for a variant on a benchmark (ml-spec.md sections 2.9 and 3.6): the Symile
     * paper's XOR configuration, the Gated Symile paper's tuned configuration elsewhere.
     */
    public static TrialSpec defaults(Variant variant, BenchmarkSpec benchmark, long seed) {
        return switch (benchmark.kind()) {
            case BINARY_XOR -> new TrialSpec(variant, benchmark, new Hyperparameters(
                    16, 0, 16, WeightInit.LINEAR_DEFAULT, 1000, Negatives.N, 128, false, false, -0.3, true,
                    new OptimizerConfig(OptimizerKind.ADAMW, 0.1, 0.9, 0.999, 1e-8, 0.01, 1.0, 0),
                    0.0, GateConfig.tuned(16)), 100, 0, Selection.MIN_VAL_LOSS, seed);
            case SYNTHETIC_MISALIGNMENT -> new TrialSpec(variant, benchmark, tuned(variant, 2, 0, 256), 25, 5, Selection.MAX_VAL_TOP1, seed);
            case FEATURES -> new TrialSpec(variant, benchmark, tuned(variant, 1, 0, 128), 25, 5, Selection.MAX_VAL_TOP1, seed);
            case NO_OP -> new TrialSpec(variant, benchmark, tuned(variant, 1, 0, 16), 5, 0, Selection.MAX_VAL_TOP1, seed);
        };
    }

    private static Hyperparameters tuned(Variant variant, int hiddenLayers, int hiddenWidth, int dim) {
        double logScale = variant == Variant.CLIP ? StrictMath.log(1 / 0.07) : -0.5525;
        return new Hyperparameters(dim, hiddenLayers, hiddenWidth, WeightInit.KAIMING_NORMAL_FAN_OUT, 128, Negatives.PAIR, 128,
                true, true, logScale, true,
                new OptimizerConfig(OptimizerKind.SCHEDULE_FREE_ADAMW, 0.008752, 0.9, 0.95, 1e-7, 0.0, 2.0, 200),
                1.0, GateConfig.tuned(dim));
    }

    public TrialSpec withHyperparameters(Hyperparameters hyperparameters) {
        return new TrialSpec(variant, benchmark, hyperparameters, epochs, patience, selection, seed);
    }

    public TrialSpec withTraining(int epochs, int patience, Selection selection) {
        return new TrialSpec(variant, benchmark, hyperparameters, epochs, patience, selection, seed);
    }
}
