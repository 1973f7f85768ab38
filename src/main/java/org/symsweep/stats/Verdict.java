package org.symsweep.stats;

import java.util.Locale;

/** A comparison said in words a researcher can put in a paper. */
public final class Verdict {
    private Verdict() {
    }

    /**
     * For example "Gated Symile beats Symile by 0.27 test top-1 (95% CI 0.24 to 0.30, 5 paired seeds,
     * Holm-adjusted p < 0.01) at misalignment = 1.0". "Beats" needs both the interval to exclude zero and the
     * Holm-adjusted p (of the paired t-test) to be below 1 - confidence; an interval that excludes zero alone is
     * reported as ahead but not significant after the correction. {@code maximize} says which direction is better.
     */
    public static String of(String a, String b, PairedComparison c, double adjustedP, double confidence, String metric,
                            boolean maximize, String condition) {
        String at = condition.isEmpty() ? "" : " at " + condition;
        if (c.pairs() < 2 || !c.tInterval().known()) {
            return String.format(Locale.ROOT, "Too few paired seeds to compare %s with %s%s (%d pair%s)", b, a, at, c.pairs(),
                    c.pairs() == 1 ? "" : "s");
        }
        String interval = String.format(Locale.ROOT, "%.0f%% CI %s to %s, %d paired seeds, Holm-adjusted p %s",
                confidence * 100, number(c.tInterval().low()), number(c.tInterval().high()), c.pairs(), p(adjustedP));
        if (!c.separated()) {
            return String.format(Locale.ROOT, "No clear difference between %s and %s in %s: %s%s (%s)%s", b, a, metric,
                    c.meanDifference() >= 0 ? "+" : "-", number(Math.abs(c.meanDifference())), interval, at);
        }
        boolean bBetter = maximize == (c.meanDifference() > 0);
        if (!(adjustedP < 1 - confidence)) {
            return String.format(Locale.ROOT, "%s is ahead of %s by %s %s (%s), not significant after Holm's correction%s",
                    bBetter ? b : a, bBetter ? a : b, number(Math.abs(c.meanDifference())), metric, interval, at);
        }
        return String.format(Locale.ROOT, "%s beats %s by %s %s (%s)%s", bBetter ? b : a, bBetter ? a : b,
                number(Math.abs(c.meanDifference())), metric, interval, at);
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, Math.abs(x) >= 0.1 ? "%.2f" : "%.3f", x);
    }

    private static String p(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p < 0.001) {
            return "< 0.001";
        }
        if (p < 0.01) {
            return "< 0.01";
        }
        return String.format(Locale.ROOT, "= %.2f", p);
    }
}
