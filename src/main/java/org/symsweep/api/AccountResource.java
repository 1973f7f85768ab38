package org.symsweep.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.symsweep.access.Access;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Audit;
import org.symsweep.access.AuthConfig;
import org.symsweep.access.Caller;
import org.symsweep.access.Gatekeeper;
import org.symsweep.access.Passwords;
import org.symsweep.access.Secrets;

/** Signing in and out, the caller's own account and API tokens, and (for site administrators) new accounts. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccessStore store;
    private final Access access;
    private final Audit audit;
    private final AuthConfig config;
    private final SessionCookies cookies;

    public AccountResource(AccessStore store, Access access, Audit audit, AuthConfig config, SessionCookies cookies) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.config = config;
        this.cookies = cookies;
    }

    /** Who the caller is, with their teams and projects; {@code csrfToken} for browser sessions. */
    public record Me(String kind, String username, boolean siteAdmin, String csrfToken, Long sharedSweepId,
                     List<AccessStore.TeamMembership> teams) {
    }

    @GET
    @Path("/session")
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
     * CSRF token to send as X-CSRF-Token with every change. After a few failures in a row each answer is
     * slowed, then the account is locked for a while (429).
     */
    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(String body, @Context UriInfo uri) {
        Bodies fields = Bodies.of(body, Set.of("username", "password"));
        String username = fields.text("username", false);
        String password = fields.text("password", true);
        String wrong = "user name or password is wrong";
        Optional<AccessStore.Account> found = username.length() > 64 || password.length() > Passwords.MAX_LENGTH
                ? Optional.empty() : store.account(username);
        if (found.isEmpty()) {
            Passwords.verifyNothing(password);
            throw new ApiException(Response.Status.UNAUTHORIZED, "password", wrong);
        }
        AccessStore.Account account = found.get();
        if (account.lockedUntil() != null) {
            if (account.lockedUntil().isAfter(OffsetDateTime.now())) {
                return locked(account.lockedUntil());
            }
            store.clearExpiredLock(account.id());
        }
        if (!Passwords.verify(password, account.passwordHash())) {
            int failures = store.recordFailedLogin(account.id(), config.lockAfter(), config.lockDuration());
            store.audit(account.id(), account.username(), "sign-in-failed", "account", account.id(), null, failures + " in a row");
            if (failures >= config.slowAfter()) {
                sleep(failures - config.slowAfter());
            }
            if (failures >= config.lockAfter()) {
                return locked(OffsetDateTime.now().plus(config.lockDuration()));
            }
            throw new ApiException(Response.Status.UNAUTHORIZED, "password", wrong);
        }
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

    private Response locked(OffsetDateTime until) {
        long seconds = Math.max(1, Duration.between(OffsetDateTime.now(), until).toSeconds());
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", seconds)
                .entity(ErrorResponse.of("username", "too many failed sign-ins in a row; this account is locked for "
                        + (seconds + 59) / 60 + " more minute(s)"))
                .build();
    }

    private void sleep(int doublings) {
        long millis = Math.min(config.maxDelay().toMillis(), 1000L << Math.min(doublings, 20));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Signs out: the session ends on the server and both cookies are cleared. */
    @DELETE
    @Path("/session")
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

    /** Changes the caller's password ({@code currentPassword}, {@code newPassword}); every session of the account ends. */
    @PUT
    @Path("/account/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(String body) {
        Caller caller = access.account();
        Bodies fields = Bodies.of(body, Set.of("currentPassword", "newPassword"));
        String current = fields.text("currentPassword", true);
        String next = fields.text("newPassword", true);
        AccessStore.Account account = store.account(caller.accountId()).orElseThrow();
        if (!Passwords.verify(current, account.passwordHash())) {
            throw new ApiException(Response.Status.BAD_REQUEST, "currentPassword", "is wrong");
        }
        String problem = Passwords.problem(next);
        if (problem != null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "newPassword", problem);
        }
        store.setPassword(account.id(), Passwords.hash(next));
        store.deleteSessions(account.id());
        audit.record("change-password", "account", account.id(), null, null);
        return Response.noContent().build();
    }

    public record AccountView(long id, String username, boolean siteAdmin) {
    }

    /** Site administrators create accounts: {@code {"username", "password", "siteAdmin": false}}. */
    @POST
    @Path("/accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createAccount(String body) {
        access.requireSiteAdmin();
        Bodies fields = Bodies.of(body, Set.of("username", "password", "siteAdmin"));
        String username = fields.name("username");
        String password = fields.text("password", true);
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "password", problem);
        }
        boolean siteAdmin = Boolean.TRUE.equals(fields.optionalBoolean("siteAdmin"));
        if (store.account(username).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "username", "'" + username + "' is taken");
        }
        long id = store.createAccount(username, Passwords.hash(password), siteAdmin);
        audit.record("create", "account", id, null, username);
        return Response.status(Response.Status.CREATED).entity(new AccountView(id, username, siteAdmin)).build();
    }

    @GET
    @Path("/accounts")
    public List<String> accounts() {
        access.requireSiteAdmin();
        return store.usernames();
    }

    /** The caller's API tokens (never the tokens themselves: those are shown once, at creation). */
    @GET
    @Path("/tokens")
    public List<AccessStore.TokenInfo> tokens() {
        return store.tokens(access.account().accountId());
    }

    public record NewToken(long id, String name, String scope, OffsetDateTime expiresAt, String token) {
    }

    /**
     * A personal API token, {@code {"name", "scope": "read"|"write", "expiresInDays": 90}}: use it as
     * {@code Authorization: Bearer <token>}. The answer is the only time the token is shown.
     */
    @POST
    @Path("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createToken(String body) {
        Caller caller = access.account();
        Bodies fields = Bodies.of(body, Set.of("name", "scope", "expiresInDays"));
        String name = fields.name("name");
        String scope = fields.choice("scope", Set.of("read", "write"), null);
        Long days = fields.optionalLong("expiresInDays", 1, 3650);
        OffsetDateTime expires = days == null ? null : OffsetDateTime.now().plusDays(days);
        String token = Secrets.generate("ssw_");
        long id = store.createToken(caller.accountId(), name, Secrets.hash(token), scope, expires);
        audit.record("create", "token", id, null, name + " (" + scope + ")");
        return Response.status(Response.Status.CREATED).entity(new NewToken(id, name, scope, expires, token)).build();
    }

    @DELETE
    @Path("/tokens/{id}")
    public Response revokeToken(@PathParam("id") org.symsweep.access.Id token) {
        long id = token.value();
        if (!store.revokeToken(access.account().accountId(), id)) {
            throw ApiException.notFound("token", id);
        }
        audit.record("revoke", "token", id, null, null);
        return Response.noContent().build();
    }
}
