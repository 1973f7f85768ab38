package org.symsweep.ml.loss;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.symsweep.ml.nn.Vectors;

/**
 * The multilinear inner product: sum over d of the product over modalities of x_m[d]. For two arguments
 * it is the dot product; for a candidate and a query it is the candidate's dot product with the
 * elementwise product of the query's embeddings.
 */
public final class Mip {
    private Mip() {
    }

    /** Row-wise MIP of equally shaped (N x D) arrays: (N). */
    public static NDArray rows(List<NDArray> rows) {
        return Vectors.product(rows).sum(new int[] {-1});
    }

    /** MIP of every candidate (C x D) with every query product (N x D): (N x C). */
    public static NDArray queriesByCandidates(NDArray queryProducts, NDArray candidates) {
        return queryProducts.matMul(candidates.transpose());
    }
}
