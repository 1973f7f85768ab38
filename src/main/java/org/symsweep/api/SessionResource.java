package org.symsweep.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.symsweep.access.Access;
import org.symsweep.access.AccessStore;
import org.symsweep.access.AuthConfig;
import org.symsweep.access.Caller;
import org.symsweep.access.ClientAddresses;
import org.symsweep.access.Gatekeeper;
import org.symsweep.access.PasswordHashing;
import org.symsweep.access.Passwords;
import org.symsweep.access.Secrets;
import org.symsweep.access.SignInThrottle;
import org.symsweep.access.TryLater;

/** Signing in and out, and who the caller is. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private static final Logger LOG = Logger.getLogger(SessionResource.class);
    private static final String WRONG = "user name or password is wrong";

    private final AccessStore store;
    private final Access access;
    private final AuthConfig config;
    private final SessionCookies cookies;
    private final SignInThrottle throttle;
    private final PasswordHashing hashing;
    private final ClientAddresses clients;
    private final AtomicInteger pausing = new AtomicInteger();

    public SessionResource(AccessStore store, Access access, AuthConfig config, SessionCookies cookies, SignInThrottle throttle,
                           PasswordHashing hashing, ClientAddresses clients) {
        this.store = store;
        this.access = access;
        this.config = config;
        this.cookies = cookies;
        this.throttle = throttle;
        this.hashing = hashing;
        this.clients = clients;
    }

    /** Who the caller is, with their teams and projects; {@code csrfToken} for browser sessions. */
    public record Me(String kind, String username, boolean siteAdmin, String csrfToken, Long sharedSweepId,
                     List<AccessStore.TeamMembership> teams) {
    }

    @GET
    public Me me() {
        Caller caller = access.caller();
        if (caller.kind() == Caller.Kind.SHARE) {
            return new Me("share", null, false, null, caller.sharedSweepId(), List.of());
        }
        return new Me(caller.kind().name().toLowerCase(java.util.Locale.ROOT), caller.username(), caller.siteAdmin(), caller.csrfToken(),
                null, store.memberships(caller.accountId()));
    }

    /**
     * Signs in with {@code {"username", "password"}}: a session cookie (HTTP-only, SameSite=Strict) and the
     * CSRF token to send as X-CSRF-Token with every change. A wrong password and an unknown name get the same
     * answer after the same time; after a few failures for a name each attempt for it waits (up to
     * symsweep.auth.max-delay) before it is checked, and each client address has its own budget of failures (429).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Uni<Response> signIn(String body, @Context UriInfo uri, @Context HttpServerRequest request) {
        Bodies fields = Bodies.of(body, Set.of("username", "password"));
        // Longer ones cannot match an account; shortened so a waiting attempt holds little memory.
        String username = shorten(fields.text("username", false), 65);
        String password = shorten(fields.text("password", true), Passwords.MAX_LENGTH + 1);
        SignInThrottle.Attempt attempt;
        try {
            attempt = throttle.admit(clients.client(request), username);
        } catch (TryLater refused) {
            return refusedLater(refused);
        }
        AtomicBoolean settled = new AtomicBoolean();
        Uni<Void> waited = attempt.delay().isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(attempt.delay());
        return waited
                .emitOn(Infrastructure.getDefaultWorkerPool())
                // Looked up after the wait, so a password changed meanwhile is the one checked.
                .map(nothing -> username.length() > 64 || password.length() > Passwords.MAX_LENGTH
                        ? Optional.<AccessStore.Account>empty() : store.account(username))
                .onItem().transformToUni(found -> Uni.createFrom()
                        .completionStage(() -> hashing.submit(() -> Passwords.verifyOrDummy(password, found.map(AccessStore.Account::passwordHash).orElse(null))))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(right -> {
                            settled.set(true);
                            return right ? signedIn(found.orElseThrow(), attempt, uri) : refused(found, attempt);
                        }))
                .onTermination().invoke(() -> {
                    if (!settled.get()) {
                        throttle.abandoned(attempt);
                    }
                })
                .onFailure(TryLater.class).call(refusal -> pause());
    }

    /**
     * A refusal (429/503) is answered after refusal-delay, without holding a thread: a client that waits for its
     * answer, as HTTP clients do, cannot turn refusals into a cheap flood. Past max-pending such waits, at once.
     */
    private Uni<Response> refusedLater(TryLater refusal) {
        return pause().onItem().transformToUni(nothing -> Uni.createFrom().<Response>failure(refusal));
    }

    private Uni<Void> pause() {
        if (pausing.incrementAndGet() > config.maxPending()) {
            pausing.decrementAndGet();
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.refusalDelay()).onTermination().invoke(pausing::decrementAndGet);
    }

    private static String shorten(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }

    private Response signedIn(AccessStore.Account account, SignInThrottle.Attempt attempt, UriInfo uri) {
        throttle.succeeded(attempt);
        store.recordLogin(account.id());
        store.deleteExpiredSessions();
        String sessionId = Secrets.generate("");
        String csrf = Secrets.generate("");
        store.createSession(Secrets.hash(sessionId), account.id(), csrf, config.sessionIdleTimeout());
        store.audit(account.id(), account.username(), "sign-in", "account", account.id(), null, null);
        Me me = new Me("session", account.username(), account.siteAdmin(), csrf, null, store.memberships(account.id()));
        return Response.ok(me)
                .cookie(cookies.of(Gatekeeper.SESSION_COOKIE, sessionId, (int) config.sessionIdleTimeout().toSeconds(), uri))
                .cookie(cookies.of(Gatekeeper.SHARE_COOKIE, "", 0, uri))
                .build();
    }

    /** The same answer, at the same moment, for a wrong password and an unknown name; only the former is audited, after answering. */
    private Response refused(Optional<AccessStore.Account> found, SignInThrottle.Attempt attempt) {
        int failures = throttle.failed(attempt);
        found.ifPresent(account -> Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                store.audit(account.id(), account.username(), "sign-in-failed", "account", account.id(), null, failures + " in a row");
            } catch (RuntimeException e) {
                LOG.warnf("Could not record a failed sign-in in the audit trail: %s", e.getMessage());
            }
        }));
        throw new ApiException(Response.Status.UNAUTHORIZED, "password", WRONG);
    }

    /** Signs out: the session ends on the server and both cookies are cleared. */
    @DELETE
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri) {
        jakarta.ws.rs.core.Cookie session = headers.getCookies().get(Gatekeeper.SESSION_COOKIE);
        if (session != null) {
            store.deleteSession(Secrets.hash(session.getValue()));
        }
        return Response.noContent()
                .cookie(cookies.of(Gatekeeper.SESSION_COOKIE, "", 0, uri))
                .cookie(cookies.of(Gatekeeper.SHARE_COOKIE, "", 0, uri))
                .build();
    }
}
