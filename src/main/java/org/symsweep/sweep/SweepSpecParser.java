package org.symsweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BenchmarkKind;
import org.symsweep.ml.train.BenchmarkSpec;
import org.symsweep.ml.train.HyperparameterCatalog;
import org.symsweep.ml.train.Selection;

/**
 * Turns a spec document (already parsed from JSON or YAML into a tree) into a {@link SweepSpec}, or
 * reports every problem at once. This is the one place where a spec is validated.
 */
public final class SweepSpecParser {
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("name", "benchmark", "variants", "conditions", "search", "seeds",
            "training", "objective", "limits", "racing");
    private static final Set<String> SEARCH_FIELDS = Set.of("strategy", "space", "trials", "seed", "min_epochs", "max_epochs",
            "reduction_factor");
    private static final Set<String> DOMAIN_KINDS = Set.of("values", "uniform", "log-uniform", "int-range");
    /** Values of one search-space parameter; they multiply into trials, so the count is checked before anything else. */
    static final int MAX_VALUES = 10_000;
    /** Values of the condition axis; they multiply into trials too. */
    public static final int MAX_CONDITION_VALUES = 100;
    private static final Set<String> BENCHMARK_FIELDS = Set.of("kind", "dataset", "path", "rows", "seconds");
    /** Written by the server into a stored spec: the dataset id the name resolved to when the sweep was posted. */
    public static final String DATASET_ID = "dataset_id";
    private static final long MAX_SEED = Integer.MAX_VALUE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepSpecParser() {
    }

    public static SweepSpec parse(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException(List.of(new FieldError("$",
                    "the spec must be a JSON object, got " + describe(root))));
        }
        rejectUnknownFields(root, "", TOP_LEVEL_FIELDS, errors);
        String name = parseName(root.get("name"), errors);
        Benchmark benchmark = parseBenchmark(root.get("benchmark"), errors);
        List<Variant> variants = parseVariants(root.get("variants"), errors);
        Map<String, List<Double>> conditions = parseConditions(root.get("conditions"), benchmark, errors);
        SearchSpec search = parseSearch(root.get("search"), errors);
        List<Long> seeds = parseSeeds(root.get("seeds"), errors);
        TrainingSpec training = parseTraining(root.get("training"), errors);
        Objective objective = parseObjective(root.get("objective"), errors);
        Limits limits = parseLimits(root.get("limits"), errors);
        Optional<RacingSpec> racing = parseRacing(root.get("racing"), "racing", errors);
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        SweepSpec spec = new SweepSpec(name, benchmark, variants, conditions, search, seeds, training, objective, limits, racing);
        long planned = TrialPlanner.count(spec);
        if (planned > SweepSpec.MAX_TRIALS) {
            throw new InvalidSpecException(List.of(new FieldError("search.space", "this sweep would plan "
                    + (planned == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(planned)) + " trials (configurations x conditions x seeds, per variant); at most " + SweepSpec.MAX_TRIALS + " are allowed")));
        }
        return spec;
    }

    /** The condition axis each benchmark is evaluated along. */
    static Optional<String> conditionName(BenchmarkKind kind) {
        return switch (kind) {
            case BINARY_XOR -> Optional.of("p");
            case SYNTHETIC_MISALIGNMENT -> Optional.of("misalignment");
            case FEATURES -> Optional.empty();
            case NO_OP -> Optional.of("p");
        };
    }

    private static Map<String, List<Double>> parseConditions(JsonNode node, Benchmark benchmark, List<FieldError> errors) {
        Map<String, List<Double>> conditions = new LinkedHashMap<>();
        if (benchmark == null) {
            return conditions;
        }
        Optional<String> axis = conditionName(benchmark.kind());
        if (node == null || node.isNull()) {
            // Without conditions a benchmark is evaluated at its papers' default: every sample misaligned or switched.
            axis.ifPresent(name -> conditions.put(name, List.of(1.0)));
            return conditions;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("conditions", "must be an object mapping "
                    + axis.map(a -> "'" + a + "'").orElse("nothing (features have no condition axis)") + " to a list of values"));
            return conditions;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "conditions." + entry.getKey();
            if (axis.isEmpty() || !axis.get().equals(entry.getKey())) {
                errors.add(new FieldError(field, "is not a condition of benchmark " + benchmark.kind().id() + "; allowed: "
                        + axis.orElse("none")));
                continue;
            }
            if (!requireNonEmptyArray(entry.getValue(), field, "a list of probabilities in [0, 1]", errors)) {
                continue;
            }
            if (entry.getValue().size() > MAX_CONDITION_VALUES) {
                errors.add(new FieldError(field, "has " + entry.getValue().size() + " values; at most " + MAX_CONDITION_VALUES
                        + " are allowed"));
                continue;
            }
            List<Double> values = new ArrayList<>();
            Set<Double> seen = new HashSet<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                JsonNode v = entry.getValue().get(i);
                if (!v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() <= 1)) {
                    errors.add(new FieldError(field + "[" + i + "]", describe(v) + " is not allowed; a probability in [0, 1] is"));
                } else if (!seen.add(v.asDouble() + 0.0)) {
                    errors.add(new FieldError(field + "[" + i + "]", v.asDouble() + " is listed twice; values must be distinct"));
                } else {
                    values.add(v.asDouble());
                }
            }
            conditions.put(entry.getKey(), values);
        }
        if (conditions.isEmpty()) {
            axis.ifPresent(name -> conditions.put(name, List.of(1.0)));
        }
        return conditions;
    }

    private static SearchSpec parseSearch(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return SearchSpec.defaultGrid();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("search", "must be an object with a strategy and a space, got " + describe(node)));
            return SearchSpec.defaultGrid();
        }
        rejectUnknownFields(node, "search.", SEARCH_FIELDS, errors);
        SearchStrategy strategy = SearchStrategy.GRID;
        if (node.has("strategy")) {
            String id = node.get("strategy").asText("");
            Optional<SearchStrategy> parsed = node.get("strategy").isTextual() ? SearchStrategy.fromId(id) : Optional.empty();
            if (parsed.isEmpty()) {
                errors.add(new FieldError("search.strategy", describe(node.get("strategy")) + " is not a strategy; allowed: grid, random, successive-halving"));
            } else {
                strategy = parsed.get();
            }
        }
        Map<String, Domain> space = new LinkedHashMap<>();
        JsonNode spaceNode = node.get("space");
        if (spaceNode != null && !spaceNode.isObject()) {
            errors.add(new FieldError("search.space", "must be an object mapping hyperparameter names to domains"));
        } else if (spaceNode != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = spaceNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Domain domain = parseDomain(entry.getKey(), entry.getValue(), strategy, errors);
                if (domain != null) {
                    space.put(entry.getKey(), domain);
                }
            }
        }
        int trials = intField(node, "trials", "search.trials", 0, 1, (int) SweepSpec.MAX_TRIALS, errors);
        if (strategy == SearchStrategy.RANDOM && trials == 0 && !node.has("trials")) {
            errors.add(new FieldError("search.trials", "is required for random search: how many configurations to draw (1 to "
                    + SweepSpec.MAX_TRIALS + ")"));
        }
        long samplerSeed = node.has("seed") && node.get("seed").canConvertToLong() ? node.get("seed").asLong() : 0;
        if (node.has("seed") && (!node.get("seed").isIntegralNumber() || samplerSeed < 0)) {
            errors.add(new FieldError("search.seed", "must be a non-negative integer (the sampler's seed)"));
        }
        int minEpochs = intField(node, "min_epochs", "search.min_epochs", 1, 1, 10_000, errors);
        int maxEpochs = intField(node, "max_epochs", "search.max_epochs", 0, 1, 10_000, errors);
        int reduction = intField(node, "reduction_factor", "search.reduction_factor", 3, 2, 100, errors);
        if (strategy == SearchStrategy.SUCCESSIVE_HALVING) {
            if (!node.has("max_epochs")) {
                errors.add(new FieldError("search.max_epochs", "is required for successive-halving: the epochs a surviving configuration trains"));
            } else if (maxEpochs < minEpochs) {
                errors.add(new FieldError("search.max_epochs", maxEpochs + " is below min_epochs " + minEpochs));
            }
        } else {
            for (String field : List.of("min_epochs", "max_epochs", "reduction_factor")) {
                if (node.has(field)) {
                    errors.add(new FieldError("search." + field, "applies only to strategy successive-halving"));
                }
            }
        }
        if (strategy != SearchStrategy.RANDOM && trials == 0
                && space.values().stream().anyMatch(d -> !(d instanceof Domain.Values))) {
            errors.add(new FieldError("search.trials", "is required when the space has ranges: how many configurations to draw"));
        }
        if (strategy == SearchStrategy.GRID && node.has("trials")) {
            errors.add(new FieldError("search.trials", "applies to random and successive-halving; a grid runs every combination"));
        }
        return new SearchSpec(strategy, space, strategy == SearchStrategy.GRID ? 0 : trials, samplerSeed, minEpochs, maxEpochs, reduction);
    }

    private static Domain parseDomain(String name, JsonNode node, SearchStrategy strategy, List<FieldError> errors) {
        String field = "search.space." + name;
        Optional<HyperparameterCatalog.Entry> entry = HyperparameterCatalog.entry(name);
        if (entry.isEmpty()) {
            errors.add(new FieldError(field, "is not a hyperparameter; known: " + String.join(", ", HyperparameterCatalog.names())));
            return null;
        }
        if (node == null || !node.isObject() || node.size() != 1 || !DOMAIN_KINDS.contains(node.fieldNames().next())) {
            errors.add(new FieldError(field, "must be an object with exactly one of: values, uniform, log-uniform, int-range"));
            return null;
        }
        String kind = node.fieldNames().next();
        JsonNode body = node.get(kind);
        String at = field + "." + kind;
        if (kind.equals("values")) {
            if (!requireNonEmptyArray(body, at, "a list of values, each " + entry.get().allowed(), errors)) {
                return null;
            }
            if (body.size() > MAX_VALUES) {
                errors.add(new FieldError(at, "has " + body.size() + " values; at most " + MAX_VALUES + " are allowed"));
                return null;
            }
            List<Object> values = new ArrayList<>();
            Set<Object> seen = new HashSet<>();
            int before = errors.size();
            for (int i = 0; i < body.size(); i++) {
                Object raw = JSON.convertValue(body.get(i), Object.class);
                Optional<Object> parsed = entry.get().parse().apply(raw);
                if (parsed.isEmpty()) {
                    errors.add(new FieldError(at + "[" + i + "]", describe(body.get(i)) + " is not allowed; allowed: " + entry.get().allowed()));
                } else if (!seen.add(parsed.get())) {
                    errors.add(new FieldError(at + "[" + i + "]", describe(body.get(i)) + " is listed twice; values must be distinct"));
                } else {
                    values.add(parsed.get());
                }
            }
            return errors.size() == before ? new Domain.Values(values) : null;
        }
        if (strategy == SearchStrategy.GRID) {
            errors.add(new FieldError(at, "a grid enumerates lists only: use {\"values\": [...]}, or strategy random"));
            return null;
        }
        boolean integer = kind.equals("int-range");
        HyperparameterCatalog.Kind expected = integer ? HyperparameterCatalog.Kind.INTEGER : HyperparameterCatalog.Kind.REAL;
        if (entry.get().kind() != expected) {
            errors.add(new FieldError(at, kind + " does not fit " + name + ", which takes " + entry.get().allowed()));
            return null;
        }
        if (body == null || !body.isArray() || body.size() != 2 || !body.get(0).isNumber() || !body.get(1).isNumber()
                || (integer && (!body.get(0).isIntegralNumber() || !body.get(1).isIntegralNumber()))) {
            errors.add(new FieldError(at, "must be [low, high], two " + (integer ? "integers" : "numbers")));
            return null;
        }
        double low = body.get(0).asDouble();
        double high = body.get(1).asDouble();
        if (!(low < high) && !(integer && low == high)) {
            errors.add(new FieldError(at, "low " + body.get(0).asText() + " must be below high " + body.get(1).asText()));
            return null;
        }
        for (JsonNode bound : body) {
            Object value = integer ? (Object) bound.asLong() : (Object) bound.asDouble();
            if (entry.get().parse().apply(value).isEmpty()) {
                errors.add(new FieldError(at, "bound " + bound.asText() + " is not allowed; " + name + " takes " + entry.get().allowed()));
                return null;
            }
        }
        if (kind.equals("log-uniform") && low <= 0) {
            errors.add(new FieldError(at, "log-uniform needs a positive low bound, got " + body.get(0).asText()));
            return null;
        }
        return switch (kind) {
            case "uniform" -> new Domain.Uniform(low, high);
            case "log-uniform" -> new Domain.LogUniform(low, high);
            default -> new Domain.IntRange(body.get(0).asLong(), body.get(1).asLong());
        };
    }

    private static TrainingSpec parseTraining(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return TrainingSpec.defaults();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("training", "must be an object with epochs, patience and/or selection"));
            return TrainingSpec.defaults();
        }
        rejectUnknownFields(node, "training.", Set.of("epochs", "patience", "selection"), errors);
        OptionalInt epochs = node.has("epochs") ? OptionalInt.of(intField(node, "epochs", "training.epochs", 1, 1, 10_000, errors)) : OptionalInt.empty();
        OptionalInt patience = node.has("patience") ? OptionalInt.of(intField(node, "patience", "training.patience", 0, 0, 10_000, errors)) : OptionalInt.empty();
        Optional<String> selection = Optional.empty();
        if (node.has("selection")) {
            String value = node.get("selection").asText("");
            if (!node.get("selection").isTextual() || Selection.fromId(value).isEmpty()) {
                errors.add(new FieldError("training.selection", describe(node.get("selection")) + " is not allowed; allowed: min_val_loss, max_val_top1"));
            } else {
                selection = Optional.of(value);
            }
        }
        return new TrainingSpec(epochs, patience, selection);
    }

    private static Objective parseObjective(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Objective.defaultObjective();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("objective", "must be an object with metric and direction"));
            return Objective.defaultObjective();
        }
        rejectUnknownFields(node, "objective.", Set.of("metric", "direction"), errors);
        String metric = node.path("metric").asText("test_top1");
        if (!Objective.METRICS.contains(metric)) {
            errors.add(new FieldError("objective.metric", "'" + metric + "' is not a metric; allowed: " + String.join(", ", Objective.METRICS)));
        }
        String direction = node.path("direction").asText(Objective.maximizedByDefault(metric) ? "maximize" : "minimize");
        if (!direction.equals("maximize") && !direction.equals("minimize")) {
            errors.add(new FieldError("objective.direction", "'" + direction + "' is not allowed; allowed: maximize, minimize"));
        }
        return new Objective(metric, !direction.equals("minimize"));
    }

    private static Limits parseLimits(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Limits.defaults();
        }
        if (!node.isObject()) {
            errors.add(new FieldError("limits", "must be an object with max_parallel and/or retries"));
            return Limits.defaults();
        }
        rejectUnknownFields(node, "limits.", Set.of("max_parallel", "retries"), errors);
        Limits defaults = Limits.defaults();
        return new Limits(
                intField(node, "max_parallel", "limits.max_parallel", defaults.maxParallel(), 1, Limits.MAX_PARALLEL, errors),
                intField(node, "retries", "limits.retries", defaults.retries(), 0, Limits.MAX_RETRIES, errors));
    }

    /** {"seeds_per_round": 1, "budget": 20, "confidence": 0.95}; also the body of a race request. */
    public static Optional<RacingSpec> parseRacing(JsonNode node, String prefix, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String at = prefix.isEmpty() ? "" : prefix + ".";
        if (!node.isObject()) {
            errors.add(new FieldError(prefix.isEmpty() ? "$" : prefix, "must be an object with seeds_per_round, budget and confidence"));
            return Optional.empty();
        }
        rejectUnknownFields(node, at, Set.of("seeds_per_round", "budget", "confidence"), errors);
        int before = errors.size();
        int perRound = intField(node, "seeds_per_round", at + "seeds_per_round", 1, 1, 100, errors);
        if (!node.has("budget")) {
            errors.add(new FieldError(at + "budget", "is required: how many trials the race may add (1 to " + RacingSpec.MAX_BUDGET + ")"));
        }
        int budget = intField(node, "budget", at + "budget", 0, 1, RacingSpec.MAX_BUDGET, errors);
        double confidence = 0.95;
        if (node.has("confidence")) {
            JsonNode c = node.get("confidence");
            if (!c.isNumber() || !(c.asDouble() >= 0.5 && c.asDouble() < 1)) {
                errors.add(new FieldError(at + "confidence", describe(c) + " is not allowed; a number from 0.5 to 0.999 is"));
            } else {
                confidence = c.asDouble();
            }
        }
        return errors.size() > before ? Optional.empty() : Optional.of(new RacingSpec(perRound, budget, confidence));
    }

    private static int intField(JsonNode node, String name, String field, int fallback, int min, int max, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            errors.add(new FieldError(field, describe(value) + " is not allowed; an integer from " + min + " to " + max + " is"));
            return fallback;
        }
        return value.asInt();
    }

    private static String parseName(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("name", "is required: a text of 1 to " + SweepSpec.MAX_NAME_LENGTH + " characters"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError("name", "must be a text, got " + describe(node)));
            return null;
        }
        String name = node.textValue().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (PlainText.hasControl(name)) {
            errors.add(new FieldError("name", "contains a control character (such as a line break); a sweep name is one line of printable text"));
        } else if (name.codePointCount(0, name.length()) > SweepSpec.MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "has " + name.codePointCount(0, name.length())
                    + " characters; at most " + SweepSpec.MAX_NAME_LENGTH + " are allowed"));
        }
        return name;
    }

    private static Benchmark parseBenchmark(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("benchmark", "is required: an object with a kind, one of " + BenchmarkKind.allowedIds()));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("benchmark", "must be an object with a kind, got " + describe(node)));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BENCHMARK_FIELDS.contains(name) && !name.equals(DATASET_ID)) {
                errors.add(new FieldError("benchmark." + name, "is not a known field; allowed here: "
                        + String.join(", ", BENCHMARK_FIELDS.stream().sorted().toList())));
            }
        }
        JsonNode kindNode = node.get("kind");
        if (kindNode == null || !kindNode.isTextual()) {
            errors.add(new FieldError("benchmark.kind", "is required: one of " + BenchmarkKind.allowedIds()
                    + (kindNode == null ? "" : ", got " + describe(kindNode))));
            return null;
        }
        Optional<BenchmarkKind> kind = BenchmarkKind.fromId(kindNode.textValue());
        if (kind.isEmpty()) {
            errors.add(new FieldError("benchmark.kind", "'" + kindNode.textValue() + "' is not a benchmark; allowed: "
                    + BenchmarkKind.allowedIds()));
            return null;
        }
        int errorsBefore = errors.size();
        int rows = 0;
        if (node.has("rows")) {
            if (kind.get() == BenchmarkKind.NO_OP) {
                errors.add(new FieldError("benchmark.rows", "does not apply to kind no-op, which has no data"));
            } else {
                rows = intField(node, "rows", "benchmark.rows", 0, 0, Benchmark.MAX_ROWS, errors);
            }
        }
        double seconds = 0;
        JsonNode secondsNode = node.get("seconds");
        if (secondsNode != null) {
            if (kind.get() != BenchmarkKind.NO_OP) {
                errors.add(new FieldError("benchmark.seconds", "applies only to kind no-op, not to " + kind.get().id()));
            } else if (!secondsNode.isNumber() || !(secondsNode.asDouble() >= 0 && secondsNode.asDouble() <= BenchmarkSpec.MAX_NO_OP_SECONDS)) {
                errors.add(new FieldError("benchmark.seconds", describe(secondsNode) + " is not allowed; a number of seconds from 0 to "
                        + BenchmarkSpec.MAX_NO_OP_SECONDS + " is"));
            } else {
                seconds = secondsNode.asDouble();
            }
        }
        JsonNode path = node.get("path");
        JsonNode dataset = node.get("dataset");
        JsonNode datasetId = node.get(DATASET_ID);
        Optional<String> featuresPath = Optional.empty();
        Optional<String> datasetName = Optional.empty();
        java.util.OptionalLong resolvedId = java.util.OptionalLong.empty();
        if (kind.get() != BenchmarkKind.FEATURES) {
            for (String field : List.of("dataset", "path")) {
                if (node.has(field)) {
                    errors.add(new FieldError("benchmark." + field, "applies only to kind features, not to " + kind.get().id()));
                }
            }
        } else if (path != null && dataset != null) {
            errors.add(new FieldError("benchmark.dataset", "give either dataset (one of the project's datasets) or path, not both"));
        } else if (dataset != null) {
            if (!dataset.isTextual() || !Benchmark.DATASET_NAME.matcher(dataset.textValue()).matches()) {
                errors.add(new FieldError("benchmark.dataset", describe(dataset) + " is not a dataset name; a name has "
                        + Benchmark.DATASET_NAME_RULE));
            } else {
                datasetName = Optional.of(dataset.textValue());
            }
            if (datasetId != null) {
                if (!datasetId.isIntegralNumber() || !datasetId.canConvertToLong() || datasetId.asLong() < 1) {
                    errors.add(new FieldError("benchmark." + DATASET_ID, "must be a positive integer"));
                } else {
                    resolvedId = java.util.OptionalLong.of(datasetId.asLong());
                }
            }
        } else if (path == null) {
            errors.add(new FieldError("benchmark.dataset", "is required for kind features: the name of one of the project's datasets"
                    + " (or benchmark.path, a server path under a data root the administrator configured)"));
        } else if (!path.isTextual() || path.textValue().isBlank()) {
            errors.add(new FieldError("benchmark.path", "must be a server path (a .npz file or a folder of .npy files under a data root), got "
                    + describe(path)));
        } else {
            // Whether the path is allowed is decided by the server (data roots) when the sweep is posted and when a trial starts.
            featuresPath = Optional.of(path.textValue());
        }
        if (datasetId != null && datasetName.isEmpty() && errors.size() == errorsBefore) {
            errors.add(new FieldError("benchmark." + DATASET_ID, "goes only with benchmark.dataset"));
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new Benchmark(kind.get(), featuresPath, datasetName, resolvedId, rows, seconds);
    }

    private static List<Variant> parseVariants(JsonNode node, List<FieldError> errors) {
        List<Variant> variants = new ArrayList<>();
        if (!requireNonEmptyArray(node, "variants", "a list of variants, each one of " + Variant.allowedIds(), errors)) {
            return variants;
        }
        if (node.size() > Variant.values().length) {
            errors.add(new FieldError("variants", "has " + node.size() + " entries; there are " + Variant.values().length
                    + " variants, each may appear once"));
            return variants;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = "variants[" + i + "]";
            if (!item.isTextual()) {
                errors.add(new FieldError(field, "must be one of " + Variant.allowedIds() + ", got " + describe(item)));
                continue;
            }
            Optional<Variant> variant = Variant.fromId(item.textValue());
            if (variant.isEmpty()) {
                errors.add(new FieldError(field, "'" + item.textValue() + "' is not a variant; allowed: " + Variant.allowedIds()));
            } else if (variants.contains(variant.get())) {
                errors.add(new FieldError(field, "'" + item.textValue() + "' is listed twice; each variant may appear once"));
            } else {
                variants.add(variant.get());
            }
        }
        return variants;
    }

    private static List<Long> parseSeeds(JsonNode node, List<FieldError> errors) {
        List<Long> seeds = new ArrayList<>();
        String what = "a list of 1 to " + SweepSpec.MAX_SEEDS + " distinct integers from 0 to " + MAX_SEED;
        if (!requireNonEmptyArray(node, "seeds", what, errors)) {
            return seeds;
        }
        if (node.size() > SweepSpec.MAX_SEEDS) {
            errors.add(new FieldError("seeds", "has " + node.size() + " seeds; at most " + SweepSpec.MAX_SEEDS + " are allowed"));
            return seeds;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = "seeds[" + i + "]";
            if (!item.isIntegralNumber() || !item.canConvertToLong()) {
                errors.add(new FieldError(field, "must be an integer from 0 to " + MAX_SEED + ", got " + describe(item)));
                continue;
            }
            long seed = item.longValue();
            if (seed < 0 || seed > MAX_SEED) {
                errors.add(new FieldError(field, seed + " is out of range; seeds are integers from 0 to " + MAX_SEED));
            } else if (!seen.add(seed)) {
                errors.add(new FieldError(field, "seed " + seed + " is listed twice; seeds must be distinct"));
            } else {
                seeds.add(seed);
            }
        }
        return seeds;
    }

    private static boolean requireNonEmptyArray(JsonNode node, String field, String what, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required: " + what));
            return false;
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be " + what + ", got " + describe(node)));
            return false;
        }
        if (node.isEmpty()) {
            errors.add(new FieldError(field, "must not be empty: " + what));
            return false;
        }
        return true;
    }

    private static void rejectUnknownFields(JsonNode node, String prefix, Set<String> allowed, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(prefix + name, "is not a known field; allowed here: "
                        + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    /** A short description of a JSON value for error messages, never echoing more than a few characters. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "the text '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
