package org.symsweep.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.symsweep.access.Access;
import org.symsweep.access.Id;
import org.symsweep.store.ResultStore;

/** One trial with its epochs, final metrics and state history; readable by whoever may read its sweep. */
@Path("/api/trials")
@Produces(MediaType.APPLICATION_JSON)
public class TrialResource {
    private final ResultStore results;
    private final Access access;

    public TrialResource(ResultStore results, Access access) {
        this.results = results;
        this.access = access;
    }

    @GET
    @Path("/{id}")
    public TrialView.Detail get(@PathParam("id") Id trialId) {
        access.trial(trialId);
        long id = trialId.value();
        ResultStore.TrialRow row = results.trial(id).orElseThrow(() -> ApiException.notFound("trial", id));
        return new TrialView.Detail(TrialView.of(row), results.finalMetrics(id), results.epochs(id, row.attempt()),
                results.transitions(id));
    }
}
