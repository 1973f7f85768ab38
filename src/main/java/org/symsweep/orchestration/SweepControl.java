package org.symsweep.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.symsweep.store.Sweep;
import org.symsweep.store.SweepStore;
import org.symsweep.store.TrialStore;
import org.symsweep.sweep.SweepExtension;
import org.symsweep.sweep.SweepSpec;

/** What a user does to a sweep: launch, pause, resume, cancel, re-run its failed trials, extend it. */
@ApplicationScoped
public class SweepControl {
    private final SweepStore sweeps;
    private final TrialStore trials;
    private final TrialScheduler scheduler;
    private final TrialWorker worker;

    private final Racer racer;
    private final Admission admission;

    public SweepControl(SweepStore sweeps, TrialStore trials, TrialScheduler scheduler, TrialWorker worker, Racer racer,
                        Admission admission) {
        this.admission = admission;
        this.sweeps = sweeps;
        this.trials = trials;
        this.scheduler = scheduler;
        this.worker = worker;
        this.racer = racer;
    }

    /**
     * Starts (or replaces) a race; a sweep whose trials have ended plays its first round now, a running one
     * when its trials end. Returns the trials planned now.
     */
    public int race(long id, org.symsweep.sweep.RacingSpec race) {
        if (!QuarkusTransaction.requiringNew().call(() -> trials.startRace(id, race.seedsPerRound(), race.budget(), race.confidence()))) {
            throw conflict(id, "race", "not cancelled");
        }
        return Math.max(0, racer.round(id));
    }

    /** A request that the sweep's state does not allow, such as pausing a finished sweep. */
    public static final class StateConflict extends RuntimeException {
        public StateConflict(String message) {
            super(message);
        }
    }

    /** A sweep id that does not exist. */
    public static final class UnknownSweep extends RuntimeException {
        public UnknownSweep(long id) {
            super("no sweep with id " + id);
        }
    }

    /** The spec of a document, validated and priced: 400 for a bad field, 413 for a trial over a limit. */
    public SweepSpec validate(JsonNode document) {
        return admission.admit(document);
    }

    /** Stores a validated sweep with its planned trials and starts its first ones. */
    public Sweep launch(SweepSpec spec, JsonNode document, long projectId, Long createdBy) {
        Sweep sweep = sweeps.create(spec, document, projectId, createdBy);
        scheduler.dispatch(sweep.id);
        return sweep;
    }

    public void pause(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<TrialStore.Queued> unqueued = trials.pause(id).orElseThrow(() -> conflict(id, "pause", "running"));
            scheduler.unschedule(unqueued);
        });
    }

    public void resume(long id) {
        if (!QuarkusTransaction.requiringNew().call(() -> trials.resume(id))) {
            throw conflict(id, "resume", "paused");
        }
        scheduler.dispatch(id);
    }

    public void cancel(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<TrialStore.Queued> unqueued = trials.cancel(id).orElseThrow(() -> conflict(id, "cancel", "running or paused"));
            scheduler.unschedule(unqueued);
        });
        // Trials running here stop at their next epoch; other nodes learn it at their next check.
        worker.live().values().stream().filter(t -> t.sweepId == id).forEach(t -> t.stop(LiveTrial.Stop.CANCELLED));
    }

    /** Returns how many failed trials were planned again. */
    public int rerunFailed(long id) {
        if (sweeps.find(id).isEmpty()) {
            throw new UnknownSweep(id);
        }
        int again = QuarkusTransaction.requiringNew().call(() -> trials.rerunFailed(id));
        scheduler.dispatch(id);
        return again;
    }

    /** Widens the sweep (see {@link SweepExtension}); returns how many trials were added. */
    public int extend(long id, JsonNode extension) {
        Sweep sweep = sweeps.find(id).orElseThrow(() -> new UnknownSweep(id));
        JsonNode widened = SweepExtension.apply(sweep.spec, extension);
        SweepSpec spec = admission.admit(widened);
        Optional<Integer> added = sweeps.extend(id, spec, widened);
        if (added.isEmpty()) {
            throw conflict(id, "extend", "not cancelled");
        }
        scheduler.dispatch(id);
        return added.get();
    }

    private RuntimeException conflict(long id, String action, String needed) {
        String state = sweeps.find(id).map(s -> s.state.name()).orElse(null);
        if (state == null) {
            return new UnknownSweep(id);
        }
        return new StateConflict("cannot " + action + " sweep " + id + ": it is " + state + "; it must be " + needed);
    }
}
