package org.symsweep.ml.data;

/**
 * A feature file that cannot be used. The message names the file or array and what is wrong with it (for the
 * command line and the server log); {@link #reason()} says the same without any file or array name, for
 * what a trial shows to the people who can read its sweep.
 */
public final class FeatureFileException extends Exception {
    private final String reason;

    /** For messages that name no file and no array of the user's. */
    public FeatureFileException(String message) {
        this(message, message);
    }

    public FeatureFileException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
