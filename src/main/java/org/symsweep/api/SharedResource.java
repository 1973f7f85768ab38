package org.symsweep.api;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Gatekeeper;
import org.symsweep.access.Secrets;

/** Opening a share link: no account needed, the link's token is the credential. */
@Path("/api/shared")
@Produces(MediaType.APPLICATION_JSON)
public class SharedResource {
    private final AccessStore store;
    private final SessionCookies cookies;

    public SharedResource(AccessStore store, SessionCookies cookies) {
        this.store = store;
        this.cookies = cookies;
    }

    public record Opened(long sweepId) {
    }

    /**
     * Opens a share link, {@code {"token": ...}}: a cookie (HTTP-only) that lets this browser read that one
     * sweep. The token travels in the body, not the path, so that no access log ever holds it.
     */
    @POST
    @Path("/session")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Response open(String body, @Context UriInfo uri) {
        String token = Bodies.of(body, java.util.Set.of("token")).text("token", true);
        AccessStore.Share share = store.share(Secrets.hash(token))
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "token", "this share link is unknown, expired or revoked"));
        return Response.ok(new Opened(share.sweepId()))
                .cookie(cookies.of(Gatekeeper.SHARE_COOKIE, token, 12 * 3600, uri))
                .build();
    }

}
