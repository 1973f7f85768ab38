package org.symsweep.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.Variant;

/** Whole trials on tiny data: what a user of the trial command or a sweep sees. */
class TrainerTest {

    private static TrialSpec tinyXor(Variant variant, Map<String, Object> params) {
        TrialSpec spec = TrialSpec.defaults(variant, BenchmarkSpec.binaryXor(1.0).withRows(400), 3);
        List<ParameterProblem> problems = new ArrayList<>();
        Hyperparameters hyper = HyperparameterCatalog.apply(spec.hyperparameters(), params, problems);
        assertThat(problems).isEmpty();
        return spec.withHyperparameters(hyper).withTraining(3, 0, Selection.MIN_VAL_LOSS);
    }

    @Test
    void theSameSeedGivesTheSameNumbers() throws Exception {
        for (Variant variant : Variant.values()) {
            TrialSpec spec = tinyXor(variant, Map.of("contrastive_scale", 100));
            TrialResult first = Trainer.run(spec, TrialListener.NONE);
            TrialResult second = Trainer.run(spec, TrialListener.NONE);
            assertThat(first.outcome()).isEqualTo(TrialResult.Outcome.COMPLETED);
            assertThat(second.metrics()).as(variant.id()).isEqualTo(first.metrics());
            assertThat(second.epochs().stream().map(EpochMetrics::trainLoss).toList())
                    .isEqualTo(first.epochs().stream().map(EpochMetrics::trainLoss).toList());
        }
    }

    @Test
    void theSameSeedGivesTheSameNumbersWhileTheGarbageCollectorRuns() throws Exception {
        // Constants that autograd keeps for the backward pass once lived in JVM buffers the collector could
        // free mid-step; with collections forced all along, both runs must still agree to the last bit.
        TrialSpec spec = TrialSpec.defaults(Variant.GATED_SYMILE, BenchmarkSpec.syntheticMisalignment(0.5).withRows(2000), 420);
        List<ParameterProblem> problems = new ArrayList<>();
        spec = spec.withHyperparameters(HyperparameterCatalog.apply(spec.hyperparameters(),
                Map.of("embedding_dim", 32, "gate.key_dim", 16, "negatives", 16, "contrastive_scale", 64), problems))
                .withTraining(2, 0, Selection.MAX_VAL_TOP1);
        assertThat(problems).isEmpty();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (running.get()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        collector.setDaemon(true);
        collector.start();
        try {
            TrialResult first = Trainer.run(spec, TrialListener.NONE);
            TrialResult second = Trainer.run(spec, TrialListener.NONE);
            assertThat(second.epochs().stream().map(EpochMetrics::trainLoss).toList())
                    .isEqualTo(first.epochs().stream().map(EpochMetrics::trainLoss).toList());
            assertThat(second.metrics()).isEqualTo(first.metrics());
        } finally {
            running.set(false);
            collector.join();
        }
    }

    @Test
    void everyEpochIsReportedAndTheSelectedOneHasTheLowestValidationLoss() throws Exception {
        List<EpochMetrics> seen = new ArrayList<>();
        TrialResult result = Trainer.run(tinyXor(Variant.GATED_SYMILE, Map.of("contrastive_scale", 100)), seen::add);
        assertThat(seen).hasSize(3);
        assertThat(seen).allSatisfy(m -> {
            assertThat(m.validationTop1()).isBetween(0.0, 1.0);
            assertThat(m.gateAlpha()).isBetween(0.0, 1.0);
            assertThat(m.gateTemperature()).isGreaterThanOrEqualTo(0.1);
        });
        EpochMetrics best = seen.stream().min(java.util.Comparator.comparingDouble(EpochMetrics::validationLoss)).orElseThrow();
        assertThat(result.metrics().get("selected_epoch")).isEqualTo((double) best.epoch());
        assertThat(result.metrics()).containsKeys("test_top1", "test_top1_sd", "gate_alpha", "gate_temperature", "logit_scale");
    }

    @Test
    void aDivergingTrialEndsWithAReasonInsteadOfCrashing() throws Exception {
        // Symile never clamps its log scale: exp(100) overflows float32, and the loss is no longer a number.
        TrialSpec spec = tinyXor(Variant.SYMILE, Map.of("logit_scale_init", 100.0, "train_logit_scale", false, "contrastive_scale", 50));
        TrialResult result = Trainer.run(spec, TrialListener.NONE);
        assertThat(result.outcome()).isEqualTo(TrialResult.Outcome.DIVERGED);
        assertThat(result.reason()).contains("training loss became NaN at epoch 1, batch 1");
        assertThat(result.metrics()).containsEntry("epochs_run", 0.0).doesNotContainKey("test_top1");
    }

    @Test
    void aStopRequestEndsTheTrialBetweenEpochsWithTheBestSoFar() throws Exception {
        List<EpochMetrics> seen = new ArrayList<>();
        TrialListener stopAfterOne = new TrialListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                seen.add(metrics);
            }

            @Override
            public boolean stopRequested() {
                return !seen.isEmpty();
            }
        };
        TrialResult result = Trainer.run(tinyXor(Variant.CLIP, Map.of("contrastive_scale", 100)), stopAfterOne);
        assertThat(result.outcome()).isEqualTo(TrialResult.Outcome.STOPPED);
        assertThat(result.epochs()).hasSize(1);
        assertThat(result.metrics()).containsKey("test_top1");
    }

    @Test
    void unknownAndOutOfRangeHyperparametersAreAllReported() {
        List<ParameterProblem> problems = new ArrayList<>();
        Hyperparameters base = TrialSpec.defaults(Variant.GATED_SYMILE, BenchmarkSpec.syntheticMisalignment(0.5), 1).hyperparameters();
        Hyperparameters result = HyperparameterCatalog.apply(base, Map.of("gate.strength", 1.5, "gate.neutral", "mean", "lr", -1, "colour", 3), problems);
        assertThat(result).isSameAs(base);
        assertThat(problems).extracting(ParameterProblem::name).containsExactlyInAnyOrder("gate.strength", "gate.neutral", "lr", "colour");
        assertThat(problems).filteredOn(p -> p.name().equals("gate.neutral")).singleElement()
                .extracting(ParameterProblem::message).asString().contains("random_trainable, random_frozen, ones, none");
    }
}
