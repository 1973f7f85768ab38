package org.symsweep.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Audit;
import org.symsweep.access.Access;
import org.symsweep.access.Id;
import org.symsweep.access.SweepAccess;
import org.symsweep.access.Secrets;

/**
 * Read-only share links of a sweep (editors list, create and revoke them) and the sweep's audit trail.
 */
@Path("/api/sweeps/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {
    private final AccessStore store;
    private final Audit audit;
    private final Access access;

    public ShareResource(AccessStore store, Audit audit, Access access) {
        this.store = store;
        this.audit = audit;
        this.access = access;
    }

    public record NewShare(long id, String label, OffsetDateTime expiresAt, String token, String path) {
    }

    /** {@code {"label": "for the reviewers", "expiresInHours": 168}}; both optional. The token is shown only here. */
    @POST
    @Path("/shares")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("id") Id sweepId, String body) {
        SweepAccess sweep = access.sweep(sweepId, Access.Need.EDIT);
        Bodies fields = Bodies.of(body, Set.of("label", "expiresInHours"));
        String label = fields.optionalText("label");
        if (label != null && label.length() > 100) {
            throw new ApiException(Response.Status.BAD_REQUEST, "label", "has " + label.length() + " characters; at most 100 are allowed");
        }
        Long hours = fields.optionalLong("expiresInHours", 1, 24 * 365);
        OffsetDateTime expires = hours == null ? null : OffsetDateTime.now().plusHours(hours);
        String token = Secrets.generate("");
        long share = store.createShare(sweep.sweepId(), Secrets.hash(token), label, access.account().accountId(), expires);
        audit.sweep("share", sweep, label);
        return Response.status(Response.Status.CREATED).entity(new NewShare(share, label, expires, token, "/#/shared/" + token)).build();
    }

    @GET
    @Path("/shares")
    public List<AccessStore.ShareInfo> list(@PathParam("id") Id sweepId) {
        return store.shares(access.sweep(sweepId, Access.Need.EDIT).sweepId());
    }

    @DELETE
    @Path("/shares/{share}")
    public Response revoke(@PathParam("id") Id sweepId, @PathParam("share") Id share) {
        SweepAccess sweep = access.sweep(sweepId, Access.Need.EDIT);
        if (!store.revokeShare(sweep.sweepId(), share.value())) {
            throw ApiException.notFound("share link", share.value());
        }
        audit.sweep("unshare", sweep, "link " + share);
        return Response.noContent().build();
    }

    /** Who did what to this sweep, newest first (up to 500 events); team members only (names and links are the team's). */
    @GET
    @Path("/audit")
    public List<AccessStore.AuditEvent> sweepAudit(@PathParam("id") Id sweepId) {
        return store.auditOfSweep(access.sweep(sweepId, Access.Need.MEMBER).sweepId());
    }
}
