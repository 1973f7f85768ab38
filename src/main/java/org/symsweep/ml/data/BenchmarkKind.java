package org.symsweep.ml.data;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a sweep's data comes from: one of the papers' synthetic benchmarks, or a user's feature files.
 * {@code NO_OP} trains nothing: it reports synthetic metrics after a set time, to measure the platform's
 * own scheduling overhead and to rehearse sweeps without spending compute.
 */
public enum BenchmarkKind {
    BINARY_XOR("binary-xor"),
    SYNTHETIC_MISALIGNMENT("synthetic-misalignment"),
    FEATURES("features"),
    NO_OP("no-op");

    private final String id;

    BenchmarkKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<BenchmarkKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static String allowedIds() {
        return String.join(", ", Arrays.stream(values()).map(BenchmarkKind::id).toList());
    }
}
