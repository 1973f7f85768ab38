package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;

/** Small tensor helpers shared by the encoders, the gate and the losses. */
public final class Vectors {
    private Vectors() {
    }

    /** Divides each row (last axis) by its L2 norm, clamped at 1e-12 as PyTorch's normalize does. */
    public static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true).maximum(1e-12f));
    }

    /** Elementwise product of all arrays, broadcasting as needed. */
    public static NDArray product(java.util.List<NDArray> arrays) {
        NDArray product = arrays.get(0);
        for (int i = 1; i < arrays.size(); i++) {
            product = product.mul(arrays.get(i));
        }
        return product;
    }
}
