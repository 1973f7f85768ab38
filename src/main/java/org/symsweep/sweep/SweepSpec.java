package org.symsweep.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.Variant;

/**
 * A validated sweep specification. Only {@link SweepSpecParser} makes one from user input, so holding
 * a {@code SweepSpec} means every field is within its allowed range. {@code conditions} maps each
 * evaluation axis (XOR's {@code p}, the misalignment probability) to its values, in the order written.
 */
public record SweepSpec(String name, Benchmark benchmark, List<Variant> variants, Map<String, List<Double>> conditions,
                        SearchSpec search, List<Long> seeds, TrainingSpec training, Objective objective, Limits limits,
                        java.util.Optional<RacingSpec> racing) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_SEEDS = 1000;
    public static final long MAX_TRIALS = 100_000;

    public SweepSpec {
        variants = List.copyOf(variants);
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        seeds = List.copyOf(seeds);
    }
}
