package org.symsweep.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Softmax cross-entropy with integer labels, averaged over rows (PyTorch's F.cross_entropy). */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /** Row i's label is column i. */
    public static NDArray diagonalLabels(NDArray logits, NDManager step) {
        long rows = logits.getShape().get(0);
        return withLabels(logits, step.arange(rows).reshape(-1, 1));
    }

    /** Every row's label is column 0. */
    public static NDArray firstColumn(NDArray logits) {
        return logits.logSoftmax(1).get(":, 0").mean().neg();
    }

    /** {@code labels}: an int64 column (rows x 1) of label positions. */
    public static NDArray withLabels(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels, 1).mean().neg();
    }
}
