package org.symsweep.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every answer, page or API: no framing, no MIME sniffing, no referrer (share links stay out of
 * other sites' logs), a content security policy that allows only the server's own scripts; API answers are
 * never cached. Swagger UI under /q needs its own inline scripts, so its CSP allows those and nothing else more.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI runs inline scripts of its own; everything else stays as strict as the dashboard's. */
    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            var headers = context.response().headers();
            String path = context.request().path();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Cross-Origin-Resource-Policy", "same-origin");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            if (path == null || !path.startsWith("/q/")) {
                headers.set("Content-Security-Policy", CSP);
            } else {
                headers.set("Content-Security-Policy", SWAGGER_CSP);
            }
            if (path != null && path.startsWith("/api/")) {
                headers.set("Cache-Control", "no-store");
            }
            if (context.request().isSSL()) {
                headers.set("Strict-Transport-Security", "max-age=31536000");
            }
            context.next();
        });
    }
}
