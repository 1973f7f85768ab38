package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Map;
import org.symsweep.store.Sweep;
import org.symsweep.sweep.SweepState;
import org.symsweep.sweep.TrialState;

/** A sweep as the API shows it: its spec as sent, its state and how far its trials have come. */
public record SweepView(
        long id,
        String name,
        long projectId,
        SweepState state,
        JsonNode spec,
        Progress progress,
        Double bestObjective,
        Race race,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finishedAt) {

    /** Trials per state; {@code done} counts the ended ones (succeeded, failed, pruned, cancelled). */
    public record Progress(long total, long done, Map<TrialState, Long> byState) {
        static Progress of(Map<TrialState, Long> counts) {
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long done = counts.entrySet().stream().filter(e -> e.getKey().ended()).mapToLong(Map.Entry::getValue).sum();
            return new Progress(total, done, counts);
        }
    }

    /** A race for tied configurations: its settings, the trials it may still add, the rounds played; null when none was asked. */
    public record Race(int seedsPerRound, int budgetLeft, double confidence, int rounds) {
    }

    static SweepView of(Sweep sweep, Map<TrialState, Long> counts) {
        return of(sweep, counts, null);
    }

    /** {@code bestObjective}: the best single succeeded trial so far, for lists (null elsewhere or before any result). */
    static SweepView of(Sweep sweep, Map<TrialState, Long> counts, Double bestObjective) {
        Race race = sweep.raceSeedsPerRound == null ? null
                : new Race(sweep.raceSeedsPerRound, sweep.raceBudget == null ? 0 : sweep.raceBudget,
                        sweep.raceConfidence == null ? 0.95 : sweep.raceConfidence, sweep.raceRounds);
        return new SweepView(sweep.id, sweep.name, sweep.projectId, sweep.state, sweep.spec, Progress.of(counts), bestObjective, race,
                sweep.createdAt, sweep.updatedAt, sweep.finishedAt);
    }
}
