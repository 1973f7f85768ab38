package org.symsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.Variant;
import org.symsweep.ml.train.BenchmarkSpec;
import org.symsweep.ml.train.HyperparameterCatalog;
import org.symsweep.ml.train.Hyperparameters;
import org.symsweep.ml.train.ParameterProblem;
import org.symsweep.ml.train.Selection;
import org.symsweep.ml.train.TrialSpec;

/**
 * Turns one planned trial of a sweep into what the training core runs: the benchmark's defaults for the
 * variant, the trial's parameters on top, the sweep's training settings, and the trial's condition and seed.
 */
public final class TrialSpecs {
    private TrialSpecs() {
    }

    public static TrialSpec of(SweepSpec sweep, Variant variant, Map<String, Object> params, Map<String, Object> condition, long seed) {
        TrialSpec defaults = TrialSpec.defaults(variant, benchmark(sweep.benchmark(), condition), seed);
        List<ParameterProblem> problems = new ArrayList<>();
        Hyperparameters hyperparameters = HyperparameterCatalog.apply(defaults.hyperparameters(), params, problems);
        if (!problems.isEmpty()) {
            // The parser accepted these values, so this is a bug or a changed catalog: say which.
            throw new IllegalStateException("stored parameters no longer apply: " + problems);
        }
        TrainingSpec training = sweep.training();
        int epochs = sweep.search().strategy() == SearchStrategy.SUCCESSIVE_HALVING
                ? sweep.search().maxEpochs()
                : training.epochs().orElse(defaults.epochs());
        int patience = training.patience().orElse(defaults.patience());
        Selection selection = training.selection().flatMap(Selection::fromId).orElse(defaults.selection());
        return defaults.withHyperparameters(hyperparameters).withTraining(epochs, patience, selection);
    }

    private static BenchmarkSpec benchmark(Benchmark benchmark, Map<String, Object> condition) {
        double p = condition.values().stream().findFirst().map(v -> ((Number) v).doubleValue()).orElse(Double.NaN);
        BenchmarkSpec spec = switch (benchmark.kind()) {
            case BINARY_XOR -> BenchmarkSpec.binaryXor(p);
            case SYNTHETIC_MISALIGNMENT -> BenchmarkSpec.syntheticMisalignment(p);
            case FEATURES -> BenchmarkSpec.features(benchmark.featuresPath()
                    .orElseThrow(() -> new IllegalStateException("the sweep's data were not resolved to a file")), List.of(), 0);
            case NO_OP -> BenchmarkSpec.noOp(p, benchmark.seconds());
        };
        return benchmark.rows() > 0 ? spec.withRows(benchmark.rows()) : spec;
    }
}
