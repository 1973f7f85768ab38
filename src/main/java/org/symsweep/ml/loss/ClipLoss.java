package org.symsweep.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.symsweep.ml.nn.Vectors;

/**
 * Pairwise CLIP: for every pair of modalities the symmetric InfoNCE loss (rows and columns of
 * exp(s) * a b^T, averaged), then summed over pairs (the Symile paper's code) or averaged (the Gated
 * Symile code). No variance scaling.
 */
public record ClipLoss(boolean averagePairs) {

    public NDArray compute(List<NDArray> embeddings, NDArray logScale, NDManager step) {
        NDArray scale = logScale.exp();
        NDArray total = null;
        int pairs = 0;
        for (int a = 0; a < embeddings.size(); a++) {
            for (int b = a + 1; b < embeddings.size(); b++) {
                NDArray logits = embeddings.get(a).matMul(embeddings.get(b).transpose()).mul(scale);
                NDArray pair = CrossEntropy.diagonalLabels(logits, step)
                        .add(CrossEntropy.diagonalLabels(logits.transpose(), step)).div(Vectors.scalar(logits, 2));
                total = total == null ? pair : total.add(pair);
                pairs++;
            }
        }
        return averagePairs ? total.div(Vectors.scalar(total, pairs)) : total;
    }
}
