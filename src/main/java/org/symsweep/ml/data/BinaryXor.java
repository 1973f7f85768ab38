package org.symsweep.ml.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The binary XOR benchmark of the Symile paper (ml-spec.md section 2.9): a, b ~ Bern(0.5)^d
 * independently; per sample one switch i ~ Bern(p); c = a XOR b if i = 1, else c = a. The task
 * retrieves b from (a, c) among all 2^d binary vectors.
 */
public final class BinaryXor {
    /** Modality indices: a = 0, b = 1 (the retrieval target), c = 2. */
    public static final int TARGET = 1;

    private BinaryXor() {
    }

    public static Modalities generate(int rows, int dim, double p, SplittableRandom random) {
        float[] a = new float[rows * dim];
        float[] b = new float[rows * dim];
        float[] c = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            boolean xor = random.nextDouble() < p;
            for (int j = 0; j < dim; j++) {
                int ai = random.nextInt(2);
                int bi = random.nextInt(2);
                a[i * dim + j] = ai;
                b[i * dim + j] = bi;
                c[i * dim + j] = xor ? (ai ^ bi) : ai;
            }
        }
        return new Modalities(List.of(a, b, c), new int[] {dim, dim, dim}, rows);
    }

    /** Every binary vector of length dim; row k is k's bits, most significant first. */
    public static float[] allCandidates(int dim) {
        int count = 1 << dim;
        float[] candidates = new float[count * dim];
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < dim; j++) {
                candidates[k * dim + j] = (k >> (dim - 1 - j)) & 1;
            }
        }
        return candidates;
    }

    /** For each row of the target modality, the index of its vector among {@link #allCandidates}. */
    public static long[] candidateIndex(Modalities data) {
        int dim = data.width(TARGET);
        float[] b = data.values().get(TARGET);
        long[] index = new long[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            int k = 0;
            for (int j = 0; j < dim; j++) {
                k = (k << 1) | (b[i * dim + j] > 0.5f ? 1 : 0);
            }
            index[i] = k;
        }
        return index;
    }

    /** Bayes-optimal top-1 accuracy: 2^-d + p (1 - 2^-d). */
    public static double bayesAccuracy(int dim, double p) {
        double chance = StrictMath.pow(2, -dim);
        return chance + p * (1 - chance);
    }
}
