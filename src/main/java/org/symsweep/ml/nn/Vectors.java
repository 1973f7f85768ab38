package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;

/** Small tensor helpers shared by the encoders, the gate and the losses. */
public final class Vectors {
    private Vectors() {
    }

    /** Divides each row (last axis) by its L2 norm, clamped at 1e-12 as PyTorch's normalize does. */
    public static NDArray normalize(NDArray x) {
        return x.div(clampedNorm(x));
    }

    /**
     * normalize(x) / divisor in one division: the divisor (broadcast against the rows' norms) multiplies the
     * small array of norms, not the rows.
     */
    public static NDArray normalize(NDArray x, NDArray divisor) {
        return x.div(clampedNorm(x).mul(divisor));
    }

    private static NDArray clampedNorm(NDArray x) {
        return x.norm(new int[] {-1}, true).maximum(scalar(x, 1e-12));
    }

    /**
     * A constant as an engine-owned 0-d array, for arithmetic that autograd records. DJL's own scalar
     * overloads (x.mul(2f)) put the constant in a JVM direct buffer that is released right after the
     * operation; autograd keeps the constant for the backward pass of mul, div and maximum, and read it
     * from memory the garbage collector had already freed: gradients then changed from run to run.
     */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new ai.djl.ndarray.types.Shape(), (float) value, like.getDataType());
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
