package org.symsweep.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search: a strategy and a space (hyperparameter name to domain, in the order written). {@code trials}
 * is how many configurations random search draws (successive halving draws that many too, or enumerates
 * the grid when 0); successive halving starts every configuration at {@code minEpochs} and keeps the best
 * 1/{@code reductionFactor} at each rung up to {@code maxEpochs}.
 */
public record SearchSpec(SearchStrategy strategy, Map<String, Domain> space, int trials, long samplerSeed,
                         int minEpochs, int maxEpochs, int reductionFactor) {
    public SearchSpec {
        space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }

    public static SearchSpec defaultGrid() {
        return new SearchSpec(SearchStrategy.GRID, Map.of(), 0, 0, 0, 0, 0);
    }
}
