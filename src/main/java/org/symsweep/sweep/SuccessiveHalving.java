package org.symsweep.sweep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Asynchronous successive halving as a stopping rule: a trial is judged at each rung (min_epochs,
 * min_epochs x eta, ... below max_epochs) against every trial of its group that has reached that rung,
 * itself included, and continues only while it ranks in the best floor(n / eta) of them (the best one when
 * fewer than eta have arrived, so the first arrivals are never stopped on no evidence). This is the rule of
 * ASHA and of Optuna's SuccessiveHalvingPruner.
 */
public final class SuccessiveHalving {
    private SuccessiveHalving() {
    }

    /** The epochs at which trials are judged. */
    public static List<Integer> rungs(int minEpochs, int maxEpochs, int reductionFactor) {
        List<Integer> rungs = new ArrayList<>();
        for (long epoch = minEpochs; epoch < maxEpochs; epoch *= reductionFactor) {
            rungs.add((int) epoch);
        }
        return rungs;
    }

    /**
     * Whether a trial with {@code value} at a rung continues, given the values every trial of its group
     * reported at that rung ({@code atRung} includes this trial's own value).
     */
    public static boolean promotes(double value, Collection<Double> atRung, boolean maximize, int reductionFactor) {
        int keep = Math.max(1, atRung.size() / reductionFactor);
        long better = atRung.stream().filter(v -> maximize ? v > value : v < value).count();
        return better < keep;
    }
}
