package org.symsweep.stats;

/** A two-sided interval for a quantity; NaN ends when it cannot be estimated (too few seeds). */
public record Interval(double low, double high) {
    public static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);

    public boolean contains(double x) {
        return x >= low && x <= high;
    }

    public boolean known() {
        return Double.isFinite(low) && Double.isFinite(high);
    }
}
