package org.symsweep.ml.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.symsweep.ml.data.BinaryXor;
import org.symsweep.ml.data.FeatureFileException;
import org.symsweep.ml.data.FeatureFiles;
import org.symsweep.ml.data.Modalities;
import org.symsweep.ml.data.Splits;
import org.symsweep.ml.data.SyntheticMisalignment;

/**
 * A trial's data, drawn from its seed: splits, the evaluation protocol, and the test sets (XOR: ten
 * freshly generated ones; otherwise the test split).
 */
record TrialData(Splits splits, List<Modalities> testSets, Evaluation evaluation, int target) {
    static final int XOR_TRAIN = 10_000;
    static final int XOR_VALIDATION = 1_000;
    static final int XOR_TEST = 5_000;
    static final int XOR_TEST_SETS = 10;

    static TrialData prepare(TrialSpec spec) throws FeatureFileException {
        BenchmarkSpec benchmark = spec.benchmark();
        // Data are drawn from the trial's seed, so variants with the same seed see the same samples.
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 17);
        return switch (benchmark.kind()) {
            case BINARY_XOR -> {
                int train = benchmark.rows() > 0 ? benchmark.rows() : XOR_TRAIN;
                int validation = benchmark.rows() > 0 ? Math.max(2, benchmark.rows() / 10) : XOR_VALIDATION;
                int test = benchmark.rows() > 0 ? Math.max(2, benchmark.rows() / 2) : XOR_TEST;
                int dim = benchmark.xorDim();
                Modalities trainRows = BinaryXor.generate(train, dim, benchmark.p(), random.split());
                Modalities validationRows = BinaryXor.generate(validation, dim, benchmark.p(), random.split());
                List<Modalities> tests = new ArrayList<>();
                for (int k = 0; k < XOR_TEST_SETS; k++) {
                    tests.add(BinaryXor.generate(test, dim, benchmark.p(), random.split()));
                }
                yield new TrialData(new Splits(trainRows, validationRows, tests.get(0)), tests,
                        Evaluation.fixedCandidates(BinaryXor.TARGET, BinaryXor.allCandidates(dim), BinaryXor::candidateIndex),
                        BinaryXor.TARGET);
            }
            case SYNTHETIC_MISALIGNMENT -> {
                int rows = benchmark.rows() > 0 ? benchmark.rows() : SyntheticMisalignment.DEFAULT_ROWS;
                Modalities all = SyntheticMisalignment.generate(rows, benchmark.p(), random.split());
                Splits splits = Splits.random(all, 0.8, 0.1, random.nextLong());
                yield new TrialData(splits, List.of(splits.test()),
                        Evaluation.inBatch(SyntheticMisalignment.TARGET, spec.hyperparameters().contrastiveScale()),
                        SyntheticMisalignment.TARGET);
            }
            case FEATURES -> {
                FeatureFiles.Loaded loaded = FeatureFiles.load(Path.of(benchmark.featuresPath()), benchmark.modalities());
                if (benchmark.target() < 0 || benchmark.target() >= loaded.modalityNames().size()) {
                    throw new FeatureFileException("target modality " + benchmark.target() + " does not exist; "
                            + benchmark.featuresPath() + " has modalities " + loaded.modalityNames() + " (indices 0 to "
                            + (loaded.modalityNames().size() - 1) + ")",
                            "target modality " + benchmark.target() + " does not exist; the data have " + loaded.modalityNames().size() + " modalities");
                }
                Splits splits = loaded.splits(random.nextLong());
                yield new TrialData(splits, List.of(splits.test()), Evaluation.wholeSplit(benchmark.target()), benchmark.target());
            }
            case NO_OP -> throw new IllegalArgumentException("a no-op trial has no data");
        };
    }
}
