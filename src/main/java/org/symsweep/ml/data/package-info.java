/**
 * Where trials get their data: the binary XOR benchmark of the Symile paper, the synthetic misalignment
 * benchmark of the Gated Symile paper, and a user's own per-modality feature files (.npz or .npy),
 * each split into train, validation and test rows.
 */
package org.symsweep.ml.data;
