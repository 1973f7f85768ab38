package org.symsweep.access;

/**
 * A request refused because a limit is reached, not because it is wrong: 429 when the caller's own budget is
 * spent, 503 when the server's is; answered with Retry-After and a message that names the limit.
 */
public final class TryLater extends RuntimeException {
    private final int status;
    private final long retryAfterSeconds;

    public TryLater(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
