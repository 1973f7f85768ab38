package org.symsweep.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntheticMisalignmentTest {
    private static final int S = SyntheticMisalignment.SIGNAL;
    private static final int W = SyntheticMisalignment.WIDTH;

    @Test
    void withoutMisalignmentBTimesCEqualsAOnTheSignalBlock() {
        Modalities data = SyntheticMisalignment.generate(500, 0.0, new SplittableRandom(3));
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < S; j++) {
                float a = data.values().get(0)[i * W + j];
                float bc = data.values().get(1)[i * W + j] * data.values().get(2)[i * W + j];
                assertThat(bc).isEqualTo(a);
            }
        }
    }

    @Test
    void misalignmentCorruptsExactlyOneOfBOrCWithProbabilityP() {
        int rows = 20_000;
        double p = 0.4;
        Modalities data = SyntheticMisalignment.generate(rows, p, new SplittableRandom(4));
        int corrupted = 0;
        for (int i = 0; i < rows; i++) {
            boolean bMatches = blockMatches(data, i, 1);
            boolean cMatches = blockMatches(data, i, 2);
            assertThat(bMatches || cMatches).as("row " + i + " has both B and C corrupted").isTrue();
            corrupted += bMatches && cMatches ? 0 : 1;
        }
        // A swapped-in signal block rarely matches by chance, so the corrupted share is close to p.
        assertThat((double) corrupted / rows).isCloseTo(p, within(0.02));
    }

    @Test
    void distractorsHaveStandardDeviationThree() {
        Modalities data = SyntheticMisalignment.generate(2000, 0.5, new SplittableRandom(5));
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int i = 0; i < 2000; i++) {
            for (int j = S; j < W; j++) {
                double x = data.values().get(0)[i * W + j];
                sum += x;
                squares += x * x;
                count++;
            }
        }
        double mean = sum / count;
        assertThat(Math.sqrt(squares / count - mean * mean)).isCloseTo(3.0, within(0.03));
    }

    /** B's (or C's) signal agrees with A's: u block for B, v block for C, and the product block. */
    private static boolean blockMatches(Modalities data, int i, int m) {
        float[] a = data.values().get(0);
        float[] x = data.values().get(m);
        int bits = SyntheticMisalignment.BITS;
        for (int j = 0; j < bits; j++) {
            int own = m == 1 ? j : bits + j;
            if (x[i * W + own] != a[i * W + own]) {
                return false;
            }
        }
        return true;
    }
}
