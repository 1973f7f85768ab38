package org.symsweep.ml.train;

/** A hyperparameter name or value that training cannot accept, and why. */
public record ParameterProblem(String name, String message) {
}
