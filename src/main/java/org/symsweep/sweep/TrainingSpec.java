package org.symsweep.sweep;

import java.util.Optional;
import java.util.OptionalInt;

/** Training settings for every trial; what is empty keeps the benchmark's default. */
public record TrainingSpec(OptionalInt epochs, OptionalInt patience, Optional<String> selection) {
    public static TrainingSpec defaults() {
        return new TrainingSpec(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }
}
