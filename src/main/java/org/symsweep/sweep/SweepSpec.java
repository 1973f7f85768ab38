package org.symsweep.sweep;

import java.util.List;
import org.symsweep.ml.Variant;

/**
 * A validated sweep specification. Only {@link SweepSpecParser} makes one from user input, so holding
 * a {@code SweepSpec} means every field is within its allowed range.
 */
public record SweepSpec(String name, Benchmark benchmark, List<Variant> variants, List<Long> seeds) {
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_SEEDS = 1000;

    public SweepSpec {
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
    }
}
