package org.symsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BenchmarkKind;
import org.symsweep.ml.nn.NeutralType;
import org.symsweep.ml.train.TrialSpec;

class TrialSpecsTest {
    private static SweepSpec spec(String json) throws Exception {
        return SweepSpecParser.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void aTrialGetsItsParametersConditionSeedAndTheSweepsTraining() throws Exception {
        SweepSpec sweep = spec(SweepGrammarTest.EXAMPLE);
        TrialSpec trial = TrialSpecs.of(sweep, Variant.GATED_SYMILE,
                Map.of("gate.strength", 0.25, "gate.neutral", "ones", "contrastive_scale", 64, "embedding_dim", 64,
                        "gate.key_dim", 64, "negatives", 32, "lr", 0.00875),
                Map.of("misalignment", 0.75), 421);
        assertThat(trial.variant()).isEqualTo(Variant.GATED_SYMILE);
        assertThat(trial.seed()).isEqualTo(421);
        assertThat(trial.benchmark().kind()).isEqualTo(BenchmarkKind.SYNTHETIC_MISALIGNMENT);
        assertThat(trial.benchmark().p()).isEqualTo(0.75);
        assertThat(trial.hyperparameters().contrastiveScale()).isEqualTo(64);
        assertThat(trial.hyperparameters().optimizer().learningRate()).isEqualTo(0.00875);
        assertThat(trial.hyperparameters().gate().neutral()).isEqualTo(NeutralType.ONES);
        assertThat(trial.epochs()).isEqualTo(10);
        assertThat(trial.patience()).isEqualTo(5);
    }

    @Test
    void successiveHalvingTrainsUpToItsMaximumAndRowsAndSecondsPassThrough() throws Exception {
        SweepSpec halving = spec("""
                {"name": "sh", "benchmark": {"kind": "binary-xor", "rows": 500}, "variants": ["symile"], "seeds": [1],
                 "conditions": {"p": [0.3]},
                 "search": {"strategy": "successive-halving", "trials": 2, "min_epochs": 2, "max_epochs": 18,
                            "space": {"lr": {"log-uniform": [0.001, 0.1]}}}}""");
        TrialSpec trial = TrialSpecs.of(halving, Variant.SYMILE, Map.of("lr", 0.01), Map.of("p", 0.3), 1);
        assertThat(trial.epochs()).isEqualTo(18);
        assertThat(trial.benchmark().rows()).isEqualTo(500);
        assertThat(trial.benchmark().p()).isEqualTo(0.3);
        SweepSpec noOp = spec("""
                {"name": "n", "benchmark": {"kind": "no-op", "seconds": 1.5}, "variants": ["clip"], "seeds": [1]}""");
        assertThat(TrialSpecs.of(noOp, Variant.CLIP, Map.of(), Map.of("p", 1.0), 1).benchmark().seconds()).isEqualTo(1.5);
    }
}
