package org.symsweep.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.symsweep.sweep.InvalidSpecException;

/** Maps every exception that reaches the HTTP layer to an {@link ErrorResponse}; internals stay in the log. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), new ErrorResponse(e.errors()));
    }

    @ServerExceptionMapper
    public Response invalidEmbeddings(org.symsweep.ml.loss.ObjectiveEvaluation.InvalidEmbeddings e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), ErrorResponse.of(e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response limitExceeded(org.symsweep.orchestration.LimitExceeded e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(e.field(), e.getMessage()));
        e.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }

    @ServerExceptionMapper
    public Response unknownSweep(org.symsweep.orchestration.SweepControl.UnknownSweep e) {
        return json(Response.Status.NOT_FOUND.getStatusCode(), ErrorResponse.of("id", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response sweepState(org.symsweep.orchestration.SweepControl.StateConflict e) {
        return json(Response.Status.CONFLICT.getStatusCode(), ErrorResponse.of("state", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response denied(org.symsweep.access.Access.Denied e) {
        return json(e.status(), ErrorResponse.of(e.field(), e.getMessage()));
    }

    /** A limit reached (429 for the caller's own budget, 503 for the server's): when to try again, and which limit. */
    @ServerExceptionMapper
    public Response tryLater(org.symsweep.access.TryLater e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", e.retryAfterSeconds())
                .entity(ErrorResponse.of(null, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status().getStatusCode(), new ErrorResponse(java.util.List.of(e.error())));
    }

    /** Errors the framework raises itself: unknown path (404), wrong method (405), wrong media type (415), ... */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed here";
            case 406 -> "cannot answer in the requested media type; this API answers application/json";
            case 413 -> "the request body is larger than the allowed " + RequestLimits.MAX_BODY_DESCRIPTION;
            case 415 -> "unsupported content type; send application/json (or application/yaml for sweep specs)";
            default -> status >= 500 ? "internal error" : "bad request";
        };
        if (status >= 500) {
            return internal(e);
        }
        return json(status, ErrorResponse.of(status == 415 ? "Content-Type" : null, message));
    }

    /**
     * Reading the body failed: over the hard size cap while streaming a body sent without a length (413), or the
     * client broke the stream (bad chunks, closed connection), which is the client's failure and no internal error.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ("Request too large".equals(t.getMessage())) {
                return json(413, ErrorResponse.of("body", "the request body is larger than the allowed " + RequestLimits.MAX_BODY_DESCRIPTION));
            }
            if (t instanceof io.vertx.core.http.HttpClosedException || t instanceof io.netty.handler.codec.DecoderException) {
                LOG.debugf("request body not read: the client broke the stream (%s)", org.symsweep.sweep.PlainText.escape(t.getMessage()));
                return json(400, ErrorResponse.of("body", "the request body could not be read: the stream was broken or closed"));
            }
        }
        return internal(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // A database outage wrapped in something else is still an outage: 503, see DatabaseUnavailableMapper.
        return DatabaseUnavailableMapper.isOutage(e) ? DatabaseUnavailableMapper.unavailable(e) : internal(e);
    }

    static Response internal(Exception e) {
        String reference = UUID.randomUUID().toString();
        boolean printable = true;
        for (Throwable t = e; t != null && printable; t = t.getCause()) {
            printable = !org.symsweep.sweep.PlainText.hasControl(String.valueOf(t.getMessage()));
        }
        if (printable) {
            LOG.errorf(e, "Internal error, reference %s", reference);
        } else {
            // A message carrying request text with line breaks would forge log lines: one escaped line, the trace at debug.
            LOG.errorf("Internal error, reference %s: %s", reference, org.symsweep.sweep.PlainText.escape(String.valueOf(e)));
            LOG.debugf(e, "Internal error, reference %s", reference);
        }
        return json(500, ErrorResponse.of(null, "internal error; the server log has the details under reference " + reference));
    }

    static Response json(int status, ErrorResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
