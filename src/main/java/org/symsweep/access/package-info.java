/**
 * Who may do what: accounts with Argon2id-hashed passwords, teams with viewer/editor/admin roles, projects
 * that hold sweeps, browser sessions (HTTP-only cookie plus a CSRF token), personal API tokens, read-only
 * share links and the audit trail. Quarkus side: it knows HTTP and SQL, and the resources of {@code api}
 * ask it for every sweep they touch, so a sweep of another team is answered 404 everywhere.
 */
package org.symsweep.access;
