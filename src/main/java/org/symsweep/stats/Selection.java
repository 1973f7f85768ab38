package org.symsweep.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Variance-aware choice of the best configuration. Configurations are ranked by their pessimistic bound: the
 * lower confidence bound of the mean objective when maximising (the upper one when minimising), so a
 * configuration that was lucky on few seeds does not outrank one that is good on many. A configuration is
 * tied with the best when its optimistic bound still reaches the best one's pessimistic bound: the data do
 * not separate them. A single seed says nothing of the spread: its bounds are infinite.
 */
public final class Selection {
    private Selection() {
    }

    /** A configuration with its summary, bounds and whether it is tied with the best of its group. */
    public record Ranked(ConfigResult config, SeedSummary summary, double pessimistic, double optimistic, boolean tiedWithBest) {
    }

    /** Ranks one group (one variant under one condition); the first is the best. */
    public static List<Ranked> rank(List<ConfigResult> group, double confidence, boolean maximize) {
        List<Ranked> ranked = new ArrayList<>();
        for (ConfigResult config : group) {
            SeedSummary s = config.summary(confidence);
            double halfWidth = s.n() > 1 ? (s.ciHigh() - s.ciLow()) / 2 : Double.POSITIVE_INFINITY;
            if (Double.isNaN(halfWidth)) {
                halfWidth = Double.POSITIVE_INFINITY;
            }
            double pessimistic = maximize ? s.mean() - halfWidth : s.mean() + halfWidth;
            double optimistic = maximize ? s.mean() + halfWidth : s.mean() - halfWidth;
            ranked.add(new Ranked(config, s, pessimistic, optimistic, false));
        }
        Comparator<Ranked> byBound = Comparator.comparingDouble(Ranked::pessimistic);
        Comparator<Ranked> byMean = Comparator.comparingDouble(r -> r.summary().mean());
        ranked.sort(maximize ? byBound.reversed().thenComparing(byMean.reversed()) : byBound.thenComparing(byMean));
        if (ranked.isEmpty()) {
            return ranked;
        }
        double best = ranked.get(0).pessimistic();
        List<Ranked> marked = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Ranked r = ranked.get(i);
            boolean tied = i == 0 || (maximize ? r.optimistic() >= best : r.optimistic() <= best);
            marked.add(new Ranked(r.config(), r.summary(), r.pessimistic(), r.optimistic(), tied));
        }
        return marked;
    }

    /** The configurations tied with the best (the best included). */
    public static List<Ranked> tied(List<Ranked> ranked) {
        return ranked.stream().filter(Ranked::tiedWithBest).toList();
    }
}
