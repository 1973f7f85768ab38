package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.symsweep.ml.Variant;
import org.symsweep.ml.train.HyperparameterCatalog;
import org.symsweep.store.ResultStore;
import org.symsweep.sweep.TrialState;

/** Reads a trial list's filters from its query, refusing unknown states, variants and parameters by name. */
final class TrialFilters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARAM_PREFIX = "params.";
    private static final List<String> KNOWN = List.of("page", "size", "state", "variant");

    private TrialFilters() {
    }

    static ResultStore.TrialFilter of(String state, String variant, MultivaluedMap<String, String> query) {
        Optional<TrialState> trialState = Optional.empty();
        if (state != null && !state.isBlank()) {
            trialState = Arrays.stream(TrialState.values()).filter(s -> s.name().equalsIgnoreCase(state.trim())).findFirst();
            if (trialState.isEmpty()) {
                throw new ApiException(Response.Status.BAD_REQUEST, "state", "'" + state + "' is not a trial state; allowed: "
                        + String.join(", ", Arrays.stream(TrialState.values()).map(Enum::name).toList()));
            }
        }
        Optional<String> variantId = Optional.empty();
        if (variant != null && !variant.isBlank()) {
            if (Variant.fromId(variant.trim()).isEmpty()) {
                throw new ApiException(Response.Status.BAD_REQUEST, "variant", "'" + variant + "' is not a variant; allowed: "
                        + Variant.allowedIds());
            }
            variantId = Optional.of(variant.trim());
        }
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PARAM_PREFIX)) {
                if (!KNOWN.contains(key)) {
                    throw new ApiException(Response.Status.BAD_REQUEST, key, "is not a filter; allowed: "
                            + String.join(", ", KNOWN) + " and params.<name>");
                }
                continue;
            }
            String name = key.substring(PARAM_PREFIX.length());
            if (HyperparameterCatalog.entry(name).isEmpty()) {
                throw new ApiException(Response.Status.BAD_REQUEST, key, "'" + name + "' is not a hyperparameter; known: "
                        + String.join(", ", HyperparameterCatalog.names()));
            }
            if (entry.getValue().size() != 1) {
                throw new ApiException(Response.Status.BAD_REQUEST, key, "is given " + entry.getValue().size() + " times; give it once");
            }
            params.put(name, value(entry.getValue().get(0)));
        }
        return new ResultStore.TrialFilter(trialState, variantId, params);
    }

    /** A number or boolean as itself, anything else as text: {@code 0.5}, {@code true}, {@code ones}. */
    private static JsonNode value(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && (parsed.isNumber() || parsed.isBoolean())) {
                return parsed;
            }
        } catch (java.io.IOException notJson) {
            // plain text
        }
        return TextNode.valueOf(text);
    }
}
