package org.symsweep.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryXorTest {

    @Test
    void theBayesRuleOnGeneratedDataReachesTheBayesLine() {
        // The Bayes rule: if c differs from a the switch was on and b = a XOR c; otherwise guess b = 0.
        for (double p : new double[] {0.0, 0.5, 0.8, 1.0}) {
            int rows = 200_000;
            int dim = 5;
            Modalities data = BinaryXor.generate(rows, dim, p, new SplittableRandom(7));
            float[] a = data.values().get(0);
            float[] b = data.values().get(1);
            float[] c = data.values().get(2);
            int hits = 0;
            for (int i = 0; i < rows; i++) {
                boolean same = true;
                for (int j = 0; j < dim; j++) {
                    same &= a[i * dim + j] == c[i * dim + j];
                }
                boolean right = true;
                for (int j = 0; j < dim; j++) {
                    float guess = same ? 0 : (a[i * dim + j] != c[i * dim + j] ? 1 : 0);
                    right &= guess == b[i * dim + j];
                }
                hits += right ? 1 : 0;
            }
            double expected = Math.pow(2, -5) + p * 31 / 32;
            assertThat(BinaryXor.bayesAccuracy(dim, p)).isCloseTo(expected, within(1e-12));
            // Binomial standard error at 200,000 rows is below 0.0012.
            assertThat((double) hits / rows).as("p = " + p).isCloseTo(expected, within(0.004));
        }
    }

    @Test
    void candidatesEnumerateEveryBinaryVectorAndIndexTheTarget() {
        float[] all = BinaryXor.allCandidates(5);
        assertThat(all).hasSize(32 * 5);
        Modalities data = BinaryXor.generate(50, 5, 0.3, new SplittableRandom(1));
        long[] index = BinaryXor.candidateIndex(data);
        float[] b = data.values().get(BinaryXor.TARGET);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(all[(int) index[i] * 5 + j]).isEqualTo(b[i * 5 + j]);
            }
        }
    }
}
