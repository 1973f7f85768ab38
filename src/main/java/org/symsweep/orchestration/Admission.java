package org.symsweep.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import org.symsweep.ml.data.FeatureFileException;
import org.symsweep.ml.data.FeatureFiles;
import org.symsweep.ml.data.FeatureLimitExceeded;
import org.symsweep.ml.data.FeatureLimits;
import org.symsweep.ml.data.SyntheticMisalignment;
import org.symsweep.ml.train.BenchmarkSpec;
import org.symsweep.sweep.Benchmark;
import org.symsweep.sweep.FieldError;
import org.symsweep.sweep.InvalidSpecException;
import org.symsweep.datasets.SweepData;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.SweepSpecParser;

/**
 * Whether a sweep may be stored: its spec is valid (SweepSpecParser) and one of its trials fits what a worker
 * slot may hold. Feature files are priced from their headers and declared sizes only; trials read them again
 * under the same limits, since a file can change after the sweep was posted.
 */
@ApplicationScoped
public class Admission {
    private final LimitsConfig limits;
    private final SweepData data;

    public Admission(LimitsConfig limits, SweepData data) {
        this.limits = limits;
        this.data = data;
    }

    void configure(@Observes StartupEvent event) {
        FeatureLimits.configure(featureLimits());
    }

    public FeatureLimits featureLimits() {
        LimitsConfig.Features features = limits.features();
        return new FeatureLimits(features.maxHeaderBytes(), features.maxArrayValues(), features.maxArrayBytes().asLongValue(),
                features.maxTotalBytes().asLongValue());
    }

    /** The parsed spec, or 400 naming the bad fields, or 413 naming the limit a trial would exceed. */
    public SweepSpec admit(JsonNode document) {
        SweepSpec spec = SweepSpecParser.parse(document);
        SweepSpec located;
        try {
            // A dataset (pinned by id) or a server path, as the trials will read it: the file they price.
            located = data.forTrial(spec);
        } catch (SweepData.Unavailable e) {
            throw new InvalidSpecException(List.of(new FieldError(spec.benchmark().dataset().isPresent() ? "benchmark.dataset" : "benchmark.path",
                    e.getMessage())));
        }
        long estimate = estimatedTrialBytes(located.benchmark(), spec.benchmark().dataset().isPresent() ? "benchmark.dataset" : "benchmark.path");
        long budget = limits.trials().slotMemory().asLongValue();
        if (estimate > budget) {
            throw LimitExceeded.tooLarge("benchmark", "a trial of this benchmark is estimated to hold " + mebibytes(estimate)
                    + " of data; a worker slot may hold " + mebibytes(budget) + " (symsweep.limits.trials.slot-memory)"
                    + (spec.benchmark().rows() > 0 || spec.benchmark().featuresPath().isPresent() ? "" : "; set benchmark.rows lower"));
        }
        return spec;
    }

    /** Bytes of data one trial holds at its peak (see FeatureFiles.Inspection for feature files). */
    long estimatedTrialBytes(Benchmark benchmark, String field) {
        return switch (benchmark.kind()) {
            case NO_OP -> 0;
            // 3 modalities of xorDim floats; train R rows, validation R/10, ten test sets of R/2 each.
            case BINARY_XOR -> {
                long rows = benchmark.rows() > 0 ? benchmark.rows() : 10_000;
                yield (rows + rows / 10 + 10 * (rows / 2)) * 3L * BenchmarkSpec.XOR_DIM * 4;
            }
            // 3 modalities of WIDTH floats, generated (with their signal bits) and then copied into splits.
            case SYNTHETIC_MISALIGNMENT -> {
                long rows = benchmark.rows() > 0 ? benchmark.rows() : SyntheticMisalignment.DEFAULT_ROWS;
                yield rows * 3L * (2L * SyntheticMisalignment.WIDTH + SyntheticMisalignment.SIGNAL) * 4;
            }
            case FEATURES -> inspect(benchmark.featuresPath().orElseThrow(), field).estimatedTrialBytes();
        };
    }

    private FeatureFiles.Inspection inspect(String path, String field) {
        try {
            return FeatureFiles.inspect(Path.of(path), featureLimits());
        } catch (FeatureLimitExceeded e) {
            throw LimitExceeded.tooLarge(field, e.reason());
        } catch (FeatureFileException e) {
            throw new InvalidSpecException(List.of(new FieldError(field, "the data cannot be used: " + e.reason())));
        }
    }

    private static String mebibytes(long bytes) {
        return String.format("%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }
}
