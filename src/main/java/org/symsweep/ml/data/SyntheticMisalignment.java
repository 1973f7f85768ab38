package org.symsweep.ml.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic misalignment benchmark of the Gated Symile paper (ml-spec.md section 3.8). Latent bits
 * u, v in {0,1}^16 map to +-1; A = [u, v, u*v], B = [u, +1, u], C = [+1, v, v] on 48 signal coordinates
 * (so B*C equals A there), plus 80 N(0, 3^2) distractors per modality. With probability p a sample has
 * exactly one of B or C (50/50) corrupted: its signal block is swapped with another sample's (one fixed
 * permutation per modality), so it still looks valid but points to the wrong partner. The task
 * retrieves A from (B, C).
 */
public final class SyntheticMisalignment {
    public static final int TARGET = 0;
    public static final int BITS = 16;
    public static final int SIGNAL = 3 * BITS;
    public static final int DISTRACTORS = 80;
    public static final int WIDTH = SIGNAL + DISTRACTORS;
    public static final double DISTRACTOR_SD = 3.0;
    public static final int DEFAULT_ROWS = 30_000;

    private SyntheticMisalignment() {
    }

    public static Modalities generate(int rows, double p, SplittableRandom random) {
        float[][] signal = new float[3][rows * SIGNAL];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < BITS; j++) {
                float u = random.nextInt(2) * 2 - 1;
                float v = random.nextInt(2) * 2 - 1;
                int at = i * SIGNAL;
                signal[0][at + j] = u;
                signal[0][at + BITS + j] = v;
                signal[0][at + 2 * BITS + j] = u * v;
                signal[1][at + j] = u;
                signal[1][at + BITS + j] = 1;
                signal[1][at + 2 * BITS + j] = u;
                signal[2][at + j] = 1;
                signal[2][at + BITS + j] = v;
                signal[2][at + 2 * BITS + j] = v;
            }
        }
        // Corruption masks are drawn once; "B/C mutually exclusive": at most one of the two per sample.
        boolean[][] corrupted = new boolean[3][rows];
        for (int i = 0; i < rows; i++) {
            if (random.nextDouble() < p) {
                corrupted[random.nextInt(2) == 0 ? 1 : 2][i] = true;
            }
        }
        float[][] values = new float[3][rows * WIDTH];
        for (int m = 0; m < 3; m++) {
            int[] partner = Splits.shuffled(rows, random);
            for (int i = 0; i < rows; i++) {
                int source = corrupted[m][i] ? partner[i] : i;
                System.arraycopy(signal[m], source * SIGNAL, values[m], i * WIDTH, SIGNAL);
                for (int j = 0; j < DISTRACTORS; j++) {
                    values[m][i * WIDTH + SIGNAL + j] = (float) (org.symsweep.ml.nn.Init.gaussian(random) * DISTRACTOR_SD);
                }
            }
        }
        return new Modalities(List.of(values[0], values[1], values[2]), new int[] {WIDTH, WIDTH, WIDTH}, rows);
    }
}
