package org.symsweep.orchestration;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.symsweep.store.TrialStore;
import org.symsweep.sweep.SweepState;

/**
 * Keeps this node's trials honest and the cluster's sweeps moving. Every heartbeat interval it writes the
 * buffered metrics of its running trials and beats their heartbeats, learning which were cancelled or taken
 * over; every supervise interval it re-queues trials whose heartbeat went stale (their node died or hangs)
 * and dispatches sweeps with room to run more. Every node does this; the statements are guarded so that
 * nodes doing it at once do not collide. It runs on its own threads, not Quartz's, which trials occupy.
 */
@ApplicationScoped
public class Supervisor {
    private static final Logger LOG = Logger.getLogger(Supervisor.class);

    private final TrialWorker worker;
    private final TrialStore store;
    private final TrialScheduler scheduler;
    private final WorkerConfig config;
    private final Racer racer;
    private final LimitsConfig limits;
    private ScheduledExecutorService executor;

    public Supervisor(TrialWorker worker, TrialStore store, TrialScheduler scheduler, WorkerConfig config, Racer racer,
                      LimitsConfig limits) {
        this.limits = limits;
        this.worker = worker;
        this.store = store;
        this.scheduler = scheduler;
        this.config = config;
        this.racer = racer;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "symsweep-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        long beat = config.scheduling().heartbeatInterval().toMillis();
        long supervise = config.scheduling().superviseInterval().toMillis();
        executor.scheduleWithFixedDelay(guarded(this::heartbeat), beat, beat, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(guarded(this::supervise), 0, supervise, TimeUnit.MILLISECONDS);
    }

    /** Running trials stop at their next epoch and go back to the queue for another node, or this one after a restart. */
    void stop(@Observes ShutdownEvent event) {
        worker.live().values().forEach(trial -> trial.stop(LiveTrial.Stop.SHUTDOWN));
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    void heartbeat() {
        List<LiveTrial> running = new ArrayList<>(worker.live().values());
        if (running.isEmpty()) {
            return;
        }
        Map<Long, Integer> attempts = new HashMap<>();
        Map<LiveTrial, List<TrialStore.EpochValue>> drained = new HashMap<>();
        for (LiveTrial trial : running) {
            attempts.put(trial.trialId, trial.attempt);
            drained.put(trial, trial.drain());
        }
        List<TrialStore.Beat> beats;
        try {
            beats = QuarkusTransaction.requiringNew().call(() -> {
                store.writeEpochs(drained.values().stream().flatMap(List::stream).toList());
                return store.heartbeat(attempts);
            });
        } catch (RuntimeException e) {
            drained.forEach(LiveTrial::restore);
            throw e;
        }
        for (TrialStore.Beat beat : beats) {
            LiveTrial trial = worker.live().get(beat.trialId());
            if (trial == null) {
                continue;
            }
            if (!beat.owned()) {
                trial.stop(LiveTrial.Stop.LOST);
            } else if (beat.sweepState() == SweepState.CANCELLED) {
                trial.stop(LiveTrial.Stop.CANCELLED);
            }
        }
    }

    void supervise() {
        double timeout = config.scheduling().heartbeatTimeout().toMillis() / 1000.0;
        QuarkusTransaction.requiringNew().run(() -> {
            for (TrialStore.Queued stale : store.requeueStale(timeout, limits.trials().maxNodeLosses())) {
                LOG.infof("trial %d had no heartbeat for %.0f s; queued again as attempt %d", stale.trialId(), timeout, stale.attempt());
                scheduler.schedule(stale, java.time.Duration.ZERO);
            }
        });
        List<Long> sweeps = QuarkusTransaction.requiringNew().call(store::sweepsNeedingDispatch);
        for (long sweep : sweeps) {
            scheduler.dispatch(sweep);
        }
        for (long sweep : QuarkusTransaction.requiringNew().call(store::racesDue)) {
            racer.round(sweep);
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // The next round tries again; a scheduled task that throws would never run again.
                LOG.warn("supervision round failed: " + e, e);
            }
        };
    }
}
