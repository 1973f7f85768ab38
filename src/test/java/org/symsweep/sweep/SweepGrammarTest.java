package org.symsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.symsweep.ml.Variant;

/** The full sweep grammar: search spaces, conditions, training, objective and limits, and trial planning. */
public class SweepGrammarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The example of the orchestration issue, kept working. */
    public static final String EXAMPLE = """
            {
              "name": "gate strength vs misalignment",
              "benchmark": {"kind": "synthetic-misalignment"},
              "variants": ["clip", "symile", "gated-symile"],
              "conditions": {"misalignment": [0.0, 0.25, 0.5, 0.75, 1.0]},
              "search": {"strategy": "grid", "space": {
                  "gate.strength": {"values": [0.25, 0.5, 0.75]},
                  "gate.neutral": {"values": ["random_trainable", "ones", "none"]},
                  "contrastive_scale": {"values": [64, 128, 256]},
                  "embedding_dim": {"values": [64]}, "gate.key_dim": {"values": [64]}, "negatives": {"values": [32]},
                  "lr": {"values": [0.00875]}}},
              "seeds": [420, 421, 422],
              "training": {"epochs": 10, "patience": 5},
              "objective": {"metric": "test_top1", "direction": "maximize"},
              "limits": {"max_parallel": 2, "retries": 2}
            }""";

    @Test
    void theExampleGridCrossesGateParametersWithTheGatedVariantOnly() throws Exception {
        SweepSpec spec = SweepSpecParser.parse(JSON.readTree(EXAMPLE));
        List<PlannedTrial> trials = TrialPlanner.plan(spec);
        Map<Variant, Long> perVariant = trials.stream().collect(Collectors.groupingBy(PlannedTrial::variant, Collectors.counting()));
        // 3 contrastive scales for the ungated variants; x 3 strengths x 3 neutrals for the gated one; x 5 conditions x 3 seeds.
        assertThat(perVariant).containsEntry(Variant.CLIP, 45L).containsEntry(Variant.SYMILE, 45L).containsEntry(Variant.GATED_SYMILE, 405L);
        assertThat(TrialPlanner.count(spec)).isEqualTo(trials.size()).isEqualTo(495);
        assertThat(trials.stream().filter(t -> t.variant() == Variant.CLIP).map(PlannedTrial::params))
                .allSatisfy(p -> assertThat(p).doesNotContainKeys("gate.strength", "gate.neutral", "gate.key_dim", "negatives"));
        assertThat(trials.stream().map(PlannedTrial::condition).distinct()).hasSize(5);
        assertThat(trials.stream().map(t -> t.variant() + t.paramsHash() + t.conditionHash() + t.seed()).distinct()).hasSize(495);
        assertThat(spec.limits()).isEqualTo(new Limits(2, 2));
        assertThat(spec.training().epochs()).hasValue(10);
    }

    @Test
    void randomSearchDrawsTheAskedNumberOfConfigurationsReproducibly() throws Exception {
        String random = """
                {"name": "r", "benchmark": {"kind": "binary-xor"}, "variants": ["symile", "gated-symile"],
                 "conditions": {"p": [0.5, 1.0]},
                 "search": {"strategy": "random", "trials": 12, "seed": 7, "space": {
                    "lr": {"log-uniform": [0.001, 0.1]}, "gate.strength": {"uniform": [0.0, 1.0]},
                    "embedding_dim": {"int-range": [8, 32]}}},
                 "seeds": [0, 1]}""";
        SweepSpec spec = SweepSpecParser.parse(JSON.readTree(random));
        List<PlannedTrial> first = TrialPlanner.plan(spec);
        assertThat(first.stream().filter(t -> t.variant() == Variant.GATED_SYMILE)).hasSize(12 * 2 * 2);
        assertThat(first).isEqualTo(TrialPlanner.plan(spec));
        assertThat(first).allSatisfy(t -> {
            double lr = ((Number) t.params().get("lr")).doubleValue();
            assertThat(lr).isBetween(0.001, 0.1);
            assertThat(((Number) t.params().get("embedding_dim")).longValue()).isBetween(8L, 32L);
        });
        assertThat(first.stream().filter(t -> t.variant() == Variant.SYMILE).map(PlannedTrial::params))
                .allSatisfy(p -> assertThat(p).doesNotContainKey("gate.strength"));
    }

    static Stream<Arguments> badSpecs() {
        String base = """
                {"name": "n", "benchmark": {"kind": "synthetic-misalignment"}, "variants": ["gated-symile"], "seeds": [1], %s}""";
        return Stream.of(
                Arguments.of(base.formatted("\"search\": {\"space\": {\"colour\": {\"values\": [1]}}}"), "search.space.colour", "is not a hyperparameter"),
                Arguments.of(base.formatted("\"search\": {\"space\": {\"gate.strength\": {\"values\": [0.5, 1.5]}}}"), "search.space.gate.strength.values[1]", "a number in [0, 1]"),
                Arguments.of(base.formatted("\"search\": {\"space\": {\"lr\": {\"values\": [-0.1]}}}"), "search.space.lr.values[0]", "a number in (0, 10]"),
                Arguments.of(base.formatted("\"search\": {\"space\": {\"gate.neutral\": {\"values\": [\"mean\"]}}}"), "search.space.gate.neutral.values[0]", "random_trainable, random_frozen, ones, none"),
                Arguments.of(base.formatted("\"search\": {\"space\": {\"lr\": {\"values\": []}}}"), "search.space.lr.values", "must not be empty"),
                Arguments.of(base.formatted("\"search\": {\"space\": {\"lr\": {\"uniform\": [0.001, 0.1]}}}"), "search.space.lr.uniform", "a grid enumerates lists only"),
                Arguments.of(base.formatted("\"search\": {\"strategy\": \"random\", \"space\": {\"lr\": {\"uniform\": [0.001, 0.1]}}}"), "search.trials", "is required for random search"),
                Arguments.of(base.formatted("\"search\": {\"strategy\": \"random\", \"trials\": 3, \"space\": {\"gate.neutral\": {\"uniform\": [0, 1]}}}"), "search.space.gate.neutral.uniform", "does not fit"),
                Arguments.of(base.formatted("\"search\": {\"strategy\": \"bayes\"}"), "search.strategy", "allowed: grid, random, successive-halving"),
                Arguments.of(base.formatted("\"search\": {\"strategy\": \"successive-halving\", \"space\": {}}"), "search.max_epochs", "is required for successive-halving"),
                Arguments.of(base.formatted("\"conditions\": {\"misalignment\": [0.5, 1.2]}"), "conditions.misalignment[1]", "a probability in [0, 1]"),
                Arguments.of(base.formatted("\"conditions\": {\"p\": [0.5]}"), "conditions.p", "allowed: misalignment"),
                Arguments.of(base.formatted("\"training\": {\"epochs\": 0}"), "training.epochs", "an integer from 1 to 10000"),
                Arguments.of(base.formatted("\"training\": {\"selection\": \"best\"}"), "training.selection", "min_val_loss, max_val_top1"),
                Arguments.of(base.formatted("\"objective\": {\"metric\": \"accuracy\"}"), "objective.metric", "test_top1, val_top1, val_loss, train_loss"),
                Arguments.of(base.formatted("\"limits\": {\"max_parallel\": 0}"), "limits.max_parallel", "an integer from 1 to 1024"),
                Arguments.of(base.formatted("\"limits\": {\"retries\": 11}"), "limits.retries", "an integer from 0 to 10"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSpecs")
    void everyBadFieldIsNamed(String spec, String field, String message) {
        assertThatThrownBy(() -> SweepSpecParser.parse(JSON.readTree(spec)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .anySatisfy(error -> {
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.message()).contains(message);
                        }));
    }

    @Test
    void aSweepOfMoreThanOneHundredThousandTrialsIsRefusedSayingHowMany() {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            values.append(i == 1 ? "" : ",").append(i);
        }
        String huge = """
                {"name": "n", "benchmark": {"kind": "binary-xor"}, "variants": ["gated-symile"],
                 "search": {"space": {"embedding_dim": {"values": [%s]}, "gate.key_dim": {"values": [%s]}}}, "seeds": [1]}"""
                .formatted(values, values);
        assertThatThrownBy(() -> SweepSpecParser.parse(JSON.readTree(huge)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("search.space");
                            assertThat(error.message()).contains("would plan 250000 trials").contains("at most 100000");
                        }));
    }
}
