package org.symsweep.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.symsweep.stats.ConfigResult;
import org.symsweep.stats.Racing;
import org.symsweep.stats.SweepAnalysis;
import org.symsweep.store.ResultStore;
import org.symsweep.store.TrialStore;
import org.symsweep.sweep.Objective;

/**
 * Runs races: when a racing sweep's trials have all ended, the next round plans fresh seeds for the
 * configurations still tied with the best of each variant and condition (the same new seeds for all, so
 * they pair), and the sweep runs again; when nothing is tied or the budget cannot pay a round, the race ends.
 */
@ApplicationScoped
public class Racer {
    private static final Logger LOG = Logger.getLogger(Racer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrialStore trials;
    private final ResultStore results;
    private final TrialScheduler scheduler;

    public Racer(TrialStore trials, ResultStore results, TrialScheduler scheduler) {
        this.trials = trials;
        this.results = results;
        this.scheduler = scheduler;
    }

    /** Plans the next round of a sweep whose race is due; returns the trials added (-1 when no round was due). */
    public int round(long sweepId) {
        int added = QuarkusTransaction.requiringNew().call(() -> {
            Optional<TrialStore.Race> race = trials.lockRace(sweepId);
            if (race.isEmpty()) {
                return -1;
            }
            boolean maximize = maximize(race.get().specJson());
            List<ConfigResult> data = results.configResults(sweepId);
            Set<Long> used = trials.seeds(sweepId);
            int budget = race.get().budget();
            int planned = 0;
            for (SweepAnalysis.Group group : SweepAnalysis.select(data, race.get().confidence(), maximize)) {
                for (Racing.Extra extra : Racing.nextRound(group.ranked(), used, race.get().seedsPerRound(), budget)) {
                    for (long seed : extra.seeds()) {
                        if (trials.planSeed(sweepId, extra.config().variant(), extra.config().configId(),
                                JSON.writeValueAsString(extra.config().condition()), seed)) {
                            planned++;
                            budget--;
                        }
                    }
                }
            }
            trials.endRaceRound(sweepId, planned == 0 ? 0 : budget, planned > 0);
            return planned;
        });
        if (added > 0) {
            LOG.infof("sweep %d: race round planned %d trials for configurations still tied", sweepId, added);
            scheduler.dispatch(sweepId);
        } else if (added == 0) {
            LOG.infof("sweep %d: race over (no configuration tied with the best, or no budget for a round)", sweepId);
        }
        return added;
    }

    private static boolean maximize(String specJson) throws JsonProcessingException {
        return Objective.ofStored(JSON.readTree(specJson)).maximize();
    }
}
