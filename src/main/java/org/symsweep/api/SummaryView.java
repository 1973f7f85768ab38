package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.symsweep.stats.SeedSummary;
import org.symsweep.store.ResultStore;

/**
 * The objective of one (variant, configuration, condition) over its succeeded seeds. Spread and interval are
 * null with a single seed: unknown, not zero.
 */
public record SummaryView(String variant, String configId, JsonNode params, JsonNode condition, long n, double mean, Double sd,
                          Double variance, Double sem, Double ciLow, Double ciHigh, double min, double max) {

    static SummaryView of(ResultStore.ConfigAggregate row) {
        SeedSummary s = SeedSummary.of(row.n(), row.mean(), row.sd(), row.min(), row.max(), SeedSummary.DEFAULT_CONFIDENCE);
        return new SummaryView(row.variant(), row.paramsHash(), row.params(), row.condition(), s.n(), s.mean(), finite(s.sd()),
                finite(s.variance()), finite(s.sem()), finite(s.ciLow()), finite(s.ciHigh()), s.min(), s.max());
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
