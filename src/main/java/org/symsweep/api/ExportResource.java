package org.symsweep.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.symsweep.access.Access;
import org.symsweep.access.Id;
import org.symsweep.store.ResultStore;
import org.symsweep.store.Sweep;
import org.symsweep.store.SweepStore;

/**
 * A sweep's trials and summary as CSV, one column per condition axis and per searched parameter, for a
 * notebook or a spreadsheet. Read in pages, so a sweep of 100,000 trials streams without being held in memory.
 */
@Path("/api/sweeps/{id}")
public class ExportResource {
    private static final int CHUNK = 2000;

    private final SweepStore sweeps;
    private final ResultStore results;
    private final Access access;

    public ExportResource(SweepStore sweeps, ResultStore results, Access access) {
        this.sweeps = sweeps;
        this.results = results;
        this.access = access;
    }

    @GET
    @Path("/trials.csv")
    @Produces("text/csv")
    public Response trials(@PathParam("id") Id sweepId) {
        long id = access.sweep(sweepId, Access.Need.READ).sweepId();
        Sweep sweep = sweeps.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        List<String> conditions = names(sweep.spec.path("conditions"));
        List<String> params = names(sweep.spec.path("search").path("space"));
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            List<String> header = new ArrayList<>(List.of("trial", "variant"));
            header.addAll(conditions);
            header.addAll(params);
            header.addAll(List.of("seed", "state", "attempt", "objective", "started_at", "finished_at", "error"));
            row(out, header);
            ResultStore.TrialFilter all = new ResultStore.TrialFilter(Optional.empty(), Optional.empty(), java.util.Map.of());
            for (int page = 0; ; page++) {
                List<ResultStore.TrialRow> rows = results.trials(id, all, page, CHUNK).items();
                for (ResultStore.TrialRow t : rows) {
                    List<String> cells = new ArrayList<>(List.of(Long.toString(t.id()), t.variant()));
                    conditions.forEach(c -> cells.add(text(t.condition().get(c))));
                    params.forEach(p -> cells.add(text(t.params().get(p))));
                    cells.addAll(List.of(Long.toString(t.seed()), t.state().name(), Integer.toString(t.attempt()),
                            t.objective() == null ? "" : Double.toString(t.objective()), time(t.startedAt()), time(t.finishedAt()),
                            t.error() == null ? "" : t.error()));
                    row(out, cells);
                }
                if (rows.size() < CHUNK) {
                    break;
                }
            }
            out.flush();
        };
        return attachment(body, "sweep-" + id + "-trials.csv");
    }

    @GET
    @Path("/summary.csv")
    @Produces("text/csv")
    public Response summary(@PathParam("id") Id sweepId) {
        long id = access.sweep(sweepId, Access.Need.READ).sweepId();
        Sweep sweep = sweeps.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        List<String> conditions = names(sweep.spec.path("conditions"));
        List<String> params = names(sweep.spec.path("search").path("space"));
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            List<String> header = new ArrayList<>(List.of("variant", "config_id"));
            header.addAll(conditions);
            header.addAll(params);
            header.addAll(List.of("n", "mean", "sd", "sem", "ci_low", "ci_high", "bootstrap_low", "bootstrap_high", "min", "max"));
            row(out, header);
            for (int page = 0; ; page++) {
                List<ResultStore.ConfigAggregate> rows = results.summary(id, ResultStore.SummaryOrder.VARIANT, true, page, CHUNK).items();
                java.util.Map<String, double[]> seeds = results.seedValues(id, rows);
                for (ResultStore.ConfigAggregate r : rows) {
                    // The same row the summary endpoint answers, intervals included.
                    SummaryView v = SummaryView.of(r, seeds.get(ResultStore.groupKey(r.variant(), r.paramsHash(), r.conditionHash())));
                    List<String> cells = new ArrayList<>(List.of(r.variant(), r.paramsHash()));
                    conditions.forEach(c -> cells.add(text(r.condition().get(c))));
                    params.forEach(p -> cells.add(text(r.params().get(p))));
                    cells.add(Long.toString(v.n()));
                    for (Double x : new Double[] {v.mean(), v.sd(), v.sem(), v.ciLow(), v.ciHigh(), v.bootstrapLow(), v.bootstrapHigh(), v.min(), v.max()}) {
                        cells.add(x == null ? "" : Double.toString(x));
                    }
                    row(out, cells);
                }
                if (rows.size() < CHUNK) {
                    break;
                }
            }
            out.flush();
        };
        return attachment(body, "sweep-" + id + "-summary.csv");
    }

    private static Response attachment(StreamingOutput body, String file) {
        return Response.ok(body, "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    private static List<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return new ArrayList<>(names);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.isTextual() ? value.textValue() : value.toString();
    }

    private static String time(java.time.OffsetDateTime at) {
        return at == null ? "" : at.toString();
    }

    /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
    static void row(Writer out, List<String> cells) throws java.io.IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }
}
