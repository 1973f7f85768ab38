package org.symsweep.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Holm's step-down adjustment of p-values for a family of tests (here: a sweep's conditions). */
public final class Holm {
    private Holm() {
    }

    /** Adjusted p-values in the input's order; NaN inputs (tests that could not run) stay NaN and do not count. */
    public static double[] adjust(double[] p) {
        Integer[] order = java.util.stream.IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        int m = order.length;
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
