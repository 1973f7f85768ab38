package org.symsweep.store;

import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.symsweep.sweep.SweepState;
import org.symsweep.sweep.TrialState;

/**
 * The run state of trials: queueing, claiming, heartbeats, metric writes and completion. Every change a
 * running attempt makes is guarded by its attempt number and the RUNNING state, so an attempt that lost its
 * trial (its node was presumed dead and the trial re-queued) can never write over the attempt that replaced
 * it, and a trial's result is counted once. Hot paths use plain SQL on the transaction's connection.
 *
 * <p>All methods join the caller's transaction ({@link Transactional.TxType#MANDATORY}): orchestration
 * decides the boundaries, because Quartz schedules its jobs in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TrialStore {
    private final AgroalDataSource dataSource;

    public TrialStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A trial handed to the scheduler: the attempt its job will start. */
    public record Queued(long trialId, int attempt) {
    }

    /** A claimed trial, as the worker needs it. */
    public record Claimed(long trialId, long sweepId, int attempt) {
    }

    /** One metric value of one epoch of one attempt. */
    public record EpochValue(long trialId, int attempt, int epoch, String name, double value) {
    }

    /** A failed attempt's consequence: the trial's new state and its failures so far. */
    public record Failure(TrialState state, int failures) {
    }

    /** What a heartbeat learned of a running attempt. */
    public record Beat(long trialId, boolean owned, SweepState sweepState) {
    }

    /**
     * Moves a running sweep's next PLANNED trials to QUEUED, as many as its parallel limit leaves room for,
     * in plan order. The sweep row is locked so that concurrent dispatches of one sweep cannot exceed the
     * limit together. A sweep with nothing left to run is marked SUCCEEDED (FAILED when one of its trials failed). With {@code batched}, a sweep
     * that still has trials queued is topped up only once a quarter of its limit is free: fewer, larger
     * dispatches when trials are short, and no difference for small limits.
     */
    public List<Queued> queueNext(long sweepId, boolean batched) {
        return work(connection -> {
            if (batched) {
                // A first look without the lock: most trial ends find the queue full enough and leave at once,
                // instead of queueing up behind each other on the sweep's row.
                Backlog look = backlog(connection, sweepId, false);
                if (look == null || (look.planned && look.active > 0 && look.room() < look.threshold())) {
                    return List.of();
                }
            }
            Backlog backlog = backlog(connection, sweepId, true);
            if (backlog == null) {
                return List.of();
            }
            if (!backlog.planned) {
                if (backlog.active == 0) {
                    finishSweep(connection, sweepId);
                }
                return List.of();
            }
            long room = backlog.room();
            if (room < (batched && backlog.active > 0 ? backlog.threshold() : 1)) {
                return List.of();
            }
            List<Queued> queued = new ArrayList<>();
            try (PreparedStatement update = connection.prepareStatement(
                    "update trial set state = 'QUEUED', queued_at = now() where id in ("
                            + " select id from trial where sweep_id = ? and state = 'PLANNED' order by id limit ?)"
                            + " returning id, attempt")) {
                update.setLong(1, sweepId);
                update.setLong(2, room);
                try (ResultSet rs = update.executeQuery()) {
                    while (rs.next()) {
                        queued.add(new Queued(rs.getLong(1), rs.getInt(2) + 1));
                    }
                }
            }
            transitions(connection, queued.stream().map(Queued::trialId).toList(), TrialState.PLANNED, TrialState.QUEUED, null, null);
            return queued;
        });
    }

    /** A running sweep's queue: its limit, its queued and running trials, and whether any is still planned. */
    private record Backlog(int maxParallel, long active, boolean planned) {
        long room() {
            return maxParallel - active;
        }

        long threshold() {
            return Math.max(1, maxParallel / 4);
        }
    }

    private static Backlog backlog(Connection connection, long sweepId, boolean lock) throws SQLException {
        int maxParallel;
        try (PreparedStatement select = connection.prepareStatement(
                "select max_parallel from sweep where id = ? and state = 'RUNNING'" + (lock ? " for update" : ""))) {
            select.setLong(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                maxParallel = rs.getInt(1);
            }
        }
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*), exists (select 1 from trial where sweep_id = ? and state = 'PLANNED')"
                        + " from trial where sweep_id = ? and state in ('QUEUED', 'RUNNING')")) {
            count.setLong(1, sweepId);
            count.setLong(2, sweepId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return new Backlog(maxParallel, rs.getLong(1), rs.getBoolean(2));
            }
        }
    }

    private static void finishSweep(Connection connection, long sweepId) throws SQLException {
        Sql.update(connection, "update sweep set state = case when exists (select 1 from trial where sweep_id = sweep.id and state = 'FAILED')"
                + " then 'FAILED' else 'SUCCEEDED' end, finished_at = now(), updated_at = now(), version = version + 1"
                + " where id = ? and state = 'RUNNING'", sweepId);
    }


    /**
     * Starts attempt {@code attempt} of a QUEUED trial on this node. Empty when the trial is no longer
     * waiting for that attempt (paused, cancelled, or already started by another job).
     */
    public Optional<Claimed> claim(long trialId, int attempt, String node, String device) {
        return work(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(
                    "update trial set state = 'RUNNING', attempt = ?, node = ?, device = ?, started_at = now(),"
                            + " heartbeat_at = now(), finished_at = null"
                            + " where id = ? and state = 'QUEUED' and attempt = ? returning sweep_id")) {
                claim.setInt(1, attempt);
                claim.setString(2, node);
                claim.setString(3, device);
                claim.setLong(4, trialId);
                claim.setInt(5, attempt - 1);
                try (ResultSet rs = claim.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Claimed claimed = new Claimed(trialId, rs.getLong(1), attempt);
                    transition(connection, trialId, attempt, TrialState.QUEUED, TrialState.RUNNING, node, device);
                    return Optional.of(claimed);
                }
            }
        });
    }

    /**
     * Takes over a trial whose attempt {@code attempt} was running on a node Quartz found dead: the trial
     * starts again as the next attempt here, or, when this was its {@code maxNodeLosses}-th lost node, is
     * FAILED with that reason (it may be what kills its nodes). Empty when the trial has moved on since or failed.
     */
    public Optional<Claimed> takeOver(long trialId, int attempt, String node, String device, int maxNodeLosses) {
        return work(connection -> {
            try (PreparedStatement take = connection.prepareStatement(
                    "update trial set node_losses = node_losses + 1,"
                            + " state = case when node_losses + 1 >= ? then 'FAILED' else state end,"
                            + " error = case when node_losses + 1 >= ? then ? else error end,"
                            + " finished_at = case when node_losses + 1 >= ? then now() end,"
                            + " attempt = case when node_losses + 1 >= ? then attempt else attempt + 1 end,"
                            + " node = ?, device = ?, started_at = now(), heartbeat_at = now()"
                            + " where id = ? and state = 'RUNNING' and attempt = ? returning sweep_id, state")) {
                String reason = lostTooOften(maxNodeLosses);
                take.setInt(1, maxNodeLosses);
                take.setInt(2, maxNodeLosses);
                take.setString(3, reason);
                take.setInt(4, maxNodeLosses);
                take.setInt(5, maxNodeLosses);
                take.setString(6, node);
                take.setString(7, device);
                take.setLong(8, trialId);
                take.setInt(9, attempt);
                try (ResultSet rs = take.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long sweepId = rs.getLong(1);
                    if (TrialState.valueOf(rs.getString(2)) == TrialState.FAILED) {
                        transition(connection, trialId, attempt, TrialState.RUNNING, TrialState.FAILED, node, reason);
                        return Optional.empty();
                    }
                    transition(connection, trialId, attempt + 1, TrialState.RUNNING, TrialState.RUNNING, node,
                            "recovered from a node that stopped");
                    return Optional.of(new Claimed(trialId, sweepId, attempt + 1));
                }
            }
        });
    }

    /** The error of a trial failed for losing its node too often: plain words, the count and the setting. */
    public static String lostTooOften(int maxNodeLosses) {
        return "the server running this trial stopped " + maxNodeLosses + (maxNodeLosses == 1 ? " time" : " times")
                + " while it ran; it is not started again, since it may be what stops the server"
                + " (symsweep.limits.trials.max-node-losses = " + maxNodeLosses + ")";
    }

    /** What a worker needs to run a trial, read without loading the sweep's (possibly large) spec. */
    public record ToRun(long sweepId, long sweepVersion, String variant, String paramsJson, String conditionJson, long seed) {
    }

    public Optional<ToRun> toRun(long trialId) {
        return work(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select t.sweep_id, s.version, t.variant, t.params::text, t.condition::text, t.seed"
                            + " from trial t join sweep s on s.id = t.sweep_id where t.id = ?")) {
                select.setLong(1, trialId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new ToRun(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)))
                            : Optional.empty();
                }
            }
        });
    }

    /** A sweep's stored spec document, as JSON text. */
    public String specJson(long sweepId) {
        return work(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select spec::text from sweep where id = ?")) {
                select.setLong(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("sweep " + sweepId + " is gone");
                    }
                    return rs.getString(1);
                }
            }
        });
    }

    /** Writes buffered epoch metrics; a row already written (same trial, attempt, epoch, name) is kept. */
    public void writeEpochs(Collection<EpochValue> values) {
        if (values.isEmpty()) {
            return;
        }
        work(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into epoch_metric (trial_id, attempt, epoch, name, value) values (?, ?, ?, ?, ?)"
                            + " on conflict do nothing")) {
                for (EpochValue v : values) {
                    insert.setLong(1, v.trialId());
                    insert.setInt(2, v.attempt());
                    insert.setInt(3, v.epoch());
                    insert.setString(4, v.name());
                    insert.setDouble(5, v.value());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * Beats the heartbeat of running attempts (trial id to attempt) and reports, for each, whether it still
     * owns its trial and its sweep's state (a cancelled sweep stops its trials).
     */
    public List<Beat> heartbeat(Map<Long, Integer> attempts) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        return work(connection -> {
            Long[] ids = attempts.keySet().toArray(Long[]::new);
            Integer[] numbers = attempts.keySet().stream().map(attempts::get).toArray(Integer[]::new);
            Map<Long, SweepState> owned = new HashMap<>();
            try (PreparedStatement beat = connection.prepareStatement(
                    "update trial t set heartbeat_at = now() from unnest(?::bigint[], ?::int[]) as a(id, attempt), sweep s"
                            + " where t.id = a.id and t.attempt = a.attempt and t.state = 'RUNNING' and s.id = t.sweep_id"
                            + " returning t.id, s.state")) {
                beat.setArray(1, connection.createArrayOf("bigint", ids));
                beat.setArray(2, connection.createArrayOf("integer", numbers));
                try (ResultSet rs = beat.executeQuery()) {
                    while (rs.next()) {
                        owned.put(rs.getLong(1), SweepState.valueOf(rs.getString(2)));
                    }
                }
            }
            List<Beat> beats = new ArrayList<>();
            for (Long id : ids) {
                beats.add(new Beat(id, owned.containsKey(id), owned.get(id)));
            }
            return beats;
        });
    }

    /**
     * Ends a running attempt with its result: state, objective, final metrics and error, all or nothing.
     * False when the attempt no longer owns the trial; then nothing is written.
     */
    public boolean finish(long trialId, int attempt, TrialState state, Double objective, Map<String, Double> finalMetrics,
                          String error, String node) {
        return work(connection -> {
            try (PreparedStatement end = connection.prepareStatement(
                    "update trial set state = ?, objective = ?, error = ?, finished_at = now()"
                            + " where id = ? and attempt = ? and state = 'RUNNING'")) {
                end.setString(1, state.name());
                if (objective == null || !Double.isFinite(objective)) {
                    end.setNull(2, java.sql.Types.DOUBLE);
                } else {
                    end.setDouble(2, objective);
                }
                end.setString(3, error);
                end.setLong(4, trialId);
                end.setInt(5, attempt);
                if (end.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement clear = connection.prepareStatement("delete from final_metric where trial_id = ?")) {
                clear.setLong(1, trialId);
                clear.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into final_metric (trial_id, name, value) values (?, ?, ?)")) {
                for (Map.Entry<String, Double> metric : finalMetrics.entrySet()) {
                    if (Double.isFinite(metric.getValue())) {
                        insert.setLong(1, trialId);
                        insert.setString(2, metric.getKey());
                        insert.setDouble(3, metric.getValue());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            transition(connection, trialId, attempt, TrialState.RUNNING, state, node, error);
            return true;
        });
    }

    /**
     * Records a failed attempt: the trial is queued again while its failures stay within the sweep's retry
     * limit (and the sweep still runs), else it is FAILED with the reason. Returns the new state, or empty
     * when the attempt no longer owns the trial.
     */
    public Optional<Failure> fail(long trialId, int attempt, String reason, String node) {
        return work(connection -> {
            try (PreparedStatement fail = connection.prepareStatement(
                    "update trial t set failures = t.failures + 1, error = ?,"
                            + " state = case when s.state = 'CANCELLED' then 'CANCELLED'"
                            + "              when t.failures + 1 > s.retries then 'FAILED'"
                            + "              when s.state = 'PAUSED' then 'PLANNED' else 'QUEUED' end,"
                            + " queued_at = now(),"
                            + " finished_at = case when s.state = 'CANCELLED' or t.failures + 1 > s.retries then now() end"
                            + " from sweep s where s.id = t.sweep_id and t.id = ? and t.attempt = ? and t.state = 'RUNNING'"
                            + " returning t.state, t.failures")) {
                fail.setString(1, reason);
                fail.setLong(2, trialId);
                fail.setInt(3, attempt);
                try (ResultSet rs = fail.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    TrialState state = TrialState.valueOf(rs.getString(1));
                    transition(connection, trialId, attempt, TrialState.RUNNING, state, node, reason);
                    return Optional.of(new Failure(state, rs.getInt(2)));
                }
            }
        });
    }

    /**
     * Gives a running attempt's trial back to the queue without counting a failure (its node is shutting
     * down). Returns the attempt to start next, or empty when the attempt no longer owns the trial.
     */
    public Optional<Queued> release(long trialId, int attempt, String node) {
        return work(connection -> {
            try (PreparedStatement release = connection.prepareStatement(
                    "update trial t set state = case s.state when 'RUNNING' then 'QUEUED' when 'PAUSED' then 'PLANNED' else 'CANCELLED' end,"
                            + " queued_at = now(), node = null"
                            + " from sweep s where s.id = t.sweep_id and t.id = ? and t.attempt = ? and t.state = 'RUNNING'"
                            + " returning t.state")) {
                release.setLong(1, trialId);
                release.setInt(2, attempt);
                try (ResultSet rs = release.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    TrialState to = TrialState.valueOf(rs.getString(1));
                    transition(connection, trialId, attempt, TrialState.RUNNING, to, node, "node shutting down");
                    return to == TrialState.QUEUED ? Optional.of(new Queued(trialId, attempt + 1)) : Optional.empty();
                }
            }
        });
    }

    /** Whether a running attempt should go on: it still owns its trial and the sweep is not cancelled. */
    public boolean wanted(long trialId, int attempt) {
        return work(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select 1 from trial t join sweep s on s.id = t.sweep_id"
                            + " where t.id = ? and t.attempt = ? and t.state = 'RUNNING' and s.state <> 'CANCELLED'")) {
                select.setLong(1, trialId);
                select.setInt(2, attempt);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Re-queues running trials whose heartbeat is older than {@code timeoutSeconds} by the database's clock
     * (their node stopped without Quartz noticing yet, or hangs). Trials of paused sweeps go back to
     * PLANNED, of cancelled sweeps to CANCELLED; a trial that has now lost its node {@code maxNodeLosses}
     * times is FAILED with that reason, whatever its retries. Returns the re-queued ones with the attempt to start next.
     */
    public List<Queued> requeueStale(double timeoutSeconds, int maxNodeLosses) {
        return work(connection -> {
            List<Queued> queued = new ArrayList<>();
            String reason = lostTooOften(maxNodeLosses);
            try (PreparedStatement stale = connection.prepareStatement(
                    "update trial t set node_losses = t.node_losses + 1,"
                            + " state = case when s.state = 'CANCELLED' then 'CANCELLED' when t.node_losses + 1 >= ? then 'FAILED'"
                            + "              when s.state = 'PAUSED' then 'PLANNED' else 'QUEUED' end,"
                            + " error = case when s.state <> 'CANCELLED' and t.node_losses + 1 >= ? then ? else t.error end,"
                            + " queued_at = now(), node = null,"
                            + " finished_at = case when s.state = 'CANCELLED' or t.node_losses + 1 >= ? then now() end"
                            + " from sweep s where s.id = t.sweep_id and t.state = 'RUNNING'"
                            + " and t.heartbeat_at < now() - make_interval(secs => ?)"
                            + " returning t.id, t.attempt, t.state")) {
                stale.setInt(1, maxNodeLosses);
                stale.setInt(2, maxNodeLosses);
                stale.setString(3, reason);
                stale.setInt(4, maxNodeLosses);
                stale.setDouble(5, timeoutSeconds);
                try (ResultSet rs = stale.executeQuery()) {
                    while (rs.next()) {
                        TrialState to = TrialState.valueOf(rs.getString(3));
                        transition(connection, rs.getLong(1), rs.getInt(2), TrialState.RUNNING, to, null,
                                to == TrialState.FAILED ? reason : "heartbeat older than " + timeoutSeconds + " s");
                        if (to == TrialState.QUEUED) {
                            queued.add(new Queued(rs.getLong(1), rs.getInt(2) + 1));
                        }
                    }
                }
            }
            return queued;
        });
    }

    /** Running sweeps that have planned trials and room under their parallel limit, or nothing left to run. */
    public List<Long> sweepsNeedingDispatch() {
        return work(connection -> Sql.longs(connection,
                "select s.id from sweep s where s.state = 'RUNNING' and ("
                        + " (select count(*) from trial t where t.sweep_id = s.id and t.state in ('QUEUED', 'RUNNING')) < s.max_parallel"
                        + " and exists (select 1 from trial t where t.sweep_id = s.id and t.state = 'PLANNED')"
                        + " or not exists (select 1 from trial t where t.sweep_id = s.id and t.state in ('PLANNED', 'QUEUED', 'RUNNING')))"));
    }


    /**
     * The values of {@code metric} that the current attempts of a group's trials (same sweep, variant and
     * condition) reported at {@code epoch}: the evidence successive halving judges a trial by.
     */
    public List<Double> valuesAtEpoch(long trialId, int epoch, String metric) {
        return work(connection -> {
            List<Double> values = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select m.value from trial me join trial t on t.sweep_id = me.sweep_id and t.variant = me.variant"
                            + " and t.condition_hash = me.condition_hash"
                            + " join epoch_metric m on m.trial_id = t.id and m.attempt = t.attempt and m.epoch = ? and m.name = ?"
                            + " where me.id = ?")) {
                select.setInt(1, epoch);
                select.setString(2, metric);
                select.setLong(3, trialId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        values.add(rs.getDouble(1));
                    }
                }
            }
            return values;
        });
    }

    /**
     * Pauses a running sweep: no new trial starts, running ones finish, queued ones go back to PLANNED.
     * Returns the un-queued trials (their scheduled jobs are obsolete), or empty when the sweep was not running.
     */
    public Optional<List<Queued>> pause(long sweepId) {
        return work(connection -> {
            if (!setSweepState(connection, sweepId, "'RUNNING'", SweepState.PAUSED, false)) {
                return Optional.empty();
            }
            return Optional.of(moveTrials(connection, sweepId, List.of(TrialState.QUEUED), TrialState.PLANNED, "sweep paused"));
        });
    }

    /** Resumes a paused sweep; false when it was not paused. */
    public boolean resume(long sweepId) {
        return work(connection -> setSweepState(connection, sweepId, "'PAUSED'", SweepState.RUNNING, false));
    }

    /**
     * Cancels a running or paused sweep: its planned and queued trials are CANCELLED now, its running trials
     * stop at their next epoch. Returns the trials that were queued, or empty when the sweep had ended.
     */
    public Optional<List<Queued>> cancel(long sweepId) {
        return work(connection -> {
            if (!setSweepState(connection, sweepId, "'RUNNING', 'PAUSED'", SweepState.CANCELLED, true)) {
                return Optional.empty();
            }
            return Optional.of(moveTrials(connection, sweepId, List.of(TrialState.PLANNED, TrialState.QUEUED), TrialState.CANCELLED,
                    "sweep cancelled"));
        });
    }

    /**
     * Plans a sweep's FAILED trials again, with their retry count reset; their earlier attempts' metrics stay.
     * An ended sweep runs again. Returns how many trials were re-planned.
     */
    public int rerunFailed(long sweepId) {
        return work(connection -> {
            List<Queued> again = moveTrials(connection, sweepId, List.of(TrialState.FAILED), TrialState.PLANNED, "re-run requested");
            if (!again.isEmpty()) {
                reopen(connection, sweepId);
            }
            return again.size();
        });
    }

    /** Makes an ended sweep run again (new trials were added, or failed ones re-planned); a paused one stays paused. */
    static void reopen(Connection connection, long sweepId) throws SQLException {
        Sql.update(connection, "update sweep set state = case when state = 'PAUSED' then 'PAUSED' else 'RUNNING' end, finished_at = null,"
                + " updated_at = now(), version = version + 1 where id = ?", sweepId);
    }


    private static boolean setSweepState(Connection connection, long sweepId, String fromStates, SweepState to, boolean ends)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update sweep set state = ?, updated_at = now(), version = version + 1"
                        + (ends ? ", finished_at = now()" : "") + " where id = ? and state in (" + fromStates + ")")) {
            update.setString(1, to.name());
            update.setLong(2, sweepId);
            return update.executeUpdate() == 1;
        }
    }

    private static List<Queued> moveTrials(Connection connection, long sweepId, List<TrialState> from, TrialState to, String note)
            throws SQLException {
        List<Queued> moved = new ArrayList<>();
        String states = String.join(", ", from.stream().map(s -> "'" + s.name() + "'").toList());
        try (PreparedStatement update = connection.prepareStatement(
                "update trial set state = ?, queued_at = null,"
                        + (to == TrialState.PLANNED ? " failures = case when state = 'FAILED' then 0 else failures end,"
                        + " node_losses = case when state = 'FAILED' then 0 else node_losses end, finished_at = null"
                        : " finished_at = now()")
                        + " where sweep_id = ? and state in (" + states + ") returning id, attempt")) {
            update.setString(1, to.name());
            update.setLong(2, sweepId);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    moved.add(new Queued(rs.getLong(1), rs.getInt(2) + 1));
                }
            }
        }
        transitions(connection, moved.stream().map(Queued::trialId).toList(), null, to, null, note);
        return moved;
    }

    /** One metric of one epoch of one attempt, if it was written. */
    public Optional<Double> valueAt(long trialId, int attempt, int epoch, String metric) {
        return work(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select value from epoch_metric where trial_id = ? and attempt = ? and epoch = ? and name = ?")) {
                select.setLong(1, trialId);
                select.setInt(2, attempt);
                select.setInt(3, epoch);
                select.setString(4, metric);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getDouble(1)) : Optional.empty();
                }
            }
        });
    }

    /** The race settings of a sweep due for its next round, locked; empty when none is due. */
    public record Race(long sweepId, int seedsPerRound, int budget, double confidence, String specJson) {
    }

    /** Sets (or replaces) a sweep's race; false when the sweep is unknown or cancelled. */
    public boolean startRace(long sweepId, int seedsPerRound, int budget, double confidence) {
        return work(connection -> Sql.update(connection,
                "update sweep set race_seeds_per_round = ?, race_budget = ?, race_confidence = ?, updated_at = now(),"
                        + " version = version + 1 where id = ? and state <> 'CANCELLED'",
                seedsPerRound, budget, confidence, sweepId) == 1);
    }


    /** Sweeps whose trials have all ended and whose race has budget left. */
    public List<Long> racesDue() {
        return work(connection -> Sql.longs(connection, "select id from sweep where state in ('SUCCEEDED', 'FAILED') and race_budget > 0"));
    }


    /** Locks a sweep due for a race round (two nodes must not both plan it). */
    public Optional<Race> lockRace(long sweepId) {
        return work(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select race_seeds_per_round, race_budget, race_confidence, spec::text from sweep"
                            + " where id = ? and state in ('SUCCEEDED', 'FAILED') and race_budget > 0 for update")) {
                select.setLong(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Race(sweepId, rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getString(4)))
                            : Optional.empty();
                }
            }
        });
    }

    /** Every seed any trial of the sweep uses. */
    public java.util.Set<Long> seeds(long sweepId) {
        return work(connection -> new java.util.HashSet<>(Sql.longs(connection, "select distinct seed from trial where sweep_id = ?", sweepId)));
    }


    /**
     * Plans one more seed of a configuration that already has trials (same variant, parameters and condition);
     * returns whether a trial was added (false when that seed exists already).
     */
    public boolean planSeed(long sweepId, String variant, String paramsHash, String conditionJson, long seed) {
        return work(connection -> Sql.update(connection,
                "insert into trial (sweep_id, variant, params, params_hash, condition, condition_hash, seed, state)"
                        + " select sweep_id, variant, params, params_hash, condition, condition_hash, ?, 'PLANNED' from trial"
                        + " where sweep_id = ? and variant = ? and params_hash = ? and condition = ?::jsonb limit 1"
                        + " on conflict do nothing",
                seed, sweepId, variant, paramsHash, conditionJson) == 1);
    }


    /** Records a race round: the budget left, and the sweep running again when the round added trials. */
    public void endRaceRound(long sweepId, int budgetLeft, boolean added) {
        work(connection -> Sql.update(connection,
                "update sweep set race_budget = ?, race_rounds = race_rounds + case when ? then 1 else 0 end,"
                        + " state = case when ? then 'RUNNING' else state end, finished_at = case when ? then null else finished_at end,"
                        + " updated_at = now(), version = version + 1 where id = ?",
                budgetLeft, added, added, added, sweepId));
    }


    private static void transition(Connection connection, long trialId, int attempt, TrialState from, TrialState to,
                                   String node, String note) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into trial_transition (trial_id, attempt, from_state, to_state, node, note) values (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, trialId);
            insert.setInt(2, attempt);
            insert.setString(3, from == null ? null : from.name());
            insert.setString(4, to.name());
            insert.setString(5, node);
            insert.setString(6, note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note);
            insert.executeUpdate();
        }
    }

    private static void transitions(Connection connection, List<Long> trialIds, TrialState from, TrialState to, String node,
                                    String note) throws SQLException {
        if (trialIds.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into trial_transition (trial_id, attempt, from_state, to_state, node, note)"
                        + " select t.id, t.attempt, ?, ?, ?, ? from trial t where t.id = any(?)")) {
            insert.setString(1, from == null ? null : from.name());
            insert.setString(2, to.name());
            insert.setString(3, node);
            insert.setString(4, note);
            insert.setArray(5, connection.createArrayOf("bigint", trialIds.toArray(Long[]::new)));
            insert.executeUpdate();
        }
    }

    /**
     * Runs plain SQL on the current transaction's connection (the data source enlists it in the JTA
     * transaction; closing it hands it back to the transaction, which commits or rolls back).
     */
    <T> T work(SqlWork<T> work) {
        return run(dataSource, work);
    }

    static <T> T run(AgroalDataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
