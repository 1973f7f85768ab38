package org.symsweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BenchmarkKind;

/**
 * Turns a spec document (already parsed from JSON or YAML into a tree) into a {@link SweepSpec}, or
 * reports every problem at once. This is the one place where a spec is validated.
 */
public final class SweepSpecParser {
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("name", "benchmark", "variants", "seeds");
    private static final Set<String> BENCHMARK_FIELDS = Set.of("kind", "path");
    private static final long MAX_SEED = Integer.MAX_VALUE;

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
        List<Long> seeds = parseSeeds(root.get("seeds"), errors);
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        return new SweepSpec(name, benchmark, variants, seeds);
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
        rejectUnknownFields(node, "benchmark.", BENCHMARK_FIELDS, errors);
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
        JsonNode path = node.get("path");
        if (kind.get() != BenchmarkKind.FEATURES) {
            if (path != null) {
                errors.add(new FieldError("benchmark.path", "applies only to kind features, not to " + kind.get().id()));
                return null;
            }
            return Benchmark.of(kind.get());
        }
        if (path == null || !path.isTextual() || path.textValue().isBlank()) {
            errors.add(new FieldError("benchmark.path",
                    "is required for kind features: the server-readable path of a .npz file or a folder of .npy files"
                            + (path == null ? "" : ", got " + describe(path))));
            return null;
        }
        return new Benchmark(BenchmarkKind.FEATURES, Optional.of(path.textValue()));
    }

    private static List<Variant> parseVariants(JsonNode node, List<FieldError> errors) {
        List<Variant> variants = new ArrayList<>();
        if (!requireNonEmptyArray(node, "variants", "a list of variants, each one of " + Variant.allowedIds(), errors)) {
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
