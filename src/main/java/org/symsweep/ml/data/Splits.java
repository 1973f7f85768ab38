package org.symsweep.ml.data;

import java.util.SplittableRandom;

/** Train, validation and test rows of one dataset. */
public record Splits(Modalities train, Modalities validation, Modalities test) {

    /** A seeded random split with the given fractions for train and validation; the rest is test. */
    public static Splits random(Modalities all, double trainFraction, double validationFraction, long seed) {
        int n = all.rows();
        int[] order = shuffled(n, new SplittableRandom(seed));
        int trainRows = (int) Math.round(n * trainFraction);
        int validationRows = (int) Math.round(n * validationFraction);
        return new Splits(
                all.select(java.util.Arrays.copyOfRange(order, 0, trainRows)),
                all.select(java.util.Arrays.copyOfRange(order, trainRows, trainRows + validationRows)),
                all.select(java.util.Arrays.copyOfRange(order, trainRows + validationRows, n)));
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
