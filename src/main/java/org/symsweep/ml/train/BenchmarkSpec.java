package org.symsweep.ml.train;

import java.util.List;
import java.util.Objects;
import org.symsweep.ml.data.BenchmarkKind;

/**
 * The data of a trial. {@code p} is the benchmark's condition: XOR's switch probability, or the
 * misalignment probability (unused for feature files). {@code rows} = 0 keeps the benchmark's size
 * (XOR: 10,000 train / 1,000 validation / 10 x 5,000 test; misalignment: 30,000 split 80/10/10);
 * a smaller value makes quick trials. For feature files, {@code target} is the retrieved modality's
 * index among {@code modalities} (alphabetical array names when empty). {@code seconds} is how long a
 * no-op trial takes (0 for the other kinds).
 */
public record BenchmarkSpec(BenchmarkKind kind, double p, int rows, int xorDim, String featuresPath, List<String> modalities,
                            int target, double seconds) {
    public static final int XOR_DIM = 5;
    public static final double MAX_NO_OP_SECONDS = 86_400;

    public BenchmarkSpec {
        Objects.requireNonNull(kind);
        modalities = List.copyOf(modalities);
        if (kind != BenchmarkKind.FEATURES && !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        if (!(seconds >= 0 && seconds <= MAX_NO_OP_SECONDS) || (kind != BenchmarkKind.NO_OP && seconds != 0)) {
            throw new IllegalArgumentException("seconds applies to no-op trials only, from 0 to " + MAX_NO_OP_SECONDS + ", got " + seconds);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
    }

    public static BenchmarkSpec binaryXor(double p) {
        return new BenchmarkSpec(BenchmarkKind.BINARY_XOR, p, 0, XOR_DIM, null, List.of(), 1, 0);
    }

    public static BenchmarkSpec syntheticMisalignment(double p) {
        return new BenchmarkSpec(BenchmarkKind.SYNTHETIC_MISALIGNMENT, p, 0, 0, null, List.of(), 0, 0);
    }

    public static BenchmarkSpec features(String path, List<String> modalities, int target) {
        return new BenchmarkSpec(BenchmarkKind.FEATURES, Double.NaN, 0, 0, path, modalities, target, 0);
    }

    /** A trial that trains nothing and ends after {@code seconds}; {@code p} shifts its synthetic metrics. */
    public static BenchmarkSpec noOp(double p, double seconds) {
        return new BenchmarkSpec(BenchmarkKind.NO_OP, p, 0, 0, null, List.of(), 0, seconds);
    }

    public BenchmarkSpec withRows(int rows) {
        return new BenchmarkSpec(kind, p, rows, xorDim, featuresPath, modalities, target, seconds);
    }
}
