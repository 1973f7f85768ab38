/**
 * Contrastive objectives: the multilinear inner product, the Symile loss with O(N), O(N^2) and pair
 * negatives (with or without the gate), and the pairwise CLIP loss (ml-spec.md sections 2.2-2.6, 3.4-3.5).
 */
package org.symsweep.ml.loss;
