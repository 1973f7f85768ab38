package org.symsweep.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Two arms compared seed by seed (same seed, same data draw): differences b - a over the seeds both have,
 * their mean with t and bootstrap intervals, the paired t-test's p-value, the Wilcoxon signed-rank p-value (two-sided; zero differences
 * dropped as in Wilcoxon's original test; exact up to 50 pairs, normal approximation above), and the effect
 * size d_z = mean / sd of the differences. Seeds only one arm has are listed, not silently dropped.
 */
public record PairedComparison(int pairs, double meanDifference, double sdDifference, Interval tInterval, Interval bootstrapInterval,
                               double tTestP, double wilcoxonP, double effectSize, List<Long> onlyInA, List<Long> onlyInB) {

    public static PairedComparison of(Map<Long, Double> a, Map<Long, Double> b, double confidence, long bootstrapSeed) {
        List<Long> onlyInA = new ArrayList<>();
        List<Long> onlyInB = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        for (long seed : new TreeSet<>(a.keySet())) {
            if (b.containsKey(seed)) {
                differences.add(b.get(seed) - a.get(seed));
            } else {
                onlyInA.add(seed);
            }
        }
        new TreeSet<>(b.keySet()).stream().filter(seed -> !a.containsKey(seed)).forEach(onlyInB::add);
        double[] d = differences.stream().mapToDouble(Double::doubleValue).toArray();
        int n = d.length;
        if (n == 0) {
            return new PairedComparison(0, Double.NaN, Double.NaN, Interval.UNKNOWN, Interval.UNKNOWN, Double.NaN, Double.NaN,
                    Double.NaN, onlyInA, onlyInB);
        }
        SeedSummary summary = SeedSummary.of(d, confidence);
        Interval t = n > 1 ? new Interval(summary.ciLow(), summary.ciHigh()) : Interval.UNKNOWN;
        double effect = n > 1 && summary.sd() > 0 ? summary.mean() / summary.sd() : Double.NaN;
        return new PairedComparison(n, summary.mean(), summary.sd(), t, Intervals.bootstrap(d, confidence, bootstrapSeed),
                pairedT(n, summary.mean(), summary.sd()), wilcoxon(d), effect, onlyInA, onlyInB);
    }

    /**
     * Two-sided p-value of the paired t-test, the test that goes with the t-interval. With few seeds it is the one
     * that can reach significance: the signed-rank test's smallest possible p with 5 pairs is 0.0625.
     */
    static double pairedT(int n, double mean, double sd) {
        if (n < 2) {
            return Double.NaN;
        }
        if (sd == 0) {
            return mean == 0 ? 1.0 : 0.0;
        }
        double t = Math.abs(mean / (sd / Math.sqrt(n)));
        return 2 * new org.apache.commons.math3.distribution.TDistribution(null, n - 1).cumulativeProbability(-t);
    }

    /**
     * Two-sided signed-rank p-value of the differences; 1 when every difference is zero, NaN with none. Up to
     * 50 pairs it is the exact permutation p-value over all sign assignments of the (average) ranks, which stays
     * exact with tied magnitudes; above, the normal approximation with the tie-corrected variance. These are
     * SciPy's defaults. (Commons Math's exact test assumes no ties, and its approximation applies the continuity
     * correction in the wrong direction, so only its ranking and normal distribution are used.)
     */
    static double wilcoxon(double[] differences) {
        double[] nonZero = java.util.Arrays.stream(differences).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return differences.length == 0 ? Double.NaN : 1.0;
        }
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(java.util.Arrays.stream(nonZero).map(Math::abs).toArray());
        double positive = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                positive += ranks[i];
            }
        }
        return n <= 50 ? exactSignedRank(ranks, positive) : approximateSignedRank(ranks, positive);
    }

    /** Counts sign assignments by their positive rank sum (ranks doubled, so average ranks are integers). */
    private static double exactSignedRank(double[] ranks, double positive) {
        int[] doubled = java.util.Arrays.stream(ranks).mapToInt(r -> (int) Math.round(2 * r)).toArray();
        int total = java.util.Arrays.stream(doubled).sum();
        double[] ways = new double[total + 1];
        ways[0] = 1;
        int reach = 0;
        for (int r : doubled) {
            for (int s = reach; s >= 0; s--) {
                ways[s + r] += ways[s];
            }
            reach += r;
        }
        int observed = (int) Math.round(2 * positive);
        double all = Math.pow(2, ranks.length);
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= observed) {
                lower += ways[s];
            }
            if (s >= observed) {
                upper += ways[s];
            }
        }
        return Math.min(1.0, 2 * Math.min(lower, upper) / all);
    }

    private static double approximateSignedRank(double[] ranks, double positive) {
        int n = ranks.length;
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0;
        java.util.Map<Double, Integer> tieSizes = new java.util.HashMap<>();
        for (double r : ranks) {
            tieSizes.merge(r, 1, Integer::sum);
        }
        for (int t : tieSizes.values()) {
            variance -= (t * (double) t * t - t) / 48.0;
        }
        double z = (positive - mean) / Math.sqrt(variance);
        return Math.min(1.0, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z)));
    }

    /** Whether the interval excludes zero, i.e. the two arms differ at the interval's confidence. */
    public boolean separated() {
        return tInterval.known() && !tInterval.contains(0);
    }
}
