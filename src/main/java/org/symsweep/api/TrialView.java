package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.symsweep.store.ResultStore;
import org.symsweep.sweep.TrialState;

/** A trial as lists show it: what it is (variant, params, condition, seed) and how it ran. */
public record TrialView(long id, long sweepId, String variant, JsonNode params, JsonNode condition, long seed, TrialState state,
                        int attempt, int failures, String node, String device, Double objective, OffsetDateTime queuedAt,
                        OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime heartbeatAt, String error) {

    static TrialView of(ResultStore.TrialRow row) {
        return new TrialView(row.id(), row.sweepId(), row.variant(), row.params(), row.condition(), row.seed(), row.state(),
                row.attempt(), row.failures(), row.node(), row.device(), row.objective(), row.queuedAt(), row.startedAt(),
                row.finishedAt(), row.heartbeatAt(), row.error());
    }

    /** One trial in full: its final metrics, the epochs of its latest attempt, and every state change. */
    public record Detail(TrialView trial, Map<String, Double> metrics, List<ResultStore.Epoch> epochs,
                         List<ResultStore.Transition> history) {
    }
}
