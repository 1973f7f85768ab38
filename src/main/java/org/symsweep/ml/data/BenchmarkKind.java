package org.symsweep.ml.data;

import java.util.Arrays;
import java.util.Optional;

/** Where a sweep's data comes from: one of the papers' synthetic benchmarks, or a user's feature files. */
public enum BenchmarkKind {
    BINARY_XOR("binary-xor"),
    SYNTHETIC_MISALIGNMENT("synthetic-misalignment"),
    FEATURES("features");

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
