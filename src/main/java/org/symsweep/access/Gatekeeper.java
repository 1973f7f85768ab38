package org.symsweep.access;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every API request passes here first. It finds the caller (API token, else browser session, else share
 * link), refuses writes from read-only callers and cookie writes without the session's CSRF token, and keeps
 * share links to the sweep and trial routes. It never reads an id from the path: access to an object is
 * decided by {@link Access} where the resource loads it, from the id the request was parsed into.
 * It runs before the request is matched to a resource, so that without a caller even a path that does not
 * exist answers 401: which routes exist is not told to strangers.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class Gatekeeper implements ContainerRequestFilter {
    public static final String SESSION_COOKIE = "symsweep_session";
    public static final String SHARE_COOKIE = "symsweep_share";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Last-used times are written at most this often, not at every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final AccessStore store;
    private final CurrentCaller current;
    private final AdminAccount admin;
    private final AuthConfig config;

    public Gatekeeper(AccessStore store, CurrentCaller current, AdminAccount admin, AuthConfig config) {
        this.store = store;
        this.current = current;
        this.admin = admin;
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        String method = request.getMethod();
        boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if ((path.equals("/api/session") && method.equals("POST")) || (path.equals("/api/shared/session") && method.equals("POST"))) {
            return; // signing in and opening a share link need no caller yet
        }
        Caller caller;
        try {
            caller = identify(request);
        } catch (Refusal refusal) {
            request.abortWith(refusal.response);
            return;
        }
        if (caller == null) {
            request.abortWith(error(401, "Authorization", "sign in, or send an API token as 'Authorization: Bearer <token>'")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        current.set(caller);
        if (!reads && !caller.canWrite()) {
            request.abortWith(error(403, "Authorization", caller.kind() == Caller.Kind.SHARE
                    ? "a share link can only read" : "this API token has read scope; writing needs a token with write scope").build());
            return;
        }
        if (!reads && caller.kind() == Caller.Kind.SESSION) {
            String sent = request.getHeaderString(CSRF_HEADER);
            if (sent == null || !Secrets.sameHash(Secrets.hash(sent), Secrets.hash(caller.csrfToken()))) {
                request.abortWith(error(403, CSRF_HEADER, "missing or wrong " + CSRF_HEADER
                        + " header; send the csrfToken of GET /api/session with every change made from a browser session").build());
                return;
            }
        }
        shareScope(path, caller).ifPresent(request::abortWith);
    }

    private Caller identify(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 300) {
                throw new Refusal(error(401, "Authorization", "use 'Authorization: Bearer <token>'").build());
            }
            String token = authorization.substring(7).trim();
            Optional<Caller> adminCaller = admin.byAdminToken(token);
            if (adminCaller.isPresent()) {
                return adminCaller.get();
            }
            AccessStore.Token found = store.token(Secrets.hash(token))
                    .orElseThrow(() -> new Refusal(error(401, "Authorization", "this API token is unknown, expired or revoked")
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build()));
            if (found.lastUsedAt() == null || found.lastUsedAt().isBefore(OffsetDateTime.now().minus(TOUCH_EVERY))) {
                store.touchToken(found.id());
            }
            return Caller.token(found.accountId(), found.username(), found.siteAdmin(), found.scope().equals("write"));
        }
        Map<String, Cookie> cookies = request.getCookies();
        Cookie session = cookies.get(SESSION_COOKIE);
        if (session != null && session.getValue().length() <= 100) {
            byte[] hash = Secrets.hash(session.getValue());
            Optional<AccessStore.Session> found = store.session(hash);
            if (found.isPresent()) {
                AccessStore.Session s = found.get();
                if (s.lastSeenAt() == null || s.lastSeenAt().isBefore(OffsetDateTime.now().minus(TOUCH_EVERY))) {
                    store.touchSession(hash, config.sessionIdleTimeout());
                }
                return Caller.session(s.accountId(), s.username(), s.siteAdmin(), s.csrfToken());
            }
        }
        Cookie share = cookies.get(SHARE_COOKIE);
        if (share != null && share.getValue().length() <= 100) {
            return store.share(Secrets.hash(share.getValue())).map(s -> Caller.share(s.sweepId())).orElse(null);
        }
        return null;
    }

    /**
     * A share link opens one sweep's views and nothing else: its caller gets no further than the sweep and trial
     * routes, where {@link Access} checks that the sweep loaded is the shared one.
     */
    private static Optional<Response> shareScope(String path, Caller caller) {
        if (caller.kind() != Caller.Kind.SHARE || path.equals("/api/session")
                || path.startsWith("/api/sweeps/") || path.startsWith("/api/trials/")) {
            return Optional.empty();
        }
        return Optional.of(error(404, null, "no such resource").build());
    }

    /** The API's error body ({"errors": [{"field", "message"}]}), built from the same record every other error uses. */
    static Response.ResponseBuilder error(int status, String field, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("errors", List.of(new org.symsweep.sweep.FieldError(field, message))));
    }

    private static final class Refusal extends RuntimeException {
        private final Response response;

        Refusal(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
