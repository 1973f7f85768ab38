package org.symsweep.sweep;

import java.util.Map;
import java.util.Objects;
import org.symsweep.ml.Variant;

/**
 * One trial a sweep will run: a variant with its configuration, evaluated under one condition, with one
 * seed. {@code paramsHash} identifies the configuration across seeds and conditions, {@code conditionHash}
 * the condition; together with variant and seed they are unique within a sweep.
 */
public record PlannedTrial(Variant variant, Map<String, Object> params, Map<String, Object> condition, long seed) {
    public PlannedTrial {
        Objects.requireNonNull(variant);
        params = Map.copyOf(params);
        condition = Map.copyOf(condition);
    }

    public String paramsHash() {
        return CanonicalHash.of(params);
    }

    public String conditionHash() {
        return CanonicalHash.of(condition);
    }
}
