package org.symsweep.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.symsweep.access.Caller;
import org.symsweep.orchestration.LimitExceeded;
import org.symsweep.orchestration.LimitsConfig;
import org.symsweep.store.SweepStore;

/**
 * Live progress of sweeps as server-sent events. One database read per watched sweep per interval, however
 * many clients watch it: the first watcher starts the sweep's poll, the last one to leave stops it, and every
 * watcher gets the latest view (a slow client skips views rather than queueing them). Streams are limited
 * per caller (account, or the sweep of a share link) and per node; beyond either the caller gets 429 with
 * Retry-After before any stream opens.
 */
@ApplicationScoped
public class SweepEvents {
    private static final Logger LOG = Logger.getLogger(SweepEvents.class);
    private static final int RETRY_AFTER_SECONDS = 10;

    private final SweepStore store;
    private final LimitsConfig.Streams limits;
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final Map<String, Integer> perCaller = new ConcurrentHashMap<>();
    private int open;
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "symsweep-sweep-events");
        thread.setDaemon(true);
        return thread;
    });

    public SweepEvents(SweepStore store, LimitsConfig limits) {
        this.store = store;
        this.limits = limits.streams();
    }

    void stop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
    }

    /** The stream of sweep {@code id}'s views for {@code caller}; throws 429 (LimitExceeded) when over a limit. */
    static final java.time.Duration MAX_LIFETIME = java.time.Duration.ofMinutes(10);

    public Multi<SweepView> watch(long id, Caller caller) {
        String key = callerKey(caller);
        reserve(key);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                unreserve(key);
            }
        };
        return Multi.createFrom().<SweepView>emitter(emitter -> {
            emitter.onTermination(() -> {
                leave(id, emitter);
                release.run();
            });
            join(id, emitter);
        }, BackPressureStrategy.LATEST)
                // Access was decided when the stream opened: a stream ends after a while, and the browser's
                // reconnect is decided again (a revoked link or a removed member stops seeing it).
                .select().first(MAX_LIFETIME)
                .onTermination().invoke(release);
    }

    /** How many streams are open on this node and how many sweeps are polled for them (for tests and benchmarks). */
    public synchronized int[] openAndPolled() {
        return new int[] {open, watches.size()};
    }

    private static String callerKey(Caller caller) {
        return caller.kind() == Caller.Kind.SHARE ? "share:" + caller.sharedSweepId() : "account:" + caller.accountId();
    }

    private synchronized void reserve(String key) {
        int mine = perCaller.getOrDefault(key, 0);
        if (mine >= limits.perCaller()) {
            throw LimitExceeded.busy("events", "you have " + mine + " event streams open, the most one caller may have"
                    + " (symsweep.limits.streams.per-caller); close one first", RETRY_AFTER_SECONDS);
        }
        if (open >= limits.total()) {
            throw LimitExceeded.busy("events", open + " event streams are open on this server, the most it serves"
                    + " (symsweep.limits.streams.total); try again later", RETRY_AFTER_SECONDS);
        }
        perCaller.put(key, mine + 1);
        open++;
    }

    private synchronized void unreserve(String key) {
        perCaller.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        open--;
    }

    private synchronized void join(long id, MultiEmitter<? super SweepView> emitter) {
        Watch watch = watches.computeIfAbsent(id, Watch::new);
        watch.emitters.add(emitter);
        if (watch.poll == null) {
            watch.poll = poller.scheduleWithFixedDelay(() -> poll(watch), 0, limits.interval().toMillis(), TimeUnit.MILLISECONDS);
        } else if (watch.latest != null) {
            emitter.emit(watch.latest);
        }
    }

    private synchronized void leave(long id, MultiEmitter<? super SweepView> emitter) {
        Watch watch = watches.get(id);
        if (watch != null && watch.emitters.remove(emitter) && watch.emitters.isEmpty()) {
            watch.poll.cancel(false);
            watches.remove(id);
        }
    }

    /** One read of the sweep for all its watchers; a view equal to the last one is not sent again. */
    private void poll(Watch watch) {
        Optional<SweepView> view;
        try {
            view = QuarkusTransaction.requiringNew().call(() -> store.find(watch.sweepId)
                    .map(sweep -> SweepView.of(sweep, store.trialCounts(watch.sweepId))));
        } catch (RuntimeException e) {
            LOG.warnf("reading sweep %d for its event streams failed: %s", watch.sweepId, e);
            return; // the next interval tries again
        }
        if (view.isEmpty()) {
            // The sweep was deleted: its streams end.
            watch.emitters.forEach(MultiEmitter::complete);
            return;
        }
        if (view.get().equals(watch.latest)) {
            return;
        }
        watch.latest = view.get();
        watch.emitters.forEach(emitter -> emitter.emit(view.get()));
    }

    private static final class Watch {
        final long sweepId;
        final Set<MultiEmitter<? super SweepView>> emitters = ConcurrentHashMap.newKeySet();
        volatile SweepView latest;
        ScheduledFuture<?> poll;

        Watch(long sweepId) {
            this.sweepId = sweepId;
        }
    }
}
