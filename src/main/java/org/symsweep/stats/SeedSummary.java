package org.symsweep.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * An objective summarised over the seeds of one configuration: n, mean, sample sd and variance, standard
 * error, the two-sided t-interval at {@code confidence}, min and max. With one seed the spread is unknown:
 * sd, variance, sem and the interval are NaN (shown as null), never zero.
 */
public record SeedSummary(long n, double mean, double sd, double variance, double sem, double ciLow, double ciHigh,
                          double min, double max, double confidence) {

    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** From aggregates the database computed (count, avg, stddev_samp, min, max). */
    public static SeedSummary of(long n, double mean, double sd, double min, double max, double confidence) {
        if (n < 1) {
            throw new IllegalArgumentException("a summary needs at least one seed, got n = " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        if (n == 1) {
            return new SeedSummary(1, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, min, max, confidence);
        }
        double sem = sd / Math.sqrt(n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        return new SeedSummary(n, mean, sd, sd * sd, sem, mean - t * sem, mean + t * sem, min, max, confidence);
    }

    /** From the values themselves. */
    public static SeedSummary of(double[] values, double confidence) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("a summary needs at least one value");
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            mean += v / n;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return of(n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, min, max, confidence);
    }
}
