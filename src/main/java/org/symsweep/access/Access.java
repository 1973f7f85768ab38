package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What resources ask beyond the path checks of {@link Gatekeeper}: the signed-in account, the projects it
 * sees, where it may launch, its role in a team. Refusals are {@link Denied}, answered with their status.
 */
@ApplicationScoped
public class Access {
    private final AccessStore store;
    private final CurrentCaller current;

    public Access(AccessStore store, CurrentCaller current) {
        this.store = store;
        this.current = current;
    }

    /** A refusal: 400 (bad field), 403 (role too low) or 404 (not visible to the caller). */
    public static final class Denied extends RuntimeException {
        private final int status;
        private final String field;

        public Denied(int status, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }

        public int status() {
            return status;
        }

        public String field() {
            return field;
        }
    }

    public Caller caller() {
        return current.get();
    }

    /** The caller as an account; share links never get this far (the gatekeeper answers 404). */
    public Caller account() {
        Caller caller = current.get();
        if (caller == null || !caller.isAccount()) {
            throw new Denied(404, null, "no such resource");
        }
        return caller;
    }

    public List<Long> visibleProjects() {
        return store.visibleProjects(account().accountId());
    }

    /**
     * The project a new sweep goes to: the one asked for, which must be in a team where the caller is editor
     * or admin; without one, the caller's only such project.
     */
    public AccessStore.Project launchProject(Long requested) {
        Caller caller = account();
        if (requested == null) {
            List<AccessStore.Project> allowed = store.launchableProjects(caller.accountId());
            if (allowed.size() == 1) {
                return allowed.get(0);
            }
            if (allowed.isEmpty()) {
                throw new Denied(403, "project", "you are not editor or admin in any team, so you cannot launch sweeps");
            }
            throw new Denied(400, "project", "required: you can launch in several projects; allowed ids: "
                    + allowed.stream().map(p -> p.id() + " (" + p.name() + ")").collect(Collectors.joining(", ")));
        }
        long id = requested;
        AccessStore.Project project = store.project(id).orElseThrow(() -> new Denied(404, "project", "no project with id " + id));
        Role role = store.role(project.teamId(), caller.accountId()).orElseThrow(() -> new Denied(404, "project", "no project with id " + id));
        if (!role.atLeast(Role.EDITOR)) {
            throw new Denied(403, "project", "your role in project " + id + "'s team is viewer; launching needs editor");
        }
        return project;
    }

    /** The caller's role in the team; 404 when not a member (a team one cannot see does not exist for them). */
    public Role teamRole(long teamId) {
        return store.role(teamId, account().accountId()).orElseThrow(() -> new Denied(404, "id", "no team with id " + teamId));
    }

    public void requireTeamRole(long teamId, Role needed) {
        Role role = teamRole(teamId);
        if (!role.atLeast(needed)) {
            throw new Denied(403, null, "your role in this team is " + role.id() + "; this needs " + needed.id());
        }
    }

    public void requireSiteAdmin() {
        if (!account().siteAdmin()) {
            throw new Denied(403, null, "only a site administrator may do this");
        }
    }
}
