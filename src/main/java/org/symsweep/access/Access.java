package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every access decision about an object, taken where the resource loads it, from the {@link Id} the request was
 * parsed into once: the sweep or trial with the caller's role in its team, the projects the caller sees, where it
 * may launch, its role in a team. Something outside the caller's teams is answered exactly as a missing one (404);
 * a role too low is 403. Refusals are {@link Denied}, answered with their status.
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

    /** What a request wants to do with a sweep. */
    public enum Need {
        /** Read the sweep's results: its team's members, or a share link to it. */
        READ,
        /** Read what concerns the team (the sweep's audit trail): members only, never a share link. */
        MEMBER,
        EDIT,
        DELETE
    }

    /**
     * The sweep {@code id} names, if the caller may do {@code need} with it: reading needs membership of its team
     * (or a share link to exactly this sweep), editing needs editor, deleting needs admin or being its author as editor.
     */
    public SweepAccess sweep(Id id, Need need) {
        String missing = "no sweep with id " + id;
        AccessStore.SweepPlace place = store.sweepPlace(id.value()).orElseThrow(() -> new Denied(404, "id", missing));
        return granted(place, need, missing);
    }

    /** The sweep of the trial {@code id} names, if the caller may read it. */
    public SweepAccess trial(Id id) {
        String missing = "no trial with id " + id;
        long sweepId = store.sweepOfTrial(id.value()).orElseThrow(() -> new Denied(404, "id", missing));
        AccessStore.SweepPlace place = store.sweepPlace(sweepId).orElseThrow(() -> new Denied(404, "id", missing));
        return granted(place, Need.READ, missing);
    }

    private SweepAccess granted(AccessStore.SweepPlace place, Need need, String missing) {
        Caller caller = current.get();
        if (caller == null) {
            throw new Denied(404, "id", missing);
        }
        if (caller.kind() == Caller.Kind.SHARE) {
            if (caller.sharedSweepId() != place.sweepId()) {
                throw new Denied(404, "id", missing);
            }
            if (need == Need.MEMBER) {
                throw new Denied(404, null, "no such resource");
            }
            if (need != Need.READ) {
                throw new Denied(403, null, "a share link can only read");
            }
            return new SweepAccess(place, null);
        }
        Role role = store.role(place.teamId(), caller.accountId()).orElseThrow(() -> new Denied(404, "id", missing));
        boolean allowed = switch (need) {
            case READ, MEMBER -> true;
            case EDIT -> role.atLeast(Role.EDITOR);
            case DELETE -> role == Role.ADMIN || (role == Role.EDITOR && caller.accountId().equals(place.createdBy()));
        };
        if (!allowed) {
            throw new Denied(403, null, need == Need.DELETE ? "only the sweep's author (as editor) or a team admin may delete it"
                    : "your role in this sweep's team is " + role.id() + "; launching and controlling sweeps needs editor");
        }
        return new SweepAccess(place, role);
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
    public AccessStore.Project launchProject(Id requested) {
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
        long id = requested.value();
        AccessStore.Project project = store.project(id).orElseThrow(() -> new Denied(404, "project", "no project with id " + id));
        Role role = store.role(project.teamId(), caller.accountId()).orElseThrow(() -> new Denied(404, "project", "no project with id " + id));
        if (!role.atLeast(Role.EDITOR)) {
            throw new Denied(403, "project", "your role in project " + id + "'s team is viewer; launching needs editor");
        }
        return project;
    }

    /** The caller's role in the team; 404 when not a member (a team one cannot see does not exist for them). */
    public Role teamRole(Id teamId) {
        return store.role(teamId.value(), account().accountId()).orElseThrow(() -> new Denied(404, "id", "no team with id " + teamId));
    }

    /** The team's id, once the caller's role in it is at least {@code needed}. */
    public long requireTeamRole(Id teamId, Role needed) {
        Role role = teamRole(teamId);
        if (!role.atLeast(needed)) {
            throw new Denied(403, null, "your role in this team is " + role.id() + "; this needs " + needed.id());
        }
        return teamId.value();
    }

    public void requireSiteAdmin() {
        if (!account().siteAdmin()) {
            throw new Denied(403, null, "only a site administrator may do this");
        }
    }
}
