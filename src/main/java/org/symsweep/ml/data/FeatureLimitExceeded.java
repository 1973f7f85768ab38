package org.symsweep.ml.data;

/**
 * A feature file larger than a configured limit: {@code limit} is the setting's name, so the refusal can say
 * which setting an administrator would raise.
 */
public final class FeatureLimitExceeded extends FeatureFileException {
    private final String limit;

    public FeatureLimitExceeded(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
