/**
 * Trainable pieces: parameters kept in one flat buffer per optimiser group (so an optimiser step is a
 * handful of tensor operations, not a handful per weight), MLP encoders, and the modality gate of Gated
 * Symile with its candidate-conditioned scoring.
 */
package org.symsweep.ml.nn;
