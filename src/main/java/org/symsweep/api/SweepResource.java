package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.symsweep.access.Access;
import org.symsweep.access.Access.Need;
import org.symsweep.access.Id;
import org.symsweep.access.SweepAccess;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Audit;
import org.symsweep.datasets.SweepData;
import org.symsweep.orchestration.SweepControl;
import org.symsweep.store.ResultStore;
import org.symsweep.store.Sweep;
import org.symsweep.store.SweepStore;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.SweepSpecParser;
import org.symsweep.sweep.TrialState;

/**
 * Create, list, read, control and delete sweeps; read their trials, summaries and live progress. Every
 * /api/sweeps/{id} method starts by loading the sweep through {@link Access}, which decides the caller's right
 * to it; the method then works with that sweep only.
 */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
public class SweepResource {
    private final SweepStore store;
    private final SweepControl control;
    private final ResultStore results;
    private final Access access;
    private final Audit audit;
    private final SweepData data;

    public SweepResource(SweepStore store, SweepControl control, ResultStore results, Access access, Audit audit, SweepData data) {
        this.store = store;
        this.data = data;
        this.control = control;
        this.results = results;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Validates the whole spec first; nothing is stored unless all of it is valid. {@code project}: the project
     * id, needed when the caller may launch in more than one.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @QueryParam("project") String project, @Context UriInfo uri) {
        RequestLimits.checkBodySize(body);
        return store(SpecDocuments.readJson(body), project, uri);
    }

    /** The same spec written as YAML. */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    public Response createFromYaml(String body, @QueryParam("project") String project, @Context UriInfo uri) {
        RequestLimits.checkBodySize(body);
        return store(SpecDocuments.readYaml(body), project, uri);
    }

    /** How many trials a spec would plan, validated exactly as a sweep is, without storing anything. */
    @POST
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlanCount plan(String body, @QueryParam("project") String project) {
        RequestLimits.checkBodySize(body);
        return planCount(SpecDocuments.readJson(body), project);
    }

    @POST
    @Path("/plan")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    public PlanCount planFromYaml(String body, @QueryParam("project") String project) {
        RequestLimits.checkBodySize(body);
        return planCount(SpecDocuments.readYaml(body), project);
    }

    public record PlanCount(long trials) {
    }

    /** The data are checked as for a launch: a dataset against the project a launch would use, a path against the data roots. */
    private PlanCount planCount(JsonNode document, String project) {
        SweepSpec spec = SweepSpecParser.parse(document);
        JsonNode resolved = document;
        if (spec.benchmark().dataset().isPresent()) {
            resolved = data.resolve(spec, document, access.launchProject(Paging.id("project", project)).id());
        } else if (spec.benchmark().featuresPath().isPresent()) {
            resolved = data.resolve(spec, document, 0);
        }
        return new PlanCount(org.symsweep.sweep.TrialPlanner.count(control.validate(resolved)));
    }

    private Response store(JsonNode document, String project, UriInfo uri) {
        AccessStore.Project target = access.launchProject(Paging.id("project", project));
        SweepSpec parsed = SweepSpecParser.parse(document);
        // The spec's data are resolved against this sweep's project, and a dataset pinned by id in the stored spec;
        // then one trial is priced against what a worker slot may hold.
        JsonNode stored = data.resolve(parsed, document, target.id());
        SweepSpec spec = control.validate(stored);
        Sweep sweep = control.launch(spec, stored, target.id(), access.account().accountId());
        audit.record("launch", "sweep", sweep.id, target.teamId(), sweep.name);
        // A path, not an absolute URL: an absolute one would echo whatever Host header the request carried.
        return Response.status(Response.Status.CREATED).header(jakarta.ws.rs.core.HttpHeaders.LOCATION, "/api/sweeps/" + sweep.id)
                .entity(SweepView.of(sweep, store.trialCounts(sweep.id)))
                .build();
    }

    /** The sweeps of every team the caller belongs to, newest first; {@code project} narrows to one project. */
    @GET
    public PageView<SweepView> list(@QueryParam("page") String page, @QueryParam("size") String size,
                                    @QueryParam("project") String project) {
        Paging paging = Paging.of(page, size);
        List<Long> projects = access.visibleProjects();
        Id only = Paging.id("project", project);
        if (only != null) {
            projects = projects.contains(only.value()) ? List.of(only.value()) : List.of();
        }
        List<Sweep> sweeps = store.page(projects, paging.page(), paging.size());
        Map<Long, Map<TrialState, Long>> counts = store.trialCounts(sweeps.stream().map(s -> s.id).toList());
        Map<Long, Boolean> maximize = new java.util.HashMap<>();
        sweeps.forEach(s -> maximize.put(s.id, maximizes(s.spec)));
        Map<Long, Double> best = store.bestObjectives(maximize.keySet(), maximize::get);
        List<SweepView> items = sweeps.stream().map(s -> SweepView.of(s, counts.get(s.id), best.get(s.id))).toList();
        return PageView.of(items, paging.page(), paging.size(), store.count(projects));
    }

    @GET
    @Path("/{id}")
    public SweepView get(@PathParam("id") Id id) {
        return view(access.sweep(id, Need.READ));
    }

    private SweepView view(SweepAccess sweep) {
        long id = sweep.sweepId();
        Sweep found = store.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        return SweepView.of(found, store.trialCounts(id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") Id sweepId) {
        SweepAccess sweep = access.sweep(sweepId, Need.DELETE);
        long id = sweep.sweepId();
        return switch (store.delete(id)) {
            case DELETED -> {
                audit.sweep("delete", sweep, null);
                yield Response.noContent().build();
            }
            case NOT_FOUND -> throw ApiException.notFound("sweep", id);
            case BUSY -> throw new ApiException(Response.Status.CONFLICT, "id",
                    "sweep " + id + " has queued or running trials; cancel it before deleting it");
        };
    }
    @POST
    @Path("/{id}/pause")
    public SweepView pause(@PathParam("id") Id id) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        control.pause(sweep.sweepId());
        audit.sweep("pause", sweep, null);
        return view(sweep);
    }

    @POST
    @Path("/{id}/resume")
    public SweepView resume(@PathParam("id") Id id) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        control.resume(sweep.sweepId());
        audit.sweep("resume", sweep, null);
        return view(sweep);
    }

    @POST
    @Path("/{id}/cancel")
    public SweepView cancel(@PathParam("id") Id id) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        control.cancel(sweep.sweepId());
        audit.sweep("cancel", sweep, null);
        return view(sweep);
    }

    /** Plans the sweep's failed trials again; their earlier attempts stay on record. */
    @POST
    @Path("/{id}/rerun-failed")
    public ActionResult rerunFailed(@PathParam("id") Id id) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        int again = control.rerunFailed(sweep.sweepId());
        audit.sweep("rerun-failed", sweep, again + " trials");
        return new ActionResult(again, view(sweep));
    }

    /** Adds seeds, condition values or parameter values; only the new trials run. */
    @POST
    @Path("/{id}/extend")
    @Consumes(MediaType.APPLICATION_JSON)
    public ActionResult extend(@PathParam("id") Id id, String body) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        RequestLimits.checkBodySize(body);
        int added = control.extend(sweep.sweepId(), SpecDocuments.readJson(body));
        audit.sweep("extend", sweep, added + " trials");
        return new ActionResult(added, view(sweep));
    }

    @POST
    @Path("/{id}/extend")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    public ActionResult extendFromYaml(@PathParam("id") Id id, String body) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        RequestLimits.checkBodySize(body);
        int added = control.extend(sweep.sweepId(), SpecDocuments.readYaml(body));
        audit.sweep("extend", sweep, added + " trials");
        return new ActionResult(added, view(sweep));
    }

    /**
     * Spends extra seeds on the configurations still tied with the best, in rounds:
     * {@code {"seeds_per_round": 1, "budget": 20, "confidence": 0.95}}. Only the new trials run.
     */
    @POST
    @Path("/{id}/race")
    @Consumes(MediaType.APPLICATION_JSON)
    public ActionResult race(@PathParam("id") Id id, String body) {
        SweepAccess sweep = access.sweep(id, Need.EDIT);
        RequestLimits.checkBodySize(body);
        java.util.List<org.symsweep.sweep.FieldError> errors = new java.util.ArrayList<>();
        java.util.Optional<org.symsweep.sweep.RacingSpec> race = SweepSpecParser.parseRacing(SpecDocuments.readJson(body), "", errors);
        if (!errors.isEmpty() || race.isEmpty()) {
            throw new org.symsweep.sweep.InvalidSpecException(errors.isEmpty()
                    ? java.util.List.of(new org.symsweep.sweep.FieldError("$", "a race needs a budget")) : errors);
        }
        int planned = control.race(sweep.sweepId(), race.get());
        audit.sweep("race", sweep, planned + " trials");
        return new ActionResult(planned, view(sweep));
    }

    /** What an action changed: how many trials it planned, and the sweep after it. */
    public record ActionResult(int trials, SweepView sweep) {
    }

    /**
     * A page of the sweep's trials in plan order, filtered by {@code state}, {@code variant} and any number
     * of {@code params.<name>=<value>} (for example {@code params.gate.strength=0.5}).
     */
    @GET
    @Path("/{id}/trials")
    public PageView<TrialView> trials(@PathParam("id") Id sweepId, @QueryParam("page") String page, @QueryParam("size") String size,
                                      @QueryParam("state") String state, @QueryParam("variant") String variant,
                                      @Context UriInfo uri) {
        long id = access.sweep(sweepId, Need.READ).sweepId();
        Paging paging = Paging.of(page, size);
        ResultStore.TrialFilter filter = TrialFilters.of(state, variant, uri.getQueryParameters());
        ResultStore.Page<ResultStore.TrialRow> rows = results.trials(id, filter, paging.page(), paging.size());
        return PageView.of(rows.items().stream().map(TrialView::of).toList(), paging.page(), paging.size(), rows.total());
    }

    /**
     * The objective per (variant, configuration, condition) over succeeded seeds: n, mean, sd, variance, sem,
     * 95% t-interval and percentile-bootstrap interval, min, max. {@code order=best} (default) puts the best mean first for the objective's
     * direction; {@code order=variant} groups by variant and condition.
     */
    @GET
    @Path("/{id}/summary")
    public PageView<SummaryView> summary(@PathParam("id") Id sweepId, @QueryParam("page") String page, @QueryParam("size") String size,
                                         @QueryParam("order") String order) {
        long id = access.sweep(sweepId, Need.READ).sweepId();
        Paging paging = Paging.of(page, size);
        ResultStore.SummaryOrder summaryOrder = switch (order == null ? "best" : order) {
            case "best" -> ResultStore.SummaryOrder.BEST;
            case "variant" -> ResultStore.SummaryOrder.VARIANT;
            default -> throw new ApiException(Response.Status.BAD_REQUEST, "order", "'" + order + "' is not allowed; allowed: best, variant");
        };
        Sweep sweep = store.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        boolean maximize = maximizes(sweep.spec);
        ResultStore.Page<ResultStore.ConfigAggregate> rows = results.summary(id, summaryOrder, maximize, paging.page(), paging.size());
        Map<String, double[]> seeds = results.seedValues(id, rows.items());
        return PageView.of(rows.items().stream()
                .map(row -> SummaryView.of(row, seeds.get(ResultStore.groupKey(row.variant(), row.paramsHash(), row.conditionHash()))))
                .toList(), paging.page(), paging.size(), rows.total());
    }

    @jakarta.inject.Inject
    SweepEvents events;

    /**
     * Server-sent events: the sweep with its progress, sent when it changes (read every second from the
     * database, once per sweep however many watch it, so progress made on every node shows). The stream ends
     * if the sweep is deleted. Streams are limited per caller and per node (429 beyond; see SweepEvents).
     */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<SweepView> events(@PathParam("id") Id sweepId) {
        long id = access.sweep(sweepId, Need.READ).sweepId();
        return events.watch(id, access.caller());
    }

    private static final java.util.Set<String> CURVE_METRICS = java.util.Set.of("train_loss", "val_loss", "val_top1", "logit_scale",
            "gate_alpha", "gate_temperature");

    /**
     * Learning curves averaged over seeds: per (variant, configuration, condition) and epoch, the mean, sd and
     * number of seeds of {@code metric} (default val_top1), for {@code limit} (1 to 200, default 50)
     * configurations: the first in plan order ({@code order=plan}, default) or those with the best mean
     * objective ({@code order=best}).
     */
    @GET
    @Path("/{id}/curves")
    public List<ResultStore.Curve> curves(@PathParam("id") Id sweepId, @QueryParam("metric") String metric, @QueryParam("order") String order,
                                          @QueryParam("limit") String limit) {
        long id = access.sweep(sweepId, Need.READ).sweepId();
        String name = metric == null || metric.isBlank() ? "val_top1" : metric.trim();
        if (!CURVE_METRICS.contains(name)) {
            throw new ApiException(Response.Status.BAD_REQUEST, "metric", "'" + name + "' is not a per-epoch metric; allowed: "
                    + String.join(", ", new java.util.TreeSet<>(CURVE_METRICS)));
        }
        int count = Paging.integer("limit", limit, 50);
        if (count < 1 || count > Paging.MAX_SIZE) {
            throw new ApiException(Response.Status.BAD_REQUEST, "limit", count + " is not allowed; a whole number from 1 to " + Paging.MAX_SIZE);
        }
        Sweep sweep = store.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        ResultStore.CurveOrder curveOrder = switch (order == null || order.isBlank() ? "plan" : order.trim()) {
            case "plan" -> ResultStore.CurveOrder.PLAN;
            case "best" -> maximizes(sweep.spec) ? ResultStore.CurveOrder.BEST_MAX : ResultStore.CurveOrder.BEST_MIN;
            default -> throw new ApiException(Response.Status.BAD_REQUEST, "order", "'" + order + "' is not allowed; allowed: plan, best");
        };
        return results.curves(id, name, count, curveOrder);
    }

    static boolean maximizes(JsonNode spec) {
        return org.symsweep.sweep.Objective.ofStored(spec).maximize();
    }

}
