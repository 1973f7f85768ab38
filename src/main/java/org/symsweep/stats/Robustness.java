package org.symsweep.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a variant holds up along the condition axis: the area under its objective-versus-condition curve
 * (trapezoids, divided by the condition range so it reads as the mean objective over the range), computed
 * per seed over the seeds present at every condition, with a t-interval over those seeds; and where two
 * variants' mean curves cross.
 */
public final class Robustness {
    private Robustness() {
    }

    /** The normalised area with its interval, over {@code seeds} seeds. */
    public record Area(double mean, Interval interval, int seeds) {
    }

    /** {@code curve} maps each condition value to the objective per seed there. Unknown below two conditions. */
    public static Area area(TreeMap<Double, Map<Long, Double>> curve, double confidence) {
        if (curve.size() < 2) {
            return new Area(Double.NaN, Interval.UNKNOWN, 0);
        }
        Set<Long> seeds = new TreeSet<>(curve.firstEntry().getValue().keySet());
        curve.values().forEach(bySeed -> seeds.retainAll(bySeed.keySet()));
        if (seeds.isEmpty()) {
            return new Area(Double.NaN, Interval.UNKNOWN, 0);
        }
        double range = curve.lastKey() - curve.firstKey();
        List<Double> areas = new ArrayList<>();
        for (long seed : seeds) {
            double area = 0;
            Map.Entry<Double, Map<Long, Double>> previous = null;
            for (Map.Entry<Double, Map<Long, Double>> point : curve.entrySet()) {
                if (previous != null) {
                    area += (point.getKey() - previous.getKey()) * (point.getValue().get(seed) + previous.getValue().get(seed)) / 2;
                }
                previous = point;
            }
            areas.add(area / range);
        }
        double[] values = areas.stream().mapToDouble(Double::doubleValue).toArray();
        SeedSummary s = SeedSummary.of(values, confidence);
        return new Area(s.mean(), new Interval(s.ciLow(), s.ciHigh()), values.length);
    }

    /**
     * The first condition at which curve b crosses curve a (linear between measured points), if it does; a
     * point where they are equal counts as the crossing.
     */
    public static OptionalDouble crossing(double[] conditions, double[] a, double[] b) {
        for (int i = 0; i < conditions.length; i++) {
            double d = b[i] - a[i];
            if (d == 0 && i > 0 && i < conditions.length - 1) {
                return OptionalDouble.of(conditions[i]);
            }
            if (i > 0) {
                double before = b[i - 1] - a[i - 1];
                if (before != 0 && d != 0 && Math.signum(before) != Math.signum(d)) {
                    double t = before / (before - d);
                    return OptionalDouble.of(conditions[i - 1] + t * (conditions[i] - conditions[i - 1]));
                }
            }
        }
        return OptionalDouble.empty();
    }
}
