package org.symsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BenchmarkKind;

class SweepSpecParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAValidSpec() throws Exception {
        SweepSpec spec = SweepSpecParser.parse(json("""
                {"name": "  xor  ", "benchmark": {"kind": "features", "dataset": "my-data.v2"},
                 "variants": ["gated-symile", "clip"], "seeds": [3, 1]}"""));
        assertThat(spec.name()).isEqualTo("xor");
        assertThat(spec.benchmark().kind()).isEqualTo(BenchmarkKind.FEATURES);
        assertThat(spec.benchmark().dataset()).contains("my-data.v2");
        assertThat(spec.benchmark().datasetId()).isEmpty();
        assertThat(spec.benchmark().featuresPath()).isEmpty();
        assertThat(spec.variants()).containsExactly(Variant.GATED_SYMILE, Variant.CLIP);
        assertThat(spec.seeds()).containsExactly(3L, 1L);
    }

    @Test
    void readsAServerPathWithoutLookingAtTheFileSystem() throws Exception {
        // Whether a path is allowed is the server's decision (data roots), made when the sweep is posted.
        SweepSpec spec = SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "features", "path": "/no/such/features.npz"}, "variants": ["clip"], "seeds": [1]}"""));
        assertThat(spec.benchmark().featuresPath()).contains("/no/such/features.npz");
    }

    @Test
    void refusesBenchmarkSettingsThatDoNotApplyOrCannotBeRead() {
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "features"}, "variants": ["clip"], "seeds": [1]}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("benchmark.dataset"))
                        .satisfies(error -> assertThat(error.message()).contains("is required for kind features")));
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "features", "dataset": "../etc"}, "variants": ["clip"], "seeds": [1]}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("benchmark.dataset"));
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "features", "dataset": "a", "path": "/x"}, "variants": ["clip"], "seeds": [1]}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("benchmark.dataset"));
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "binary-xor", "dataset": "a"}, "variants": ["clip"], "seeds": [1]}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("benchmark.dataset"));
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "binary-xor", "rows": -1, "seconds": 2}, "variants": ["clip"], "seeds": [1]}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("benchmark.rows", "benchmark.seconds"));
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "no-op", "rows": 10, "seconds": -1}, "variants": ["clip"], "seeds": [1]}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("benchmark.rows", "benchmark.seconds"));
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"benchmark": {"kind": "binary-xor", "path": "x"}, "variants": ["clip", "clip"], "seeds": [1, 1], "extra": 1}""")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("extra", "name", "benchmark.path", "variants[1]", "seeds[1]"));
    }

    @Test
    void refusesTooManySeedsSayingHowMany() {
        StringBuilder seeds = new StringBuilder();
        for (int i = 0; i <= SweepSpec.MAX_SEEDS; i++) {
            seeds.append(i == 0 ? "" : ",").append(i);
        }
        assertThatThrownBy(() -> SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [%s]}""".formatted(seeds))))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("seeds", "has 1001 seeds; at most 1000 are allowed")));
    }

    @Test
    void plansEveryVariantWithTheSameSeeds() throws Exception {
        SweepSpec spec = SweepSpecParser.parse(json("""
                {"name": "n", "benchmark": {"kind": "binary-xor"}, "variants": ["clip", "symile", "gated-symile"], "seeds": [5, 6]}"""));
        List<PlannedTrial> trials = TrialPlanner.plan(spec);
        assertThat(trials).hasSize(6);
        for (Variant variant : Variant.values()) {
            assertThat(trials.stream().filter(t -> t.variant() == variant).map(PlannedTrial::seed)).containsExactly(5L, 6L);
        }
    }

    @Test
    void theParameterHashIgnoresKeyOrder() {
        assertThat(CanonicalHash.of(java.util.Map.of("a", 1, "b", List.of(1, 2))))
                .isEqualTo(CanonicalHash.of(new java.util.TreeMap<>(java.util.Map.of("b", List.of(1, 2), "a", 1))))
                .hasSize(64)
                .isNotEqualTo(CanonicalHash.of(java.util.Map.of("a", 2, "b", List.of(1, 2))));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
