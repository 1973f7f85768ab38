package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data, copied into memory the engine allocates itself: DJL's own arrays point into
 * a JVM direct buffer, whose address (and so alignment) differs from run to run and whose lifetime is
 * tied to the garbage collector. Engine-owned copies are aligned the same way every run and live exactly
 * as long as their array.
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
