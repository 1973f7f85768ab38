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
import org.symsweep.store.Sweep;
import org.symsweep.store.SweepStore;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.SweepSpecParser;
import org.symsweep.sweep.TrialState;

/** Create, list, read and delete sweeps. */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
public class SweepResource {
    private final SweepStore store;

    public SweepResource(SweepStore store) {
        this.store = store;
    }

    /** Validates the whole spec first; nothing is stored unless all of it is valid. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @Context UriInfo uri) {
        RequestLimits.checkBodySize(body);
        return store(SpecDocuments.readJson(body), uri);
    }

    /** The same spec written as YAML. */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
    public Response createFromYaml(String body, @Context UriInfo uri) {
        RequestLimits.checkBodySize(body);
        return store(SpecDocuments.readYaml(body), uri);
    }

    private Response store(JsonNode document, UriInfo uri) {
        SweepSpec spec = SweepSpecParser.parse(document);
        Sweep sweep = store.create(spec, document);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(sweep.id)).build())
                .entity(SweepView.of(sweep, store.trialCounts(sweep.id)))
                .build();
    }

    @GET
    public PageView<SweepView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        List<Sweep> sweeps = store.page(paging.page(), paging.size());
        Map<Long, Map<TrialState, Long>> counts = store.trialCounts(sweeps.stream().map(s -> s.id).toList());
        List<SweepView> items = sweeps.stream().map(s -> SweepView.of(s, counts.get(s.id))).toList();
        return PageView.of(items, paging.page(), paging.size(), store.count());
    }

    @GET
    @Path("/{id}")
    public SweepView get(@PathParam("id") long id) {
        Sweep sweep = store.find(id).orElseThrow(() -> ApiException.notFound("sweep", id));
        return SweepView.of(sweep, store.trialCounts(id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        return switch (store.delete(id)) {
            case DELETED -> Response.noContent().build();
            case NOT_FOUND -> throw ApiException.notFound("sweep", id);
            case BUSY -> throw new ApiException(Response.Status.CONFLICT, "id",
                    "sweep " + id + " has queued or running trials; cancel it before deleting it");
        };
    }
}
