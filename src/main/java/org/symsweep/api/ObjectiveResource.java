package org.symsweep.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.symsweep.ml.loss.ObjectiveEvaluation;
import org.symsweep.ml.loss.ObjectiveRequest;

/** Evaluates the objectives on posted embeddings, to cross-check this implementation against another. */
@Path("/api/objectives")
@Produces(MediaType.APPLICATION_JSON)
public class ObjectiveResource {

    /**
     * {@code {"embeddings": [modality][row][dim], "logScale": s}} with 2 to 8 modalities: the Symile O(N^2)
     * loss, the CLIP loss summed over pairs, and the MIP of each first-modality candidate with each query.
     */
    @POST
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectiveEvaluation.Result evaluate(String body) {
        RequestLimits.checkBodySize(body);
        ObjectiveRequest request = ObjectiveRequest.from(SpecDocuments.readJson(body));
        return ObjectiveEvaluation.evaluate(request.embeddings(), request.logScale());
    }
}
