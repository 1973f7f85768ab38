package org.symsweep.ml.nn;

/** How the gate scores a query modality. */
public enum GateMode {
    /** Candidate-conditioned attention: the paper's gate. */
    ATTENTION,
    /** A free M x M score matrix, the same for every tuple: the candidate-independent ablation. */
    MATRIX
}
