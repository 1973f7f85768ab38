package org.symsweep.sweep;

import java.util.Objects;
import java.util.Optional;
import org.symsweep.ml.data.BenchmarkKind;

/**
 * The data a sweep trains on. {@code featuresPath} is set exactly when the kind is
 * {@link BenchmarkKind#FEATURES}: the server-readable path of the user's feature file(s).
 */
public record Benchmark(BenchmarkKind kind, Optional<String> featuresPath) {
    public Benchmark {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(featuresPath);
        if ((kind == BenchmarkKind.FEATURES) != featuresPath.isPresent()) {
            throw new IllegalArgumentException("featuresPath goes with kind features, and only with it");
        }
    }

    public static Benchmark of(BenchmarkKind kind) {
        return new Benchmark(kind, Optional.empty());
    }
}
