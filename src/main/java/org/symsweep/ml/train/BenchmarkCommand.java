package org.symsweep.ml.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BinaryXor;

/**
 * {@code bench reference|speed [--seeds N] [--threads N] [--rounds N]}: trains the configurations whose numbers
 * shared/ml-spec.md gives and prints a table (test top-1 per seed, seconds per trial), so a user can check an
 * installation against the papers. Not a test: it takes minutes, and prints figures instead of asserting on time.
 * With several rounds every case runs once per round, the cases interleaved, and the table gives the median and
 * the range of the seconds: on a shared machine one slow minute then cannot decide a comparison of variants.
 */
public final class BenchmarkCommand {
    private BenchmarkCommand() {
    }

    private record Case(String label, Variant variant, BenchmarkSpec benchmark, Map<String, Object> params, int epochs, int patience) {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String which = args.length > 0 ? args[0] : "speed";
        int seeds = which.equals("speed") ? 1 : 3;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        int rounds = 1;
        for (int i = 1; i < args.length; i += 2) {
            if (!List.of("--seeds", "--threads", "--rounds").contains(args[i])) {
                err.println("unknown option " + args[i] + "; allowed: --seeds N, --threads N, --rounds N");
                return 2;
            }
            int value;
            try {
                value = Integer.parseInt(i + 1 < args.length ? args[i + 1] : "");
            } catch (NumberFormatException e) {
                err.println(args[i] + " needs a whole number from 1, got " + (i + 1 < args.length ? "'" + args[i + 1] + "'" : "nothing"));
                return 2;
            }
            switch (args[i]) {
                case "--seeds" -> seeds = value;
                case "--threads" -> threads = value;
                default -> rounds = value;
            }
        }
        Map<String, Object> cpuScale = Map.of("embedding_dim", 64, "gate.key_dim", 64, "negatives", 32);
        Map<String, Object> cpuScaleUngated = Map.of("embedding_dim", 64, "negatives", 32);
        List<Case> cases = new ArrayList<>();
        switch (which) {
            case "speed" -> {
                cases.add(new Case("misalignment p=0.5 CPU-scale, 10 epochs", Variant.CLIP, BenchmarkSpec.syntheticMisalignment(0.5), cpuScaleUngated, 10, 0));
                cases.add(new Case("misalignment p=0.5 CPU-scale, 10 epochs", Variant.SYMILE, BenchmarkSpec.syntheticMisalignment(0.5), cpuScaleUngated, 10, 0));
                cases.add(new Case("misalignment p=0.5 CPU-scale, 10 epochs", Variant.GATED_SYMILE, BenchmarkSpec.syntheticMisalignment(0.5), cpuScale, 10, 0));
                cases.add(new Case("binary XOR p=1, 100 epochs", Variant.SYMILE, BenchmarkSpec.binaryXor(1.0), Map.of(), 100, 0));
                cases.add(new Case("binary XOR p=1, 100 epochs", Variant.CLIP, BenchmarkSpec.binaryXor(1.0), Map.of(), 100, 0));
            }
            case "reference" -> {
                for (double p : new double[] {1.0, 0.5, 0.8}) {
                    cases.add(new Case("binary XOR p=" + p + " (Bayes " + String.format("%.3f", BinaryXor.bayesAccuracy(5, p)) + ")",
                            Variant.SYMILE, BenchmarkSpec.binaryXor(p), Map.of(), 100, 0));
                }
                cases.add(new Case("binary XOR p=1.0", Variant.CLIP, BenchmarkSpec.binaryXor(1.0), Map.of(), 100, 0));
                for (double p : new double[] {0.5, 1.0}) {
                    String label = "misalignment p=" + p + " CPU-scale, 10 epochs";
                    cases.add(new Case(label, Variant.CLIP, BenchmarkSpec.syntheticMisalignment(p), cpuScaleUngated, 10, 5));
                    cases.add(new Case(label, Variant.SYMILE, BenchmarkSpec.syntheticMisalignment(p), cpuScaleUngated, 10, 5));
                    cases.add(new Case(label, Variant.GATED_SYMILE, BenchmarkSpec.syntheticMisalignment(p), cpuScale, 10, 5));
                }
            }
            default -> {
                err.println("usage: bench reference|speed [--seeds N] [--threads N] [--rounds N]");
                return 2;
            }
        }
        if (seeds < 1 || rounds < 1 || threads < 1) {
            err.println("--seeds, --threads and --rounds must be at least 1");
            return 2;
        }
        Trainer.useThreads(threads);
        List<List<Double>> top1 = new ArrayList<>();
        List<List<Double>> seconds = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            top1.add(new ArrayList<>());
            seconds.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                for (int s = 0; s < seeds; s++) {
                    long seed = c.benchmark().kind() == org.symsweep.ml.data.BenchmarkKind.BINARY_XOR ? s : 420 + s;
                    TrialSpec spec = TrialSpec.defaults(c.variant(), c.benchmark(), seed);
                    List<ParameterProblem> problems = new ArrayList<>();
                    spec = spec.withHyperparameters(HyperparameterCatalog.apply(spec.hyperparameters(), c.params(), problems))
                            .withTraining(c.epochs(), c.patience(), spec.selection());
                    TrialResult result = Trainer.run(spec, TrialListener.NONE);
                    if (result.outcome() != TrialResult.Outcome.COMPLETED) {
                        err.printf("%s %s seed %d: %s %s%n", c.label(), c.variant().id(), seed, result.outcome(), result.reason());
                    }
                    if (round == 0) {
                        top1.get(i).add(result.metrics().getOrDefault("test_top1", Double.NaN));
                    }
                    seconds.get(i).add(result.seconds());
                    err.printf("%s, %s, seed %d: test top-1 %.3f in %.1f s%n", c.label(), c.variant().id(), seed,
                            result.metrics().getOrDefault("test_top1", Double.NaN), result.seconds());
                }
            }
            if (rounds > 1) {
                err.printf("round %d of %d done%n", round + 1, rounds);
            }
        }
        out.println(rounds == 1 ? "| setting | variant | test top-1 per seed | mean | seconds per trial |"
                : "| setting | variant | test top-1 per seed | mean | seconds per trial, median of " + seeds * rounds + " (range) |");
        out.println("|---|---|---|---|---|");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<String> values = top1.get(i).stream().map(v -> String.format("%.3f", v)).toList();
            double mean = top1.get(i).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            List<Double> times = seconds.get(i).stream().sorted().toList();
            String time = rounds == 1 ? String.format("%.1f", times.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                    : String.format("%.1f (%.1f-%.1f)", median(times), times.get(0), times.get(times.size() - 1));
            out.printf("| %s | %s | %s | %.3f | %s |%n", c.label(), c.variant().id(), String.join(", ", values), mean, time);
        }
        if (which.equals("speed")) {
            // The ratio the training core is judged by: Gated Symile's trial against Symile's on the same configuration.
            double symile = median(seconds.get(caseOf(cases, Variant.SYMILE)).stream().sorted().toList());
            double gated = median(seconds.get(caseOf(cases, Variant.GATED_SYMILE)).stream().sorted().toList());
            out.printf("gated-symile / symile seconds: %.2f%n", gated / symile);
        }
        out.printf("peak resident memory of this process: %d MiB%n", peakMemoryMiB());
        return 0;
    }

    /** The first case of the variant (in the speed set, the misalignment configuration). */
    private static int caseOf(List<Case> cases, Variant variant) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).variant() == variant) {
                return i;
            }
        }
        throw new IllegalStateException("no case of " + variant);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long peakMemoryMiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
