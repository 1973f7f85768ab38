package org.symsweep.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;
import org.symsweep.datasets.Datasets;

/**
 * The one route with a larger body: dataset uploads, up to symsweep.datasets.max-upload-size (which is also
 * the HTTP server's hard cap, quarkus.http.limits.max-body-size). A declared length over it is refused before
 * anything is read; a chunked body is cut by the upload itself as it passes the limit. Every other route keeps
 * the small limits of {@link RequestLimits}, and a chunked body there is cut at {@link #OTHER_ROUTES_CAP}.
 */
@ApplicationScoped
public class UploadLimits {
    /** The cap a body without a declared length has on routes other than uploads (the former hard cap). */
    static final long OTHER_ROUTES_CAP = 2 * 1024 * 1024;
    /** Where Quarkus's request body stream reads the most it will read of a chunked body. */
    private static final String STREAM_LIMIT = "io.quarkus.max-request-size";
    private static final Pattern UPLOAD = Pattern.compile("^/api/projects/[^/]+/datasets/?$");

    private final Datasets datasets;

    public UploadLimits(Datasets datasets) {
        this.datasets = datasets;
    }

    static boolean isUpload(RoutingContext context) {
        return context.request().method() == HttpMethod.POST && UPLOAD.matcher(context.request().path()).matches();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            long length = RequestLimits.parseLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (isUpload(context) && length > datasets.maxUploadBytes()) {
                new EarlyRefusal(413, "body", datasets.tooLarge(length)).send(context);
                return;
            }
            context.next();
        });
        // After Quarkus's own body-size handler (order -2), which sets the stream limit to the hard cap.
        router.route().order(-1).handler(context -> {
            if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
                // Uploads get a little more, so that the upload's own check (with its JSON answer) is the one that refuses.
                context.put(STREAM_LIMIT, isUpload(context) ? datasets.maxUploadBytes() + 1024 * 1024 : OTHER_ROUTES_CAP);
            }
            context.next();
        });
    }
}
