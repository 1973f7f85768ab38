package org.symsweep.access;

/**
 * Who sent the request. An account through its browser session or an API token, or someone holding a share
 * link, who may read one sweep and nothing else.
 *
 * @param canWrite false for read-scoped tokens and share links: they may only GET
 * @param sharedSweepId the one sweep a share link opens; null for accounts
 * @param csrfToken the session's CSRF token (browser sessions only)
 */
public record Caller(Kind kind, Long accountId, String username, boolean siteAdmin, boolean canWrite, Long sharedSweepId,
                     String csrfToken) {

    public enum Kind { SESSION, TOKEN, SHARE }

    public static Caller session(long accountId, String username, boolean siteAdmin, String csrfToken) {
        return new Caller(Kind.SESSION, accountId, username, siteAdmin, true, null, csrfToken);
    }

    public static Caller token(long accountId, String username, boolean siteAdmin, boolean canWrite) {
        return new Caller(Kind.TOKEN, accountId, username, siteAdmin, canWrite, null, null);
    }

    public static Caller share(long sweepId) {
        return new Caller(Kind.SHARE, null, "share link", false, false, sweepId, null);
    }

    public boolean isAccount() {
        return accountId != null;
    }

    /** How the audit trail names this caller. */
    public String actor() {
        return kind == Kind.TOKEN ? username + " (API token)" : username;
    }
}
