package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.symsweep.stats.Interval;
import org.symsweep.stats.Intervals;
import org.symsweep.stats.SeedSummary;
import org.symsweep.store.ResultStore;

/**
 * The objective of one (variant, configuration, condition) over its succeeded seeds, with its t-interval and
 * percentile-bootstrap interval (95%). Spread and intervals are null with a single seed: unknown, not zero.
 */
public record SummaryView(String variant, String configId, JsonNode params, JsonNode condition, long n, double mean, Double sd,
                          Double variance, Double sem, Double ciLow, Double ciHigh, Double bootstrapLow, Double bootstrapHigh,
                          double min, double max) {

    /** {@code seeds} are the row's values for its percentile-bootstrap interval (seeded by the row, so stable). */
    static SummaryView of(ResultStore.ConfigAggregate row, double[] seeds) {
        SeedSummary s = SeedSummary.of(row.n(), row.mean(), row.sd(), row.min(), row.max(), SeedSummary.DEFAULT_CONFIDENCE);
        Interval boot = seeds == null ? Interval.UNKNOWN
                : Intervals.bootstrap(seeds, SeedSummary.DEFAULT_CONFIDENCE, (row.paramsHash() + row.conditionHash()).hashCode());
        return new SummaryView(row.variant(), row.paramsHash(), row.params(), row.condition(), s.n(), s.mean(), finite(s.sd()),
                finite(s.variance()), finite(s.sem()), finite(s.ciLow()), finite(s.ciHigh()), finite(boot.low()), finite(boot.high()),
                s.min(), s.max());
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
