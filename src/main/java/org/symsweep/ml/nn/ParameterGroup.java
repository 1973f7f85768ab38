package org.symsweep.ml.nn;

/** Optimiser groups: the gate trains with its own learning-rate multiplier and no weight decay. */
public enum ParameterGroup {
    MODEL,
    GATE
}
