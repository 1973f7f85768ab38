package org.symsweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

    private static void append(ObjectNode parent, String name, JsonNode more, String field, List<FieldError> errors) {
        if (!more.isArray() || more.isEmpty()) {
            errors.add(new FieldError(field, "must be a non-empty list of values to add"));
            return;
        }
        JsonNode current = parent.get(name);
        ArrayNode merged = current != null && current.isArray() ? (ArrayNode) current.deepCopy() : parent.arrayNode();
        for (JsonNode value : more) {
            boolean present = false;
            for (JsonNode existing : merged) {
                present |= existing.equals(value) || (existing.isNumber() && value.isNumber() && existing.asDouble() == value.asDouble());
            }
            if (present) {
                errors.add(new FieldError(field, value + " is already part of the sweep"));
            } else {
                merged.add(value);
            }
        }
        parent.set(name, merged);
    }
}
