package org.symsweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * Widens a stored sweep spec with an extension: more {@code seeds}, more {@code conditions} values, more
 * {@code values} for parameters of the search space, more random {@code trials} (the sampler draws the same
 * first configurations again, so only the new ones are new), or new {@code limits}. Nothing can be removed:
 * what a sweep has run stays part of it. The result is validated as a whole spec by {@link SweepSpecParser}.
 * <pre>{"seeds": [423, 424], "conditions": {"p": [0.9]}, "space": {"lr": {"values": [0.01]}}}</pre>
 */
public final class SweepExtension {
    private static final Set<String> FIELDS = Set.of("seeds", "conditions", "space", "trials", "limits");

    private SweepExtension() {
    }

    /** The widened spec document; throws {@link InvalidSpecException} naming every bad field. */
    public static JsonNode apply(JsonNode stored, JsonNode extension) {
        List<FieldError> errors = new ArrayList<>();
        if (extension == null || !extension.isObject() || extension.isEmpty()) {
            throw new InvalidSpecException(List.of(new FieldError("$", "an extension is an object with one or more of "
                    + String.join(", ", FIELDS.stream().sorted().toList()))));
        }
        checkSizes(stored, extension);
        ObjectNode spec = stored.deepCopy();
        for (Iterator<String> names = extension.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "cannot be extended; allowed: " + String.join(", ", FIELDS.stream().sorted().toList())));
            }
        }
        if (extension.has("seeds")) {
            append(spec, "seeds", extension.get("seeds"), "seeds", errors);
        }
        if (extension.has("conditions")) {
            JsonNode conditions = extension.get("conditions");
            if (!conditions.isObject()) {
                errors.add(new FieldError("conditions", "must be an object mapping a condition to more values"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = conditions.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> axis = it.next();
                    append(spec.with("conditions"), axis.getKey(), axis.getValue(), "conditions." + axis.getKey(), errors);
                }
            }
        }
        if (extension.has("space")) {
            JsonNode space = extension.get("space");
            if (!space.isObject()) {
                errors.add(new FieldError("space", "must be an object mapping parameters to {\"values\": [...]}"));
            } else {
                ObjectNode storedSpace = spec.with("search").with("space");
                for (Iterator<Map.Entry<String, JsonNode>> it = space.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> parameter = it.next();
                    String field = "space." + parameter.getKey();
                    JsonNode current = storedSpace.get(parameter.getKey());
                    if (current == null || !current.has("values")) {
                        errors.add(new FieldError(field, "only a parameter the sweep already lists with values can get more values"));
                    } else if (!parameter.getValue().isObject() || !parameter.getValue().has("values") || parameter.getValue().size() != 1) {
                        errors.add(new FieldError(field, "must be {\"values\": [...]} with the values to add"));
                    } else {
                        append((ObjectNode) current, "values", parameter.getValue().get("values"), field + ".values", errors);
                    }
                }
            }
        }
        if (extension.has("trials")) {
            JsonNode trials = extension.get("trials");
            int before = spec.path("search").path("trials").asInt(0);
            if (before == 0) {
                errors.add(new FieldError("trials", "applies to sweeps that draw configurations (random, successive-halving)"));
            } else if (!trials.isIntegralNumber() || trials.asLong() <= before) {
                errors.add(new FieldError("trials", trials + " is not allowed; more than the " + before + " drawn so far is"));
            } else {
                spec.with("search").set("trials", trials);
            }
        }
        if (extension.has("limits")) {
            spec.set("limits", extension.get("limits"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        return spec;
    }

    /**
     * Refuses, before any value is looked at, lists that would take the sweep past the spec's own limits: the
     * counts are known from the request's sizes alone, and checking them first keeps a huge request cheap.
     */
    private static void checkSizes(JsonNode stored, JsonNode extension) {
        List<FieldError> errors = new ArrayList<>();
        checkSize(stored.path("seeds"), extension.get("seeds"), "seeds", SweepSpec.MAX_SEEDS, errors);
        JsonNode conditions = extension.get("conditions");
        if (conditions != null && conditions.isObject()) {
            if (conditions.size() > 1) {
                errors.add(new FieldError("conditions", "has " + conditions.size() + " axes; a benchmark has at most one"));
            } else {
                conditions.fields().forEachRemaining(axis -> checkSize(stored.path("conditions").path(axis.getKey()), axis.getValue(),
                        "conditions." + axis.getKey(), SweepSpecParser.MAX_CONDITION_VALUES, errors));
            }
        }
        JsonNode space = extension.get("space");
        if (space != null && space.isObject()) {
            space.fields().forEachRemaining(parameter -> checkSize(stored.path("search").path("space").path(parameter.getKey()).path("values"),
                    parameter.getValue().path("values"), "space." + parameter.getKey() + ".values", SweepSpecParser.MAX_VALUES, errors));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
    }

    private static void checkSize(JsonNode current, JsonNode more, String field, int max, List<FieldError> errors) {
        if (more == null || !more.isArray()) {
            return;
        }
        long total = (long) (current.isArray() ? current.size() : 0) + more.size();
        if (total > max) {
            errors.add(new FieldError(field, "would have " + total + " values (" + more.size() + " added to "
                    + (current.isArray() ? current.size() : 0) + "); at most " + max + " are allowed"));
        }
    }

    private static void append(ObjectNode parent, String name, JsonNode more, String field, List<FieldError> errors) {
        if (!more.isArray() || more.isEmpty()) {
            errors.add(new FieldError(field, "must be a non-empty list of values to add"));
            return;
        }
        JsonNode current = parent.get(name);
        ArrayNode merged = current != null && current.isArray() ? (ArrayNode) current.deepCopy() : parent.arrayNode();
        // One hash set: numbers compare by value (1 and 1.0 are the same seed), anything else as JSON.
        Set<Object> present = new HashSet<>();
        merged.forEach(existing -> present.add(key(existing)));
        for (JsonNode value : more) {
            if (!present.add(key(value))) {
                errors.add(new FieldError(field, value + " is already part of the sweep"));
            } else {
                merged.add(value);
            }
        }
        parent.set(name, merged);
    }

    private static Object key(JsonNode value) {
        return value.isNumber() ? (Object) (value.asDouble() + 0.0) : value;
    }
}
