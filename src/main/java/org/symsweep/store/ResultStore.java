package org.symsweep.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.symsweep.sweep.TrialState;

/**
 * What the API and the dashboard read of results: pages of trials, a trial with its epochs, and per
 * configuration aggregates over seeds. Aggregates are computed by the database (one GROUP BY over the
 * sweep's succeeded trials), never by loading every trial.
 */
@ApplicationScoped
@Transactional
public class ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;

    public ResultStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Which trials of a sweep a page shows; empty parts do not filter. */
    public record TrialFilter(Optional<TrialState> state, Optional<String> variant, Map<String, JsonNode> params) {
    }

    public record TrialRow(long id, long sweepId, String variant, JsonNode params, JsonNode condition, long seed, TrialState state,
                           int attempt, int failures, String node, String device, Double objective, OffsetDateTime queuedAt,
                           OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime heartbeatAt, String error) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    /** Aggregates of one (variant, configuration, condition) over its succeeded seeds. */
    public record ConfigAggregate(String variant, String paramsHash, JsonNode params, String conditionHash, JsonNode condition,
                                  long n, double mean, double sd, double min, double max) {
    }

    public record Epoch(int epoch, Map<String, Double> metrics) {
    }

    public record Transition(int attempt, String from, String to, OffsetDateTime at, String node, String note) {
    }

    private static final String TRIAL_COLUMNS = "id, sweep_id, variant, params::text, condition::text, seed, state, attempt, failures,"
            + " node, device, objective, queued_at, started_at, finished_at, heartbeat_at, error";

    public Page<TrialRow> trials(long sweepId, TrialFilter filter, int page, int size) {
        return work(connection -> {
            StringBuilder where = new StringBuilder(" from trial where sweep_id = ?");
            List<Object> args = new ArrayList<>(List.of(sweepId));
            filter.state().ifPresent(s -> {
                where.append(" and state = ?");
                args.add(s.name());
            });
            filter.variant().ifPresent(v -> {
                where.append(" and variant = ?");
                args.add(v);
            });
            if (!filter.params().isEmpty()) {
                // Containment compares numbers as numbers: 0.5 matches a stored 0.50.
                where.append(" and params @> ?::jsonb");
                args.add(JSON.valueToTree(filter.params()).toString());
            }
            long total;
            try (PreparedStatement count = connection.prepareStatement("select count(*)" + where)) {
                bind(count, args);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            // The page's ids come from the (sweep, id) index alone; only those rows are read in full.
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(size);
            pageArgs.add((long) page * size);
            List<TrialRow> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("select " + TRIAL_COLUMNS
                    + " from trial where id in (select id" + where + " order by id limit ? offset ?) order by id")) {
                bind(select, pageArgs);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(trialRow(rs));
                    }
                }
            }
            return new Page<>(rows, total);
        });
    }

    public Optional<TrialRow> trial(long trialId) {
        return work(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select " + TRIAL_COLUMNS + " from trial where id = ?")) {
                select.setLong(1, trialId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(trialRow(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The per-epoch metrics one attempt wrote, in epoch order. */
    public List<Epoch> epochs(long trialId, int attempt) {
        return work(connection -> {
            Map<Integer, Map<String, Double>> byEpoch = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select epoch, name, value from epoch_metric where trial_id = ? and attempt = ? order by epoch, name")) {
                select.setLong(1, trialId);
                select.setInt(2, attempt);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byEpoch.computeIfAbsent(rs.getInt(1), e -> new LinkedHashMap<>()).put(rs.getString(2), rs.getDouble(3));
                    }
                }
            }
            List<Epoch> epochs = new ArrayList<>();
            byEpoch.forEach((epoch, metrics) -> epochs.add(new Epoch(epoch, metrics)));
            return epochs;
        });
    }

    public Map<String, Double> finalMetrics(long trialId) {
        return work(connection -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select name, value from final_metric where trial_id = ? order by name")) {
                select.setLong(1, trialId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        metrics.put(rs.getString(1), rs.getDouble(2));
                    }
                }
            }
            return metrics;
        });
    }

    public List<Transition> transitions(long trialId) {
        return work(connection -> {
            List<Transition> history = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select attempt, from_state, to_state, at, node, note from trial_transition where trial_id = ? order by id")) {
                select.setLong(1, trialId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        history.add(new Transition(rs.getInt(1), rs.getString(2), rs.getString(3), time(rs, 4), rs.getString(5),
                                rs.getString(6)));
                    }
                }
            }
            return history;
        });
    }

    /**
     * How the summary is ordered: by mean (best first for the objective's direction), or grouped by variant
     * and then condition, best first within each.
     */
    public enum SummaryOrder {
        BEST,
        VARIANT
    }

    /**
     * Aggregates per (variant, configuration, condition) over the sweep's succeeded trials, one page of them.
     * {@code maximize} says which mean is best.
     */
    public Page<ConfigAggregate> summary(long sweepId, SummaryOrder order, boolean maximize, int page, int size) {
        return work(connection -> {
            String orderBy = switch (order) {
                case BEST -> "mean " + (maximize ? "desc" : "asc") + ", variant, params_hash, condition_hash";
                case VARIANT -> "variant, condition_hash, mean " + (maximize ? "desc" : "asc") + ", params_hash";
            };
            // Aggregates come from the covering index of succeeded trials; parameters and condition are read
            // for the page's rows only, from one trial of each.
            try (PreparedStatement select = connection.prepareStatement(
                    "with groups as (select variant, params_hash, condition_hash, count(*) as n, avg(objective) as mean,"
                            + "   stddev_samp(objective) as sd, min(objective) as low, max(objective) as high"
                            + "   from trial where sweep_id = ? and state = 'SUCCEEDED' and objective is not null"
                            + "   group by variant, params_hash, condition_hash),"
                            + " page as (select groups.*, count(*) over () as total from groups order by " + orderBy + " limit ? offset ?)"
                            + " select page.variant, page.params_hash, one.params::text, page.condition_hash, one.condition::text,"
                            + "   page.n, page.mean, page.sd, page.low, page.high, page.total"
                            + " from page cross join lateral (select params, condition from trial t where t.sweep_id = ?"
                            + "   and t.variant = page.variant and t.params_hash = page.params_hash"
                            + "   and t.condition_hash = page.condition_hash and t.state = 'SUCCEEDED' limit 1) one"
                            + " order by " + orderBy.replace("mean", "page.mean").replace("variant", "page.variant")
                            .replace("params_hash", "page.params_hash").replace("condition_hash", "page.condition_hash"))) {
                select.setLong(1, sweepId);
                select.setInt(2, size);
                select.setLong(3, (long) page * size);
                select.setLong(4, sweepId);
                List<ConfigAggregate> rows = new ArrayList<>();
                long total = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        double sd = rs.getDouble(8);
                        rows.add(new ConfigAggregate(rs.getString(1), rs.getString(2), json(rs.getString(3)), rs.getString(4),
                                json(rs.getString(5)), rs.getLong(6), rs.getDouble(7), rs.wasNull() ? Double.NaN : sd,
                                rs.getDouble(9), rs.getDouble(10)));
                        total = rs.getLong(11);
                    }
                }
                if (rows.isEmpty() && page > 0) {
                    total = groupCount(connection, sweepId);
                }
                return new Page<>(rows, total);
            }
        });
    }

    private static long groupCount(Connection connection, long sweepId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("select count(*) from (select 1 from trial where sweep_id = ?"
                + " and state = 'SUCCEEDED' and objective is not null group by variant, params_hash, condition_hash) g")) {
            count.setLong(1, sweepId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The succeeded objectives of the given (variant, params hash, condition hash) groups of a sweep, each as an
     * array in seed order: what a page of the summary needs for its bootstrap intervals, and no more.
     */
    public Map<String, double[]> seedValues(long sweepId, List<ConfigAggregate> groups) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        return work(connection -> {
            Map<String, List<Double>> values = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select t.variant, t.params_hash, t.condition_hash, t.objective from trial t"
                            + " join unnest(?::text[], ?::text[], ?::text[]) as g(variant, params_hash, condition_hash)"
                            + " on t.variant = g.variant and t.params_hash = g.params_hash and t.condition_hash = g.condition_hash"
                            + " where t.sweep_id = ? and t.state = 'SUCCEEDED' and t.objective is not null order by t.seed")) {
                select.setArray(1, connection.createArrayOf("text", groups.stream().map(ConfigAggregate::variant).toArray()));
                select.setArray(2, connection.createArrayOf("text", groups.stream().map(ConfigAggregate::paramsHash).toArray()));
                select.setArray(3, connection.createArrayOf("text", groups.stream().map(ConfigAggregate::conditionHash).toArray()));
                select.setLong(4, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(groupKey(rs.getString(1), rs.getString(2), rs.getString(3)), k -> new ArrayList<>())
                                .add(rs.getDouble(4));
                    }
                }
            }
            Map<String, double[]> arrays = new LinkedHashMap<>();
            values.forEach((key, list) -> arrays.put(key, list.stream().mapToDouble(Double::doubleValue).toArray()));
            return arrays;
        });
    }

    public static String groupKey(String variant, String paramsHash, String conditionHash) {
        return variant + "|" + paramsHash + "|" + conditionHash;
    }

    /** One configuration's learning curve: per epoch, the metric's mean and sd over the {@code n} seeds that reached it. */
    public record Curve(String variant, String paramsHash, JsonNode params, JsonNode condition, List<Point> points) {
    }

    public record Point(int epoch, double mean, double sd, long n) {
    }

    /**
     * Learning curves of a metric averaged over seeds, per (variant, configuration, condition), from the latest
     * attempt of each trial. At most {@code limit} configurations, the
     * first in plan order.
     */
    public List<Curve> curves(long sweepId, String metric, int limit) {
        return curves(sweepId, metric, limit, CurveOrder.PLAN);
    }

    /** Which configurations' curves come first: in plan order, or by mean objective, best first (maximized or minimized). */
    public enum CurveOrder { PLAN, BEST_MAX, BEST_MIN }

    public List<Curve> curves(long sweepId, String metric, int limit, CurveOrder order) {
        String rank = switch (order) {
            case PLAN -> "min(id)";
            case BEST_MAX -> "avg(objective) desc nulls last, min(id)";
            case BEST_MIN -> "avg(objective) asc nulls last, min(id)";
        };
        return work(connection -> {
            Map<String, Curve> curves = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "with groups as (select variant, params_hash, condition_hash, min(id) as first, row_number() over (order by " + rank + ") as rank"
                            + "   from trial where sweep_id = ? group by variant, params_hash, condition_hash order by " + rank + " limit ?)"
                            + " select g.variant, g.params_hash, g.condition_hash, m.epoch, avg(m.value), coalesce(stddev_samp(m.value), 0), count(*),"
                            + "   (select params::text from trial where id = g.first), (select condition::text from trial where id = g.first)"
                            + " from groups g join trial t on t.sweep_id = ? and t.variant = g.variant and t.params_hash = g.params_hash"
                            + "   and t.condition_hash = g.condition_hash"
                            + " join epoch_metric m on m.trial_id = t.id and m.attempt = t.attempt and m.name = ?"
                            + " group by g.variant, g.params_hash, g.condition_hash, g.first, g.rank, m.epoch order by g.rank, m.epoch")) {
                select.setLong(1, sweepId);
                select.setInt(2, limit);
                select.setLong(3, sweepId);
                select.setString(4, metric);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String key = groupKey(rs.getString(1), rs.getString(2), rs.getString(3));
                        Curve curve = curves.get(key);
                        if (curve == null) {
                            curve = new Curve(rs.getString(1), rs.getString(2), json(rs.getString(8)), json(rs.getString(9)), new ArrayList<>());
                            curves.put(key, curve);
                        }
                        curve.points().add(new Point(rs.getInt(4), rs.getDouble(5), rs.getDouble(6), rs.getLong(7)));
                    }
                }
            }
            return new ArrayList<>(curves.values());
        });
    }

    /** Every succeeded trial's objective by (variant, configuration, condition) and seed, with the parameters and condition. */
    public List<org.symsweep.stats.ConfigResult> configResults(long sweepId) {
        return work(connection -> {
            Map<String, Map<Long, Double>> bySeed = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select variant, params_hash, condition_hash, seed, objective from trial"
                            + " where sweep_id = ? and state = 'SUCCEEDED' and objective is not null")) {
                select.setLong(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        bySeed.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), k -> new LinkedHashMap<>())
                                .put(rs.getLong(4), rs.getDouble(5));
                    }
                }
            }
            List<org.symsweep.stats.ConfigResult> results = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select distinct on (variant, params_hash, condition_hash) variant, params_hash, condition_hash, params::text,"
                            + " condition::text from trial where sweep_id = ? and state = 'SUCCEEDED' and objective is not null"
                            + " order by variant, params_hash, condition_hash")) {
                select.setLong(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Map<Long, Double> seeds = bySeed.get(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                        if (seeds != null) {
                            results.add(new org.symsweep.stats.ConfigResult(rs.getString(1), rs.getString(2), map(rs.getString(4)),
                                    map(rs.getString(5)), seeds));
                        }
                    }
                }
            }
            return results;
        });
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse: " + json, e);
        }
    }

    private static TrialRow trialRow(ResultSet rs) throws SQLException {
        double objective = rs.getDouble(12);
        Double boxed = rs.wasNull() ? null : objective;
        return new TrialRow(rs.getLong(1), rs.getLong(2), rs.getString(3), json(rs.getString(4)), json(rs.getString(5)), rs.getLong(6),
                TrialState.valueOf(rs.getString(7)), rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getString(11), boxed,
                time(rs, 13), time(rs, 14), time(rs, 15), time(rs, 16), rs.getString(17));
    }

    private static OffsetDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse: " + text, e);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        Sql.bind(statement, args.toArray());
    }

    private <T> T work(TrialStore.SqlWork<T> work) {
        return TrialStore.run(dataSource, work);
    }
}
