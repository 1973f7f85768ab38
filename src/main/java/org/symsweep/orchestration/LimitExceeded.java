package org.symsweep.orchestration;

import java.util.OptionalInt;

/**
 * A request refused by a cost limit before its work started: 413 when the request itself is too costly,
 * 429 when too many like it are running (retry after the given seconds), 503 when the work overran its time.
 * The message names the value, the limit and its setting.
 */
public final class LimitExceeded extends RuntimeException {
    private final int status;
    private final String field;
    private final OptionalInt retryAfterSeconds;

    private LimitExceeded(int status, String field, String message, OptionalInt retryAfterSeconds) {
        super(message);
        this.status = status;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static LimitExceeded tooLarge(String field, String message) {
        return new LimitExceeded(413, field, message, OptionalInt.empty());
    }

    public static LimitExceeded busy(String field, String message, int retryAfterSeconds) {
        return new LimitExceeded(429, field, message, OptionalInt.of(retryAfterSeconds));
    }

    public static LimitExceeded unavailable(String field, String message, int retryAfterSeconds) {
        return new LimitExceeded(503, field, message, OptionalInt.of(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
