package org.symsweep.ml.nn;

/** How scores become weights: independent sigmoids (the default), or a softmax across query modalities. */
public enum GateType {
    SIGMOID,
    SOFTMAX
}
