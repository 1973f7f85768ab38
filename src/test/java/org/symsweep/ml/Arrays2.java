package org.symsweep.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Small helpers for building test tensors and comparing them with plain-Java arithmetic. */
public final class Arrays2 {
    private Arrays2() {
    }

    /** A manager on the engine as the trainer loads it (reproducible MKL mode set first). */
    public static NDManager newManager() {
        Engines.load();
        return NDManager.newBaseManager();
    }

    public static NDArray matrix(NDManager manager, double[][] rows) {
        int cols = rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols; j++) {
                flat[i * cols + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, cols));
    }

    public static double[][] randomRows(int n, int d, SplittableRandom random, boolean unit) {
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                rows[i][j] = random.nextGaussian();
                norm += rows[i][j] * rows[i][j];
            }
            if (unit) {
                for (int j = 0; j < d; j++) {
                    rows[i][j] /= Math.sqrt(norm);
                }
            }
        }
        return rows;
    }

    public static double[][] toRows(NDArray array) {
        long[] shape = array.getShape().getShape();
        float[] flat = array.toFloatArray();
        int cols = (int) shape[1];
        double[][] rows = new double[(int) shape[0]][cols];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols; j++) {
                rows[i][j] = flat[i * cols + j];
            }
        }
        return rows;
    }

    public static double maxAbsDifference(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + a.getShape() + " vs " + b.getShape());
        }
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
