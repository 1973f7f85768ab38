package org.symsweep.sweep;

/**
 * A race: once the sweep's trials have ended, each round gives {@code seedsPerRound} fresh seeds to every
 * configuration still tied with the best of its variant and condition, until none is tied or the race has
 * added {@code budget} trials. Ties are judged at {@code confidence}.
 */
public record RacingSpec(int seedsPerRound, int budget, double confidence) {
    public static final int MAX_BUDGET = 100_000;
}
