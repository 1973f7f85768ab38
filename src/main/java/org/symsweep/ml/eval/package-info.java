/**
 * Zero-shot retrieval: scoring every candidate of the target modality against every query (Symile's
 * MIP, CLIP's pairwise sum, or the gate's candidate-conditioned score, in chunks) and top-1 accuracy.
 */
package org.symsweep.ml.eval;
