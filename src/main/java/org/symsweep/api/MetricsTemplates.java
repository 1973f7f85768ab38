package org.symsweep.api;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The route every API request is counted under in the metrics until a resource matches it: a request refused
 * before matching (malformed, too large, unauthenticated, unknown) would otherwise be counted under its raw path,
 * so made-up paths would fill the metrics with ids and junk. A matched request gets its own template
 * ({@code /api/sweeps/{id}}) from the REST layer, which overwrites this one.
 */
@ApplicationScoped
public class MetricsTemplates {
    /** The key under which Quarkus's REST layer and its HTTP metrics share a request's route template. */
    private static final String TEMPLATE_KEY = "UrlPathTemplate";
    static final String UNMATCHED = "/api/{unmatched}";

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).handler(context -> {
            if (context.request() instanceof HttpServerRequestInternal request) {
                request.context().putLocal(TEMPLATE_KEY, UNMATCHED);
            }
            context.next();
        });
    }
}
