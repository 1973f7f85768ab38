package org.symsweep.access;

/**
 * Access granted to one sweep: where it sits and the caller's role in its team (null for a share link).
 */
public record SweepAccess(AccessStore.SweepPlace place, Role role) {
}
