package org.symsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SweepExtensionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void widenedSpecsPlanTheOldTrialsAndTheNewOnes() throws Exception {
        JsonNode stored = json(SweepGrammarTest.EXAMPLE);
        JsonNode widened = SweepExtension.apply(stored, json("""
                {"seeds": [423], "space": {"gate.strength": {"values": [1.0]}}, "limits": {"max_parallel": 4}}"""));
        SweepSpec before = SweepSpecParser.parse(stored);
        SweepSpec after = SweepSpecParser.parse(widened);
        assertThat(after.seeds()).containsExactly(420L, 421L, 422L, 423L);
        assertThat(after.limits().maxParallel()).isEqualTo(4);
        assertThat(TrialPlanner.plan(after)).containsAll(TrialPlanner.plan(before));
        // Gated: 4 strengths x 3 neutrals x 3 scales x 5 conditions x 4 seeds; ungated: 3 scales x 5 x 4 each.
        assertThat(TrialPlanner.count(after)).isEqualTo(4 * 3 * 3 * 5 * 4 + 2 * 3 * 5 * 4);
        assertThat(stored.get("seeds")).hasSize(3); // the stored document is not changed
    }

    @Test
    void randomSearchDrawsTheSameFirstConfigurationsAgain() throws Exception {
        JsonNode stored = json("""
                {"name": "r", "benchmark": {"kind": "no-op"}, "variants": ["clip"], "seeds": [1],
                 "search": {"strategy": "random", "trials": 3, "seed": 5, "space": {"lr": {"log-uniform": [0.0001, 0.1]}}}}""");
        JsonNode widened = SweepExtension.apply(stored, json("{\"trials\": 5}"));
        assertThat(TrialPlanner.plan(SweepSpecParser.parse(widened))).containsAll(TrialPlanner.plan(SweepSpecParser.parse(stored)))
                .hasSize(5);
    }

    @Test
    void nothingCanBeRemovedRepeatedOrInvented() throws Exception {
        JsonNode stored = json(SweepGrammarTest.EXAMPLE);
        assertThatThrownBy(() -> SweepExtension.apply(stored, json("{\"seeds\": [420]}")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("seeds"));
        assertThatThrownBy(() -> SweepExtension.apply(stored, json("{\"variants\": [\"clip\"]}")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("variants"));
        assertThatThrownBy(() -> SweepExtension.apply(stored, json("{\"space\": {\"weight_decay\": {\"values\": [0.1]}}}")))
                .isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("space.weight_decay"));
        assertThatThrownBy(() -> SweepExtension.apply(stored, json("{\"trials\": 10}")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("trials"));
        assertThatThrownBy(() -> SweepExtension.apply(stored, json("{}"))).isInstanceOf(InvalidSpecException.class);
        // Values outside the allowed range are caught when the widened spec is parsed.
        JsonNode bad = SweepExtension.apply(stored, json("{\"space\": {\"gate.strength\": {\"values\": [1.5]}}}"));
        assertThatThrownBy(() -> SweepSpecParser.parse(bad)).isInstanceOf(InvalidSpecException.class);
    }
}
