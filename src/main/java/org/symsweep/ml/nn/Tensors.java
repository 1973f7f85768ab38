package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data, copied into memory the engine allocates itself. A tensor made straight from
 * a Java buffer starts at whatever address the JVM gave the buffer, and the CPU kernels' rounding depends
 * on alignment: the same seed gave slightly different numbers from run to run. Engine-allocated memory
 * is always aligned the same way.
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
