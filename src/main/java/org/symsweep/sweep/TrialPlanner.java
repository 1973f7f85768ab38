package org.symsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.Variant;

/**
 * Expands a spec into its trials: every variant with every seed. Seeds are the same for every variant,
 * so that variants can be compared seed by seed. Search spaces and conditions join this expansion with
 * the orchestration work; until then each variant runs its benchmark's default configuration.
 */
public final class TrialPlanner {
    private TrialPlanner() {
    }

    public static List<PlannedTrial> plan(SweepSpec spec) {
        List<PlannedTrial> trials = new ArrayList<>(spec.variants().size() * spec.seeds().size());
        for (Variant variant : spec.variants()) {
            for (long seed : spec.seeds()) {
                trials.add(new PlannedTrial(variant, Map.of(), Map.of(), seed));
            }
        }
        return trials;
    }
}
