package org.symsweep.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies over 1 MiB with a JSON error before reading them, as the very first HTTP handler (ahead
 * of the server's own bare 413): API bodies must state their length, so chunked ones are refused (411), except
 * dataset uploads, which are streamed to disk under their own, larger limit ({@link UploadLimits}).
 * quarkus.http.limits.max-body-size is the hard cap behind both.
 */
@ApplicationScoped
public class RequestLimits {
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    static final String MAX_BODY_DESCRIPTION = "1 MiB (1048576 bytes)";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            String path = context.request().path();
            if (length == null && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null && path != null && path.startsWith("/api/")
                    && !UploadLimits.isUpload(context)) {
                // A body without its length could only be measured by reading it: the API wants the length first.
                new EarlyRefusal(411, "Content-Length", "is required: send the body with its length (not chunked),"
                        + " so that its size is checked before it is read; at most " + MAX_BODY_DESCRIPTION).send(context);
                return;
            }
            long bytes = parseLength(length);
            if (bytes > MAX_BODY_BYTES && !UploadLimits.isUpload(context)) {
                new EarlyRefusal(413, "body", tooLarge(bytes)).send(context);
                return;
            }
            context.next();
        });
    }

    /** Once read, for a body whose stated length the first check could not trust (it counts characters, not bytes). */
    static void checkBodySize(String body) {
        // A char is at most 3 bytes in UTF-8, so a text of a quarter of the limit cannot exceed it.
        if (body != null && body.length() > MAX_BODY_BYTES / 4) {
            long bytes = body.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_BODY_BYTES) {
                throw new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body", tooLarge(bytes));
            }
        }
    }

    static long parseLength(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer itself rejects a malformed length
        }
    }

    private static String tooLarge(long bytes) {
        return "the request body has " + bytes + " bytes; at most " + MAX_BODY_DESCRIPTION + " are allowed";
    }
}
