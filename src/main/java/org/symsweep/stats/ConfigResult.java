package org.symsweep.stats;

import java.util.Map;

/**
 * One configuration of one variant under one condition, with its objective per seed. {@code configId}
 * identifies the configuration across conditions and seeds (the stored parameter hash).
 */
public record ConfigResult(String variant, String configId, Map<String, Object> params, Map<String, Object> condition,
                           Map<Long, Double> bySeed) {
    public ConfigResult {
        params = Map.copyOf(params);
        condition = Map.copyOf(condition);
        bySeed = Map.copyOf(bySeed);
    }

    public double[] values() {
        return bySeed.keySet().stream().sorted().mapToDouble(bySeed::get).toArray();
    }

    public SeedSummary summary(double confidence) {
        return SeedSummary.of(values(), confidence);
    }
}
