package org.symsweep.sweep;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.symsweep.ml.data.BenchmarkKind;

/**
 * The data a sweep trains on. Kind {@link BenchmarkKind#FEATURES} reads the user's own arrays: a project
 * {@code dataset} by name (the server adds the {@code datasetId} it resolved to when the sweep is posted, so a
 * later rename or delete cannot redirect the sweep), or a {@code featuresPath} on the server, allowed only under
 * a configured data root. Once a trial is prepared, {@code featuresPath} is the file it reads. {@code rows} = 0
 * keeps a synthetic benchmark's full size; a smaller number makes quick sweeps. {@code seconds} is how long each
 * trial of the no-op kind takes.
 */
public record Benchmark(BenchmarkKind kind, Optional<String> featuresPath, Optional<String> dataset, OptionalLong datasetId,
                        int rows, double seconds) {
    /** Rows multiply into every trial's memory (Admission prices them against the slot budget too). */
    public static final int MAX_ROWS = 1_000_000;
    /** A dataset's name: what a spec names it by. */
    public static final Pattern DATASET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    public static final String DATASET_NAME_RULE = "1 to 64 letters, digits, '_', '-' or '.', starting with a letter or digit";

    public Benchmark {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(featuresPath);
        Objects.requireNonNull(dataset);
        Objects.requireNonNull(datasetId);
        boolean data = featuresPath.isPresent() || dataset.isPresent();
        if ((kind == BenchmarkKind.FEATURES) != data) {
            throw new IllegalArgumentException("a dataset or features path goes with kind features, and only with it");
        }
    }

    public static Benchmark of(BenchmarkKind kind) {
        return new Benchmark(kind, Optional.empty(), Optional.empty(), OptionalLong.empty(), 0, 0);
    }

    /** The same benchmark reading the given file (the dataset's stored file, or the checked real path). */
    public Benchmark withFeaturesFile(String file) {
        return new Benchmark(kind, Optional.of(file), dataset, datasetId, rows, seconds);
    }
}
