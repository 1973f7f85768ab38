package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data, copied into memory the engine allocates itself. DJL's own arrays point into
 * a JVM direct buffer whose lifetime belongs to the garbage collector (see {@link Vectors#scalar}); an
 * engine-owned copy lives exactly as long as the engine needs it, e.g. when autograd keeps an input for
 * the backward pass.
 */
public final class Tensors {
    private Tensors() {
    }

    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }
}
