package org.symsweep.ml.data;

/**
 * A feature file that cannot be used. The message names the file or array and what is wrong with it (for the
 * command line and the server log); {@link #reason()} says the same without any file or array name, for
 * what a trial shows to the people who can read its sweep.
 */
public class FeatureFileException extends Exception {
    private final String reason;

    /** The reason is the message without array names and file paths. */
    public FeatureFileException(String message) {
        this(message, message.replaceAll("array '[^']*'", "an array").replaceAll("'[^']*'", "an array")
                .replaceAll("(?<![\\w.])/[^\\s:;,']+", "the data"));
    }

    public FeatureFileException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
