package org.symsweep.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.symsweep.access.Access;
import org.symsweep.access.AccessStore;
import org.symsweep.access.Audit;
import org.symsweep.access.Id;
import org.symsweep.access.Role;

/** Teams, their members and roles, their projects and their audit trail. A team one is not in answers 404. */
@Path("/api/teams")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {
    private final AccessStore store;
    private final Access access;
    private final Audit audit;

    public TeamResource(AccessStore store, Access access, Audit audit) {
        this.store = store;
        this.access = access;
        this.audit = audit;
    }

    /** The caller's teams with their role and projects. */
    @GET
    public List<AccessStore.TeamMembership> mine() {
        return store.memberships(access.account().accountId());
    }

    public record TeamView(long id, String name, Role role, List<AccessStore.Project> projects, List<AccessStore.Member> members) {
    }

    /** A new team ({@code {"name"}}) with the caller as its admin and a project named 'default'. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        long caller = access.account().accountId();
        String name = Bodies.of(body, Set.of("name")).name("name");
        if (store.teamByName(name).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "name", "a team named '" + name + "' exists");
        }
        long id = store.createTeam(name, caller);
        audit.record("create", "team", id, id, name);
        return Response.status(Response.Status.CREATED).entity(team(new Id(id))).build();
    }

    @GET
    @Path("/{id}")
    public TeamView team(@PathParam("id") Id team) {
        Role role = access.teamRole(team);
        long id = team.value();
        AccessStore.TeamMembership mine = store.memberships(access.account().accountId()).stream()
                .filter(t -> t.teamId() == id).findFirst().orElseThrow();
        return new TeamView(id, mine.teamName(), role, mine.projects(), store.members(id));
    }

    /** Adds a member or changes their role ({@code {"role": "viewer"|"editor"|"admin"}}); team admins only. */
    @PUT
    @Path("/{id}/members/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TeamView setMember(@PathParam("id") Id team, @PathParam("username") String username, String body) {
        long id = access.requireTeamRole(team, Role.ADMIN);
        Role role = Role.parse(Bodies.of(body, Set.of("role")).choice("role", Set.of("viewer", "editor", "admin"), null)).orElseThrow();
        AccessStore.Account account = store.account(username)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "username", "no account named '" + Bodies.shorten(username) + "'"));
        if (role != Role.ADMIN && store.role(id, account.id()).orElse(null) == Role.ADMIN && store.admins(id) == 1) {
            throw new ApiException(Response.Status.CONFLICT, "role", "'" + account.username() + "' is the team's last admin; make someone else admin first");
        }
        store.setMember(id, account.id(), role);
        audit.record("set-role", "account", account.id(), id, account.username() + " -> " + role.id());
        return team(team);
    }

    @DELETE
    @Path("/{id}/members/{username}")
    public Response removeMember(@PathParam("id") Id team, @PathParam("username") String username) {
        long id = access.requireTeamRole(team, Role.ADMIN);
        AccessStore.Account account = store.account(username)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "username", "no account named '" + Bodies.shorten(username) + "'"));
        if (store.role(id, account.id()).orElse(null) == Role.ADMIN && store.admins(id) == 1) {
            throw new ApiException(Response.Status.CONFLICT, "username", "'" + account.username() + "' is the team's last admin");
        }
        if (!store.removeMember(id, account.id())) {
            throw new ApiException(Response.Status.NOT_FOUND, "username", "'" + account.username() + "' is not a member of this team");
        }
        audit.record("remove-member", "account", account.id(), id, account.username());
        return Response.noContent().build();
    }

    /** A new project in the team ({@code {"name"}}); team admins only. */
    @POST
    @Path("/{id}/projects")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createProject(@PathParam("id") Id team, String body) {
        long id = access.requireTeamRole(team, Role.ADMIN);
        String name = Bodies.of(body, Set.of("name")).name("name");
        if (store.project(id, name).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "name", "the team has a project named '" + name + "'");
        }
        long project = store.createProject(id, name);
        audit.record("create", "project", project, id, name);
        return Response.status(Response.Status.CREATED).entity(new AccessStore.Project(project, id, name)).build();
    }

    /** Renames a project of the team ({@code {"name"}}); team admins only. Its sweeps stay where they are. */
    @PUT
    @Path("/{id}/projects/{project}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccessStore.Project renameProject(@PathParam("id") Id team, @PathParam("project") Id projectRef, String body) {
        long id = access.requireTeamRole(team, Role.ADMIN);
        long projectId = projectRef.value();
        AccessStore.Project project = projectOf(id, projectId);
        String name = Bodies.of(body, Set.of("name")).name("name");
        store.project(id, name).filter(other -> other.id() != projectId).ifPresent(other -> {
            throw new ApiException(Response.Status.CONFLICT, "name", "the team has a project named '" + other.name() + "'");
        });
        store.renameProject(projectId, name);
        audit.record("rename", "project", projectId, id, project.name() + " -> " + name);
        return new AccessStore.Project(projectId, id, name);
    }

    /** Deletes an empty project of the team; team admins only. A project with sweeps is kept (409): delete them first. */
    @DELETE
    @Path("/{id}/projects/{project}")
    public Response deleteProject(@PathParam("id") Id team, @PathParam("project") Id projectRef) {
        long id = access.requireTeamRole(team, Role.ADMIN);
        long projectId = projectRef.value();
        AccessStore.Project project = projectOf(id, projectId);
        if (!store.deleteEmptyProject(projectId)) {
            long sweeps = store.sweepsInProject(projectId);
            long datasets = store.datasetsInProject(projectId);
            throw new ApiException(Response.Status.CONFLICT, "project", "project '" + project.name() + "' holds " + sweeps
                    + (sweeps == 1 ? " sweep" : " sweeps") + " and " + datasets + (datasets == 1 ? " dataset" : " datasets")
                    + "; a project is deleted only when empty, so that no result or data goes with it");
        }
        audit.record("delete", "project", projectId, id, project.name());
        return Response.noContent().build();
    }

    private AccessStore.Project projectOf(long teamId, long projectId) {
        return store.project(projectId).filter(p -> p.teamId() == teamId)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "project", "the team has no project " + projectId));
    }

    /** Who launched, paused, cancelled, extended, deleted, shared what in the team, newest first. */
    @GET
    @Path("/{id}/audit")
    public PageView<AccessStore.AuditEvent> audit(@PathParam("id") Id team, @QueryParam("page") String page, @QueryParam("size") String size) {
        long id = team.value();
        access.teamRole(team);
        Paging paging = Paging.of(page, size);
        return PageView.of(store.auditOfTeam(id, paging.page(), paging.size()), paging.page(), paging.size(), store.auditCountOfTeam(id));
    }
}
