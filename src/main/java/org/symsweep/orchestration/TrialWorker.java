package org.symsweep.orchestration;

import ai.djl.Device;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.symsweep.datasets.SweepData;
import org.symsweep.ml.Variant;
import org.symsweep.ml.data.BenchmarkKind;
import org.symsweep.ml.data.FeatureFileException;
import org.symsweep.ml.train.EpochMetrics;
import org.symsweep.ml.train.Trainer;
import org.symsweep.ml.train.TrialListener;
import org.symsweep.ml.train.TrialResult;
import org.symsweep.ml.train.TrialSpec;
import org.symsweep.store.TrialStore;
import org.symsweep.sweep.SearchStrategy;
import org.symsweep.sweep.SuccessiveHalving;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.TrialSpecs;
import org.symsweep.sweep.TrialState;

/**
 * Runs one trial attempt on a worker slot: claims it, trains it while its metrics are buffered and its
 * heartbeat beats, ends it in one transaction guarded by the attempt, and lets the sweep queue its next
 * trial. A failure retries with back-off up to the sweep's limit; divergence fails at once.
 */
@ApplicationScoped
public class TrialWorker {
    private static final Logger LOG = Logger.getLogger(TrialWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often, at most, a trial asks the database whether it should go on (between its epochs). */
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final TrialStore store;
    private final TrialScheduler scheduler;
    private final Workers workers;
    private final WorkerConfig config;
    private final SweepData data;
    private final Map<Long, LiveTrial> live = new ConcurrentHashMap<>();
    private final SpecCache specs = new SpecCache();
    private volatile boolean engineThreadsSet;

    @jakarta.inject.Inject
    LimitsConfig limits;

    public TrialWorker(TrialStore store, TrialScheduler scheduler, Workers workers, WorkerConfig config, SweepData data) {
        this.store = store;
        this.data = data;
        this.scheduler = scheduler;
        this.workers = workers;
        this.config = config;
    }

    /** The attempts running on this node, for heartbeats and cancellation. */
    Map<Long, LiveTrial> live() {
        return live;
    }

    void run(long trialId, int attempt, boolean recovering) {
        Optional<WorkerSlots.Slot> slot;
        try {
            // Quartz has as many threads as there are slots, so a slot is normally free at once.
            slot = workers.slots().acquire(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (slot.isEmpty()) {
            // The trial stays QUEUED with its job gone; the supervisor's stale-queue check is not needed
            // because Quartz re-fires a job whose execution throws: ask it to.
            throw new IllegalStateException("no worker slot became free in 10 minutes for trial " + trialId);
        }
        try {
            String node = workers.node();
            String device = slot.get().device();
            // Claimed and read in one transaction; a trial that cannot be prepared is still claimed, then failed.
            Optional<Started> started = QuarkusTransaction.requiringNew().call(() -> {
                Optional<TrialStore.Claimed> taken = recovering ? store.takeOver(trialId, attempt, node, device, limits.trials().maxNodeLosses()) : Optional.empty();
                Optional<TrialStore.Claimed> claimed = taken.isPresent() ? taken : store.claim(trialId, attempt, node, device);
                return claimed.map(c -> {
                    try {
                        return new Started(c, plan(c.trialId()), null);
                    } catch (SweepData.Unavailable e) {
                        return new Started(c, null, e.getMessage());
                    } catch (RuntimeException e) {
                        return new Started(c, null, "the trial could not be prepared: " + describe(e));
                    }
                });
            });
            started.ifPresent(s -> execute(s, slot.get()));
        } finally {
            workers.slots().release(slot.get());
        }
    }

    /** A claimed attempt with what it runs, or why it cannot. */
    private record Started(TrialStore.Claimed claimed, Plan plan, String problem) {
    }

    private void execute(Started started, WorkerSlots.Slot slot) {
        TrialStore.Claimed claimed = started.claimed();
        LiveTrial trial = new LiveTrial(claimed.trialId(), claimed.sweepId(), claimed.attempt());
        live.put(trial.trialId, trial);
        try {
            Plan plan = started.plan();
            if (plan == null) {
                failed(trial, started.problem());
                return;
            }
            TrialResult result;
            try {
                if (plan.spec.benchmark().kind() != BenchmarkKind.NO_OP && !slot.onGpu()) {
                    useEngineThreads();
                }
                result = Trainer.run(plan.spec, new Listener(trial, plan), slot.onGpu() ? Device.gpu(slot.gpu()) : null);
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError vm && !(e instanceof OutOfMemoryError)) {
                    throw vm;
                }
                // The log (for administrators) names files and arrays; the trial's error, which the team reads, does not.
                LOG.warnf("trial %d attempt %d failed: %s", trial.trialId, trial.attempt, org.symsweep.sweep.PlainText.escape(String.valueOf(e)));
                failed(trial, describe(e));
                return;
            }
            ended(trial, plan, result);
        } finally {
            live.remove(trial.trialId);
            // Whatever the outcome, the slot is free: let the sweep queue its next trials.
            if (!trial.dispatched) {
                dispatchQuietly(trial.sweepId);
            }
        }
    }

    /** Everything a trial needs from its sweep, read once when it starts. */
    private record Plan(TrialSpec spec, SweepSpec sweep, List<Integer> rungs) {
    }

    private Plan plan(long trialId) {
        TrialStore.ToRun row = store.toRun(trialId).orElseThrow(() -> new IllegalStateException("trial " + trialId + " is gone"));
        // Its data are checked again at every start: a deleted dataset or a path no longer under a data root is refused.
        SweepSpec sweep = data.forTrial(specs.get(row.sweepId(), row.sweepVersion(), () -> json(store.specJson(row.sweepId()))));
        Variant variant = Variant.fromId(row.variant()).orElseThrow();
        TrialSpec spec = TrialSpecs.of(sweep, variant, map(row.paramsJson()), map(row.conditionJson()), row.seed());
        List<Integer> rungs = sweep.search().strategy() == SearchStrategy.SUCCESSIVE_HALVING
                ? SuccessiveHalving.rungs(sweep.search().minEpochs(), sweep.search().maxEpochs(), sweep.search().reductionFactor())
                : List.of();
        return new Plan(spec, sweep, rungs);
    }

    private void ended(LiveTrial trial, Plan plan, TrialResult result) {
        switch (result.outcome()) {
            case COMPLETED -> finish(trial, TrialState.SUCCEEDED, objective(plan, result), result.metrics(), null);
            case DIVERGED -> finish(trial, TrialState.FAILED, null, result.metrics(), "diverged: " + result.reason());
            case STOPPED -> {
                LiveTrial.Stop why = trial.stopReason();
                if (why == LiveTrial.Stop.PRUNED) {
                    finish(trial, TrialState.PRUNED, null, result.metrics(), null);
                } else if (why == LiveTrial.Stop.CANCELLED) {
                    finish(trial, TrialState.CANCELLED, null, result.metrics(), "sweep cancelled");
                } else if (why == LiveTrial.Stop.SHUTDOWN) {
                    QuarkusTransaction.requiringNew().run(() -> {
                        store.writeEpochs(trial.drain());
                        store.release(trial.trialId, trial.attempt, workers.node())
                                .ifPresent(next -> scheduler.schedule(next, java.time.Duration.ZERO));
                    });
                }
                // LOST: another node runs this trial now; this attempt writes nothing more.
            }
        }
    }

    private static Double objective(Plan plan, TrialResult result) {
        return result.metrics().get(plan.sweep.objective().metric());
    }

    private void finish(LiveTrial trial, TrialState state, Double objective, Map<String, Double> metrics, String error) {
        List<TrialStore.EpochValue> values = trial.drain();
        Runnable end = () -> {
            store.writeEpochs(values);
            if (!store.finish(trial.trialId, trial.attempt, state, objective, metrics, error, workers.node())) {
                LOG.infof("trial %d attempt %d ended but had been taken over; its result is not counted", trial.trialId, trial.attempt);
            }
        };
        try {
            // The result and the sweep's next trials in one commit: short trials spend most of their time committing.
            QuarkusTransaction.requiringNew().run(() -> {
                end.run();
                scheduler.dispatch(trial.sweepId, true);
            });
            trial.dispatched = true;
        } catch (RuntimeException e) {
            // Never let a dispatch problem cost a result: store the result on its own.
            LOG.warnf(e, "trial %d: storing the result with the next dispatch failed; storing it alone", trial.trialId);
            QuarkusTransaction.requiringNew().run(end);
        }
    }

    private void failed(LiveTrial trial, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            store.writeEpochs(trial.drain());
            store.fail(trial.trialId, trial.attempt, reason, workers.node()).ifPresent(failure -> {
                if (failure.state() == TrialState.QUEUED) {
                    WorkerConfig.Scheduling s = config.scheduling();
                    scheduler.schedule(new TrialStore.Queued(trial.trialId, trial.attempt + 1),
                            TrialScheduler.backoff(failure.failures(), s.retryBackoff(), s.maxRetryBackoff()));
                }
            });
        });
    }

    private void dispatchQuietly(long sweepId) {
        try {
            scheduler.dispatch(sweepId, true);
        } catch (RuntimeException e) {
            // The supervisor dispatches sweeps with room on its next round.
            LOG.warnf(e, "could not queue the next trials of sweep %d", sweepId);
        }
    }

    private synchronized void useEngineThreads() {
        if (!engineThreadsSet) {
            Trainer.useThreads(workers.slots().cpuThreads());
            engineThreadsSet = true;
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    private static Map<String, Object> map(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    /**
     * What a trial's error says to its users: a plain reason, never a Java class name or stack frame. Failures the
     * trial's own input explains (its data, its spec, memory) say so; anything else is an unexpected failure whose
     * details go to this node's log under a reference the message gives.
     */
    static String describe(Throwable e) {
        String text;
        if (e instanceof OutOfMemoryError) {
            text = "ran out of memory: the trial needs more than its slot has (lower rows, batch size or dimensions, or give the slot more memory)";
        } else if (e instanceof FeatureFileException data) {
            text = "the dataset's arrays could not be read: " + data.reason();
        } else if (e instanceof org.symsweep.sweep.InvalidSpecException invalid) {
            text = "the trial's settings are not valid: " + invalid.errors().stream()
                    .map(error -> (error.field() == null ? "" : error.field() + ": ") + error.message())
                    .collect(java.util.stream.Collectors.joining("; "));
        } else {
            String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
            LOG.warnf(e, "trial failure, reference %s", reference);
            text = "failed unexpectedly; the server log has the details under reference " + reference;
        }
        text = org.symsweep.sweep.PlainText.escape(text == null ? "failed" : text);
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** Buffers each epoch, judges successive-halving rungs, and tells the trainer when to stop. */
    private final class Listener implements TrialListener {
        private final LiveTrial trial;
        private final Plan plan;

        Listener(LiveTrial trial, Plan plan) {
            this.trial = trial;
            this.plan = plan;
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            trial.record(metrics);
            if (plan.rungs.contains(metrics.epoch())) {
                judgeRung(metrics.epoch());
            }
        }

        private void judgeRung(int epoch) {
            String metric = plan.sweep.objective().metric().equals("test_top1") ? "val_top1" : plan.sweep.objective().metric();
            boolean maximize = plan.sweep.objective().maximize();
            boolean promoted = QuarkusTransaction.requiringNew().call(() -> {
                store.writeEpochs(trial.drain());
                List<Double> values = store.valuesAtEpoch(trial.trialId, epoch, metric);
                Double own = values.isEmpty() ? null : ownValue(epoch, metric);
                return own == null || SuccessiveHalving.promotes(own, values, maximize, plan.sweep.search().reductionFactor());
            });
            if (!promoted) {
                trial.stop(LiveTrial.Stop.PRUNED);
            }
        }

        private Double ownValue(int epoch, String metric) {
            return store.valueAt(trial.trialId, trial.attempt, epoch, metric).orElse(null);
        }

        @Override
        public boolean stopRequested() {
            if (trial.stopReason() == null && System.nanoTime() - trial.lastChecked > STOP_CHECK_NANOS) {
                trial.lastChecked = System.nanoTime();
                boolean wanted;
                try {
                    wanted = QuarkusTransaction.requiringNew().call(() -> store.wanted(trial.trialId, trial.attempt));
                } catch (RuntimeException e) {
                    wanted = true; // a database hiccup is no reason to stop; the heartbeat will tell
                }
                if (!wanted) {
                    trial.stop(LiveTrial.Stop.CANCELLED);
                }
            }
            return trial.stopReason() != null;
        }
    }
}
