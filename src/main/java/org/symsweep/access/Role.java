package org.symsweep.access;

import java.util.Arrays;
import java.util.Optional;

/** A member's role in a team; each role can do what the ones before it can. */
public enum Role {
    /** Reads the team's sweeps, results and audit trail. */
    VIEWER,
    /** Launches and controls sweeps, deletes their own, creates share links. */
    EDITOR,
    /** Manages members and projects, deletes any sweep of the team. */
    ADMIN;

    /** As written in requests and shown in answers: viewer, editor, admin. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Optional<Role> parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }
}
