package org.symsweep.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.symsweep.ml.loss.ObjectiveEvaluation;
import org.symsweep.ml.loss.ObjectiveRequest;
import org.symsweep.orchestration.LimitExceeded;
import org.symsweep.orchestration.LimitsConfig;

/**
 * Evaluates the objectives on posted embeddings, to cross-check this implementation against another. Each
 * evaluation is priced before it starts (ObjectiveEvaluation#estimatedBytes) and a few run at once: the
 * others are refused with 429 rather than queued, since a queue would hold their bodies and threads.
 */
@Path("/api/objectives")
@Produces(MediaType.APPLICATION_JSON)
public class ObjectiveResource {
    private static final int RETRY_AFTER_SECONDS = 2;

    private final LimitsConfig.Evaluate limits;
    private final EvaluationSlots running;
    // Threads are bounded by the semaphore; a daemon pool so a long evaluation never holds the JVM open.
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "symsweep-evaluate");
        thread.setDaemon(true);
        return thread;
    });

    public ObjectiveResource(LimitsConfig limits, EvaluationSlots running) {
        this.limits = limits.evaluate();
        this.running = running;
    }

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
        ObjectiveEvaluation.validate(request.embeddings(), request.logScale());
        try {
            ObjectiveEvaluation.checkCost(request.embeddings(), limits.memory().asLongValue());
        } catch (ObjectiveEvaluation.TooCostly e) {
            throw LimitExceeded.tooLarge("embeddings", e.getMessage());
        }
        if (!running.tryTake()) {
            throw LimitExceeded.busy("evaluate", limits.concurrency() + " evaluations are running, the most this server runs at once"
                    + " (symsweep.limits.evaluate.concurrency); try again shortly", RETRY_AFTER_SECONDS);
        }
        Future<ObjectiveEvaluation.Result> result;
        try {
            result = executor.submit(() -> {
                try {
                    return ObjectiveEvaluation.evaluate(request.embeddings(), request.logScale());
                } finally {
                    running.give(); // only when the work ends: an abandoned evaluation still counts
                }
            });
        } catch (RuntimeException e) {
            running.give();
            throw e;
        }
        try {
            return result.get(limits.time().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw LimitExceeded.unavailable("evaluate", "the evaluation took longer than " + limits.time().toSeconds()
                    + " s (symsweep.limits.evaluate.time); it finishes in the background and holds its place until then", RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
