package org.symsweep.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/** Intervals for a mean over seeds: Student's t, and the percentile bootstrap. */
public final class Intervals {
    /** Resamples of the bootstrap; enough for stable 2.5% and 97.5% quantiles. */
    public static final int RESAMPLES = 10_000;

    private Intervals() {
    }

    /** The t quantile for a two-sided interval at {@code confidence} with n - 1 degrees of freedom. */
    public static double tQuantile(long n, double confidence) {
        return new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    public static Interval t(double[] values, double confidence) {
        SeedSummary s = SeedSummary.of(values, confidence);
        return new Interval(s.ciLow(), s.ciHigh());
    }

    /**
     * The percentile bootstrap interval of the mean, from {@link #RESAMPLES} resamples drawn with a fixed seed,
     * so the same values always give the same interval. Unknown below two values.
     */
    public static Interval bootstrap(double[] values, double confidence, long seed) {
        int n = values.length;
        if (n < 2) {
            return Interval.UNKNOWN;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - confidence) / 2;
        return new Interval(quantile(means, tail), quantile(means, 1 - tail));
    }

    /** Linear interpolation between order statistics (the default of NumPy and R's type 7). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
