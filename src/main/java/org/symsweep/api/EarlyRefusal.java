package org.symsweep.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A refusal the HTTP layer's own handlers answer before any resource reads the request (its shape, its size), in
 * the API's error body. The request's body is never read, so the connection is closed after the answer.
 */
record EarlyRefusal(int status, String field, String message) {
    void send(RoutingContext context) {
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(ErrorResponse.json(field, message));
    }
}
