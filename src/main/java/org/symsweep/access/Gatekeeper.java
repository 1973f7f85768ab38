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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every API request passes here first. It finds the caller (API token, else browser session, else share
 * link), refuses writes from read-only callers and cookie writes without the session's CSRF token, and
 * checks access to the sweep or trial a path names, for every endpoint under /api/sweeps/{id} and
 * /api/trials/{id} alike: a sweep outside the caller's teams is answered exactly as a missing one (404).
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
    private static final Pattern SWEEP_PATH = Pattern.compile("^/api/sweeps/(\\d{1,18})(/.*)?$");
    private static final Pattern TRIAL_PATH = Pattern.compile("^/api/trials/(\\d{1,18})$");
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
        Optional<Response> denied = checkPath(path, method, caller);
        denied.ifPresent(request::abortWith);
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

    /** Access to the sweep or trial the path names; other paths are left to their resources. */
    private Optional<Response> checkPath(String path, String method, Caller caller) {
        Matcher sweep = SWEEP_PATH.matcher(path);
        if (sweep.matches()) {
            long id = Long.parseLong(sweep.group(1));
            String rest = sweep.group(2) == null ? "" : sweep.group(2);
            Need need;
            if (rest.startsWith("/shares")) {
                need = Need.EDIT;
            } else if (method.equals("GET") || method.equals("HEAD")) {
                need = Need.READ;
            } else if (method.equals("DELETE") && rest.isEmpty()) {
                need = Need.DELETE;
            } else {
                need = Need.EDIT;
            }
            return check(id, need, caller, "no sweep with id " + id);
        }
        Matcher trial = TRIAL_PATH.matcher(path);
        if (trial.matches()) {
            long id = Long.parseLong(trial.group(1));
            String missing = "no trial with id " + id;
            Optional<Long> sweepId = store.sweepOfTrial(id);
            if (sweepId.isEmpty()) {
                return Optional.of(error(404, "id", missing).build());
            }
            return check(sweepId.get(), Need.READ, caller, missing);
        }
        if (caller.kind() == Caller.Kind.SHARE && !path.equals("/api/session")) {
            // A share link opens one sweep's views and nothing else.
            return Optional.of(error(404, null, "no such resource").build());
        }
        return Optional.empty();
    }

    private enum Need { READ, EDIT, DELETE }

    private Optional<Response> check(long sweepId, Need need, Caller caller, String missing) {
        Optional<AccessStore.SweepPlace> place = store.sweepPlace(sweepId);
        if (place.isEmpty()) {
            return Optional.of(error(404, "id", missing).build());
        }
        if (caller.kind() == Caller.Kind.SHARE) {
            if (caller.sharedSweepId() != sweepId) {
                return Optional.of(error(404, "id", missing).build());
            }
            current.sweep(new SweepAccess(place.get(), null));
            return need == Need.READ ? Optional.empty() : Optional.of(error(403, null, "a share link can only read").build());
        }
        Optional<Role> role = store.role(place.get().teamId(), caller.accountId());
        if (role.isEmpty()) {
            return Optional.of(error(404, "id", missing).build());
        }
        current.sweep(new SweepAccess(place.get(), role.get()));
        return switch (need) {
            case READ -> Optional.empty();
            case EDIT -> role.get().atLeast(Role.EDITOR) ? Optional.empty()
                    : Optional.of(error(403, null, "your role in this sweep's team is viewer; launching and controlling sweeps needs editor").build());
            case DELETE -> role.get() == Role.ADMIN
                    || (role.get() == Role.EDITOR && caller.accountId().equals(place.get().createdBy())) ? Optional.empty()
                    : Optional.of(error(403, null, "only the sweep's author (as editor) or a team admin may delete it").build());
        };
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
