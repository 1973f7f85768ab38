package org.symsweep.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.symsweep.access.Access;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Audit;
import org.symsweep.access.Caller;
import org.symsweep.access.ClientAddresses;
import org.symsweep.access.PasswordHashing;
import org.symsweep.access.Passwords;
import org.symsweep.access.Secrets;
import org.symsweep.access.SignInThrottle;

/** The caller's own account and API tokens, and (for site administrators) new accounts; signing in is {@link SessionResource}. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {
    private final AccessStore store;
    private final Access access;
    private final Audit audit;
    private final SignInThrottle throttle;
    private final PasswordHashing hashing;
    private final ClientAddresses clients;

    public AccountResource(AccessStore store, Access access, Audit audit, SignInThrottle throttle, PasswordHashing hashing,
                           ClientAddresses clients) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.throttle = throttle;
        this.hashing = hashing;
        this.clients = clients;
    }

    /** Changes the caller's password ({@code currentPassword}, {@code newPassword}); every session of the account ends. */
    @PUT
    @Path("/account/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(String body, @Context HttpServerRequest request) {
        Caller caller = access.account();
        Bodies fields = Bodies.of(body, Set.of("currentPassword", "newPassword"));
        String current = fields.text("currentPassword", true);
        String next = fields.text("newPassword", true);
        AccessStore.Account account = store.account(caller.accountId()).orElseThrow();
        // A wrong current password counts like a failed sign-in, so a borrowed session cannot guess it quickly.
        SignInThrottle.Attempt attempt = throttle.admit(clients.client(request), account.username());
        boolean right;
        try {
            right = current.length() <= Passwords.MAX_LENGTH && hashing.run(() -> Passwords.verify(current, account.passwordHash()));
        } catch (RuntimeException e) {
            throttle.abandoned(attempt);
            throw e;
        }
        if (!right) {
            throttle.failed(attempt);
            throw new ApiException(Response.Status.BAD_REQUEST, "currentPassword", "is wrong");
        }
        throttle.succeeded(attempt);
        String problem = hashing.run(() -> Passwords.problem(next, account.username()));
        if (problem != null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "newPassword", problem);
        }
        store.setPassword(account.id(), hashing.run(() -> Passwords.hash(next)));
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
        String problem = hashing.run(() -> Passwords.problem(password, username));
        if (problem != null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "password", problem);
        }
        boolean siteAdmin = Boolean.TRUE.equals(fields.optionalBoolean("siteAdmin"));
        if (store.account(username).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "username", "'" + username + "' is taken");
        }
        long id = store.createAccount(username, hashing.run(() -> Passwords.hash(password)), siteAdmin);
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
