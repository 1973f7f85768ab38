package org.symsweep.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Racing: extra seeds go only to the configurations still tied with the best, a round at a time, until one
 * group has a single configuration left or the seed budget is spent. New seeds continue after the largest
 * seed used, so they are fresh data draws and shared by all tied configurations (pairable).
 */
public final class Racing {
    private Racing() {
    }

    /** One configuration to run again, with the seeds to run it with. */
    public record Extra(ConfigResult config, List<Long> seeds) {
    }

    /**
     * The next round for one group, given its ranking, the seeds used anywhere in the sweep, the seeds each
     * tied configuration gets this round, and the trials the race may still spend. Empty when the group is
     * separated (one configuration left) or the budget cannot pay a whole round.
     */
    public static List<Extra> nextRound(List<Selection.Ranked> ranked, Set<Long> usedSeeds, int seedsPerRound, int budgetLeft) {
        List<Selection.Ranked> tied = Selection.tied(ranked);
        if (tied.size() < 2 || seedsPerRound < 1 || budgetLeft < tied.size() * seedsPerRound) {
            return List.of();
        }
        long next = usedSeeds.isEmpty() ? 0 : new TreeSet<>(usedSeeds).last() + 1;
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < seedsPerRound; i++) {
            seeds.add(next + i);
        }
        List<Extra> extras = new ArrayList<>();
        for (Selection.Ranked r : tied) {
            extras.add(new Extra(r.config(), List.copyOf(seeds)));
        }
        return extras;
    }
}
