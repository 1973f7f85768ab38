package org.symsweep.sweep;

import java.util.Objects;
import java.util.Optional;
import org.symsweep.ml.data.BenchmarkKind;

/**
 * The data a sweep trains on. {@code featuresPath} is set exactly when the kind is
 * {@link BenchmarkKind#FEATURES}: the server-readable path of the user's feature file(s). {@code rows} = 0
 * keeps a synthetic benchmark's full size; a smaller number makes quick sweeps. {@code seconds} is how long
 * each trial of the no-op kind takes.
 */
public record Benchmark(BenchmarkKind kind, Optional<String> featuresPath, int rows, double seconds) {
    /** Rows multiply into every trial's memory (Admission prices them against the slot budget too). */
    public static final int MAX_ROWS = 1_000_000;

    public Benchmark {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(featuresPath);
        if ((kind == BenchmarkKind.FEATURES) != featuresPath.isPresent()) {
            throw new IllegalArgumentException("featuresPath goes with kind features, and only with it");
        }
    }

    public static Benchmark of(BenchmarkKind kind) {
        return new Benchmark(kind, Optional.empty(), 0, 0);
    }
}
