package org.symsweep.ml.data;

/** A feature file that cannot be used; the message names the file or array and what is wrong with it. */
public class FeatureFileException extends Exception {
    public FeatureFileException(String message) {
        super(message);
    }
}
