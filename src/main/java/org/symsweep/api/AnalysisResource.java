package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.Variant;
import org.symsweep.stats.PairedComparison;
import org.symsweep.stats.Robustness;
import org.symsweep.stats.Selection;
import org.symsweep.stats.SweepAnalysis;
import org.symsweep.access.Access;
import org.symsweep.access.Id;
import org.symsweep.store.ResultStore;
import org.symsweep.store.Sweep;
import org.symsweep.store.SweepStore;

/** Variance-aware answers about a sweep: the best configurations with their ties, and paired variant comparisons. */
@Path("/api/sweeps/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {
    private static final Map<String, String> NAMES = Map.of("clip", "CLIP", "symile", "Symile", "gated-symile", "Gated Symile");

    private final SweepStore sweeps;
    private final ResultStore results;
    private final Access access;

    public AnalysisResource(SweepStore sweeps, ResultStore results, Access access) {
        this.sweeps = sweeps;
        this.results = results;
        this.access = access;
    }

    public record ConfigView(String configId, Map<String, Object> params, long n, double mean, Double sd, Double ciLow, Double ciHigh,
                             Double bound, boolean tiedWithBest) {
        static ConfigView of(Selection.Ranked r) {
            return new ConfigView(r.config().configId(), r.config().params(), r.summary().n(), r.summary().mean(), finite(r.summary().sd()),
                    finite(r.summary().ciLow()), finite(r.summary().ciHigh()), finite(r.pessimistic()), r.tiedWithBest());
        }
    }

    public record GroupView(String variant, Map<String, Object> condition, ConfigView best, List<ConfigView> tied, int configurations) {
    }

    public record SelectionView(String metric, String direction, double confidence, String rule, List<GroupView> groups,
                                List<String> verdicts) {
    }

    /**
     * Per variant and condition: the configuration with the best lower confidence bound (upper, for losses),
     * the configurations statistically tied with it, and the gated-versus-ungated verdicts.
     */
    @GET
    @Path("/selection")
    public SelectionView selection(@PathParam("id") Id sweepId, @QueryParam("confidence") String confidence) {
        long id = access.sweep(sweepId, Access.Need.READ).sweepId();
        Sweep sweep = sweeps.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        double level = confidence(confidence);
        Objective objective = Objective.of(sweep.spec);
        var data = results.configResults(id);
        List<GroupView> groups = SweepAnalysis.select(data, level, objective.maximize()).stream()
                .map(g -> new GroupView(g.variant(), g.condition(), ConfigView.of(g.best()),
                        g.tied().stream().map(ConfigView::of).toList(), g.ranked().size()))
                .toList();
        List<String> verdicts = new java.util.ArrayList<>();
        for (String ungated : List.of("symile", "clip")) {
            if (data.stream().anyMatch(r -> r.variant().equals(ungated)) && data.stream().anyMatch(r -> r.variant().equals("gated-symile"))) {
                SweepAnalysis.compare(data, ungated, "gated-symile", level, objective.maximize(), objective.label(), NAMES)
                        .conditions().forEach(c -> verdicts.add(c.verdict()));
            }
        }
        return new SelectionView(objective.metric(), objective.maximize() ? "maximize" : "minimize", level,
                (objective.maximize() ? "lower" : "upper") + " " + Math.round(level * 100) + "% confidence bound of the mean over seeds",
                groups, verdicts);
    }

    public record SeedPair(long seed, double a, double b) {
    }

    public record ConditionView(Map<String, Object> condition, ConfigView configA, ConfigView configB, int pairs, Double meanDifference,
                                Double tLow, Double tHigh, Double bootstrapLow, Double bootstrapHigh, Double tTestP, Double holmP,
                                Double wilcoxonP, Double wilcoxonHolmP, Double effectSize, List<Long> onlyInA, List<Long> onlyInB, String warning, String verdict,
                                List<SeedPair> seeds) {
    }

    public record AreaView(Double mean, Double ciLow, Double ciHigh, int seeds) {
        static AreaView of(Robustness.Area area) {
            return new AreaView(finite(area.mean()), finite(area.interval().low()), finite(area.interval().high()), area.seeds());
        }
    }

    public record ComparisonView(String a, String b, String metric, double confidence, List<ConditionView> conditions,
                                 AreaView robustnessA, AreaView robustnessB, Double crossing) {
    }

    /** Variant b against variant a (default: gated-symile against symile), condition by condition, paired by seed. */
    @GET
    @Path("/compare")
    public ComparisonView compare(@PathParam("id") Id sweepId, @QueryParam("a") String a, @QueryParam("b") String b,
                                  @QueryParam("confidence") String confidence) {
        long id = access.sweep(sweepId, Access.Need.READ).sweepId();
        Sweep sweep = sweeps.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        String first = variant("a", a == null ? "symile" : a);
        String second = variant("b", b == null ? "gated-symile" : b);
        if (first.equals(second)) {
            throw new ApiException(Response.Status.BAD_REQUEST, "b", "compares a variant with itself; choose two different variants");
        }
        double level = confidence(confidence);
        Objective objective = Objective.of(sweep.spec);
        SweepAnalysis.Comparison c = SweepAnalysis.compare(results.configResults(id), first, second, level, objective.maximize(),
                objective.label(), NAMES);
        List<ConditionView> rows = c.conditions().stream().map(row -> {
            PairedComparison p = row.paired();
            String warning = p.onlyInA().isEmpty() && p.onlyInB().isEmpty() ? null
                    : "seed sets differ: only " + first + " has " + p.onlyInA() + ", only " + second + " has " + p.onlyInB()
                    + "; those seeds are left out of the pairing";
            List<SeedPair> seeds = row.a().config().bySeed().keySet().stream().sorted()
                    .filter(seed -> row.b().config().bySeed().containsKey(seed))
                    .map(seed -> new SeedPair(seed, row.a().config().bySeed().get(seed), row.b().config().bySeed().get(seed))).toList();
            return new ConditionView(row.condition(), ConfigView.of(row.a()), ConfigView.of(row.b()), p.pairs(), finite(p.meanDifference()),
                    finite(p.tInterval().low()), finite(p.tInterval().high()), finite(p.bootstrapInterval().low()),
                    finite(p.bootstrapInterval().high()), finite(p.tTestP()), finite(row.holmP()), finite(p.wilcoxonP()),
                    finite(row.wilcoxonHolmP()), finite(p.effectSize()),
                    p.onlyInA(), p.onlyInB(), warning, row.verdict(), seeds);
        }).toList();
        return new ComparisonView(first, second, objective.metric(), level, rows, AreaView.of(c.areaA()), AreaView.of(c.areaB()),
                c.crossing().isPresent() ? c.crossing().getAsDouble() : null);
    }

    /** The sweep's objective as stored (validated when posted; defaults as the parser's). */
    private record Objective(String metric, boolean maximize) {
        static Objective of(JsonNode spec) {
            org.symsweep.sweep.Objective stored = org.symsweep.sweep.Objective.ofStored(spec);
            return new Objective(stored.metric(), stored.maximize());
        }

        String label() {
            return metric.replace("_top1", " top-1").replace('_', ' ');
        }
    }

    private static String variant(String field, String id) {
        if (Variant.fromId(id).isEmpty()) {
            throw new ApiException(Response.Status.BAD_REQUEST, field, "'" + id + "' is not a variant; allowed: " + Variant.allowedIds());
        }
        return id;
    }

    private static double confidence(String value) {
        if (value == null || value.isBlank()) {
            return 0.95;
        }
        try {
            double level = Double.parseDouble(value.trim());
            if (level >= 0.5 && level < 1) {
                return level;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(Response.Status.BAD_REQUEST, "confidence", "'" + value + "' is not allowed; a number from 0.5 to 0.999 is");
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
