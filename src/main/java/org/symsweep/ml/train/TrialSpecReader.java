package org.symsweep.ml.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BenchmarkKind;

/**
 * Reads a one-trial spec file:
 * <pre>{"variant": "gated-symile",
 *  "benchmark": {"kind": "synthetic-misalignment", "p": 0.5, "rows": 0},
 *  "params": {"embedding_dim": 64, "gate.key_dim": 64, "negatives": 32},
 *  "training": {"epochs": 10, "patience": 5, "selection": "max_val_top1"},
 *  "seed": 420}</pre>
 * Omitted parts take the benchmark's defaults ({@link TrialSpec#defaults}). Every problem is reported.
 */
public final class TrialSpecReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialSpecReader() {
    }

    /** Thrown with every problem found; each names its field. */
    public static final class InvalidTrialSpec extends Exception {
        private final List<ParameterProblem> problems;

        InvalidTrialSpec(List<ParameterProblem> problems) {
            super(String.join("; ", problems.stream().map(p -> p.name() + ": " + p.message()).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<ParameterProblem> problems() {
            return problems;
        }
    }

    public static TrialSpec read(JsonNode root) throws InvalidTrialSpec {
        List<ParameterProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidTrialSpec(List.of(new ParameterProblem("$", "the trial spec must be a JSON object")));
        }
        unknown(root, "", Set.of("variant", "benchmark", "params", "training", "seed"), problems);
        Variant variant = Variant.fromId(root.path("variant").asText("")).orElse(null);
        if (variant == null) {
            problems.add(new ParameterProblem("variant", "must be one of " + Variant.allowedIds()));
        }
        JsonNode benchmarkNode = root.path("benchmark");
        unknown(benchmarkNode, "benchmark.", Set.of("kind", "p", "rows", "path", "modalities", "target", "seconds"), problems);
        BenchmarkKind kind = BenchmarkKind.fromId(benchmarkNode.path("kind").asText("")).orElse(null);
        if (kind == null) {
            problems.add(new ParameterProblem("benchmark.kind", "must be one of " + BenchmarkKind.allowedIds()));
        }
        long seed = 0;
        if (root.has("seed")) {
            if (!root.get("seed").canConvertToLong() || !root.get("seed").isIntegralNumber() || root.get("seed").asLong() < 0) {
                problems.add(new ParameterProblem("seed", "must be a non-negative integer"));
            } else {
                seed = root.get("seed").asLong();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrialSpec(problems);
        }
        BenchmarkSpec benchmark = benchmark(kind, benchmarkNode, problems);
        if (benchmark == null) {
            throw new InvalidTrialSpec(problems);
        }
        TrialSpec spec = TrialSpec.defaults(variant, benchmark, seed);
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode paramsNode = root.path("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
        }
        List<ParameterProblem> paramProblems = new ArrayList<>();
        Hyperparameters hyper = HyperparameterCatalog.apply(spec.hyperparameters(), params, paramProblems);
        paramProblems.forEach(p -> problems.add(new ParameterProblem("params." + p.name(), p.message())));
        JsonNode training = root.path("training");
        unknown(training, "training.", Set.of("epochs", "patience", "selection"), problems);
        int epochs = intIn(training, "epochs", spec.epochs(), 1, 10_000, problems);
        int patience = intIn(training, "patience", spec.patience(), 0, 10_000, problems);
        Selection selection = spec.selection();
        if (training.has("selection")) {
            selection = Selection.fromId(training.get("selection").asText("")).orElse(null);
            if (selection == null) {
                problems.add(new ParameterProblem("training.selection", "must be min_val_loss or max_val_top1"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrialSpec(problems);
        }
        return spec.withHyperparameters(hyper).withTraining(epochs, patience, selection);
    }

    private static BenchmarkSpec benchmark(BenchmarkKind kind, JsonNode node, List<ParameterProblem> problems) {
        int rows = intIn(node, "rows", 0, 0, 10_000_000, problems);
        if (kind == BenchmarkKind.FEATURES) {
            if (!node.path("path").isTextual()) {
                problems.add(new ParameterProblem("benchmark.path", "is required for features: a .npz file or a folder of .npy files"));
                return null;
            }
            List<String> modalities = new ArrayList<>();
            node.path("modalities").forEach(n -> modalities.add(n.asText()));
            int target = intIn(node, "target", 0, 0, 7, problems);
            return problems.isEmpty() ? BenchmarkSpec.features(node.get("path").asText(), modalities, target).withRows(rows) : null;
        }
        double p = 0;
        if (!node.has("p") || !node.get("p").isNumber() || !(node.get("p").asDouble() >= 0 && node.get("p").asDouble() <= 1)) {
            problems.add(new ParameterProblem("benchmark.p", "is required: a number in [0, 1] ("
                    + (kind == BenchmarkKind.SYNTHETIC_MISALIGNMENT ? "the misalignment probability" : "the XOR switch probability") + ")"));
        } else {
            p = node.get("p").asDouble();
        }
        if (!problems.isEmpty()) {
            return null;
        }
        if (kind == BenchmarkKind.NO_OP) {
            double seconds = node.path("seconds").asDouble(0);
            if (!(seconds >= 0 && seconds <= BenchmarkSpec.MAX_NO_OP_SECONDS)) {
                problems.add(new ParameterProblem("benchmark.seconds", "must be from 0 to " + BenchmarkSpec.MAX_NO_OP_SECONDS));
                return null;
            }
            return BenchmarkSpec.noOp(p, seconds);
        }
        BenchmarkSpec base = kind == BenchmarkKind.BINARY_XOR ? BenchmarkSpec.binaryXor(p) : BenchmarkSpec.syntheticMisalignment(p);
        return base.withRows(rows);
    }

    private static int intIn(JsonNode node, String field, int fallback, int min, int max, List<ParameterProblem> problems) {
        if (!node.has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problems.add(new ParameterProblem(field, "must be an integer from " + min + " to " + max));
            return fallback;
        }
        return value.asInt();
    }

    private static void unknown(JsonNode node, String prefix, Set<String> allowed, List<ParameterProblem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new ParameterProblem(prefix + name, "is not a known field; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }
}
