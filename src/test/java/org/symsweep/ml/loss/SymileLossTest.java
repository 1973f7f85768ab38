package org.symsweep.ml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.Arrays2;
import org.symsweep.ml.EngineTest;

/** The Symile and CLIP losses against values computed by hand with plain Java loops in double precision. */
class SymileLossTest extends EngineTest {
    @Test
    void mipIsTheSumOfElementwiseProducts() {
        NDArray a = Arrays2.matrix(manager, new double[][] {{1, 2, 3}});
        NDArray b = Arrays2.matrix(manager, new double[][] {{4, 5, 6}});
        NDArray c = Arrays2.matrix(manager, new double[][] {{-1, 0.5, 2}});
        // 1*4*(-1) + 2*5*0.5 + 3*6*2 = -4 + 5 + 36
        assertThat(Mip.rows(List.of(a, b, c)).toFloatArray()[0]).isEqualTo(37f);
        assertThat(Mip.rows(List.of(a, b)).toFloatArray()[0]).isEqualTo(32f);
    }

    @Test
    void nSquaredLogitsHoldEveryCombinationWithThePositiveInColumnI() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 4;
        double[][] x = Arrays2.randomRows(n, 5, random, false);
        double[][] y = Arrays2.randomRows(n, 5, random, false);
        double[][] z = Arrays2.randomRows(n, 5, random, false);
        List<NDArray> e = List.of(Arrays2.matrix(manager, x), Arrays2.matrix(manager, y), Arrays2.matrix(manager, z));
        double[][] logits = Arrays2.toRows(SymileLoss.tupleLogits(0, e));
        assertThat(logits[0]).hasSize(n * n);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    double expected = mip(x[i], y[j], z[Math.floorMod(j - k, n)]);
                    assertThat(logits[i][k * n + j]).isCloseTo(expected, within(1e-4));
                }
            }
            assertThat(logits[i][i]).isCloseTo(mip(x[i], y[i], z[i]), within(1e-4));
        }
    }

    @Test
    void nSquaredLossMatchesAHandComputedValue() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 3;
        double s = 0.7;
        double[][][] e = {Arrays2.randomRows(n, 4, random, true), Arrays2.randomRows(n, 4, random, true), Arrays2.randomRows(n, 4, random, true)};
        // By hand: for each anchor, cross-entropy over all N^2 (j, l) tuples of the other two modalities.
        double expected = 0;
        for (int anchor = 0; anchor < 3; anchor++) {
            int o1 = anchor == 0 ? 1 : 0;
            int o2 = anchor == 2 ? 1 : 2;
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double logSum = 0;
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < n; l++) {
                        logSum += Math.exp(Math.exp(s) * mip(e[anchor][i], e[o1][j], e[o2][l]));
                    }
                }
                loss += Math.log(logSum) - Math.exp(s) * mip(e[anchor][i], e[o1][i], e[o2][i]);
            }
            expected += loss / n;
        }
        expected /= 3;
        NDArray actual = new SymileLoss(Negatives.N_SQUARED, 0, false)
                .compute(tensors(e), manager.create(new float[] {(float) s}), null, new SplittableRandom(1), manager);
        assertThat(actual.getFloat()).isCloseTo((float) expected, within(1e-4f));
    }

    @Test
    void varianceScalingMultipliesLogitsByDToThePowerOfMMinusOneOverTwo() {
        NDArray s = manager.create(new float[] {0.5f});
        NDArray scaled = new SymileLoss(Negatives.PAIR, 8, true).logitMultiplier(s, 3, 64);
        assertThat(scaled.getFloat()).isCloseTo((float) (Math.exp(0.5) * 64), within(1e-3f));
        assertThat(new SymileLoss(Negatives.PAIR, 8, false).logitMultiplier(s, 3, 64).getFloat())
                .isCloseTo((float) Math.exp(0.5), within(1e-6f));
    }

    @Test
    void oNLossUsesTheTruePositiveOnTheDiagonal() {
        // With the positive on the diagonal and shuffled tuples elsewhere, the loss equals the cross-entropy
        // computed from the same permutations by hand.
        SplittableRandom data = new SplittableRandom(11);
        int n = 5;
        double s = 1.2;
        double[][][] e = {Arrays2.randomRows(n, 3, data, true), Arrays2.randomRows(n, 3, data, true), Arrays2.randomRows(n, 3, data, true)};
        SplittableRandom draws = new SplittableRandom(42);
        double expected = 0;
        for (int anchor = 0; anchor < 3; anchor++) {
            List<long[]> perms = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                if (m != anchor) {
                    perms.add(SymileLoss.permutation(n, draws));
                }
            }
            int o1 = anchor == 0 ? 1 : 0;
            int o2 = anchor == 2 ? 1 : 2;
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double[] row = new double[n];
                for (int j = 0; j < n; j++) {
                    row[j] = Math.exp(s) * (i == j ? mip(e[anchor][i], e[o1][i], e[o2][i])
                            : mip(e[anchor][i], e[o1][(int) perms.get(0)[j]], e[o2][(int) perms.get(1)[j]]));
                }
                double logSum = 0;
                for (double v : row) {
                    logSum += Math.exp(v);
                }
                loss += Math.log(logSum) - row[i];
            }
            expected += loss / n;
        }
        expected /= 3;
        NDArray actual = new SymileLoss(Negatives.N, 0, false)
                .compute(tensors(e), manager.create(new float[] {(float) s}), null, new SplittableRandom(42), manager);
        assertThat(actual.getFloat()).isCloseTo((float) expected, within(1e-4f));
    }

    @Test
    void pairNegativesNeverPickTheRowItself() {
        long[] index = SymileLoss.pairCandidates(6, 4, new SplittableRandom(9));
        for (int i = 0; i < 6; i++) {
            assertThat(index[i * 5]).isEqualTo(i);
            for (int j = 1; j <= 4; j++) {
                assertThat(index[i * 5 + j]).isNotEqualTo(i).isBetween(0L, 5L);
            }
        }
        // K is capped at N - 1.
        assertThat(SymileLoss.pairCandidates(3, 100, new SplittableRandom(1))).hasSize(3 * 3);
    }

    @Test
    void pairLossMatchesAHandComputedValue() {
        SplittableRandom data = new SplittableRandom(12);
        int n = 4;
        int k = 2;
        double s = -0.3;
        double[][][] e = {Arrays2.randomRows(n, 3, data, true), Arrays2.randomRows(n, 3, data, true), Arrays2.randomRows(n, 3, data, true)};
        SplittableRandom draws = new SplittableRandom(77);
        double expected = 0;
        for (int anchor = 0; anchor < 3; anchor++) {
            long[] index = SymileLoss.pairCandidates(n, k, draws);
            int o1 = anchor == 0 ? 1 : 0;
            int o2 = anchor == 2 ? 1 : 2;
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double logSum = 0;
                double positive = 0;
                for (int c = 0; c <= k; c++) {
                    int candidate = (int) index[i * (k + 1) + c];
                    double logit = Math.exp(s) * 3 * mip(e[anchor][candidate], e[o1][i], e[o2][i]); // 3 = D^((M-1)/2) for D = 3, M = 3
                    logSum += Math.exp(logit);
                    if (c == 0) {
                        positive = logit;
                    }
                }
                loss += Math.log(logSum) - positive;
            }
            expected += loss / n;
        }
        expected /= 3;
        NDArray actual = new SymileLoss(Negatives.PAIR, k, true)
                .compute(tensors(e), manager.create(new float[] {(float) s}), null, new SplittableRandom(77), manager);
        assertThat(actual.getFloat()).isCloseTo((float) expected, within(1e-4f));
    }

    @Test
    void clipLossMatchesAHandComputedValueSummedOrAveraged() {
        SplittableRandom data = new SplittableRandom(13);
        int n = 3;
        double s = 0.4;
        double[][][] e = {Arrays2.randomRows(n, 4, data, true), Arrays2.randomRows(n, 4, data, true), Arrays2.randomRows(n, 4, data, true)};
        double sum = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double rows = 0;
                double cols = 0;
                for (int i = 0; i < n; i++) {
                    double rowSum = 0;
                    double colSum = 0;
                    for (int j = 0; j < n; j++) {
                        rowSum += Math.exp(Math.exp(s) * mip(e[a][i], e[b][j]));
                        colSum += Math.exp(Math.exp(s) * mip(e[b][i], e[a][j]));
                    }
                    rows += Math.log(rowSum) - Math.exp(s) * mip(e[a][i], e[b][i]);
                    cols += Math.log(colSum) - Math.exp(s) * mip(e[a][i], e[b][i]);
                }
                sum += (rows / n + cols / n) / 2;
            }
        }
        NDArray logScale = manager.create(new float[] {(float) s});
        assertThat(new ClipLoss(false).compute(tensors(e), logScale, manager).getFloat()).isCloseTo((float) sum, within(1e-4f));
        assertThat(new ClipLoss(true).compute(tensors(e), logScale, manager).getFloat()).isCloseTo((float) (sum / 3), within(1e-4f));
    }

    private List<NDArray> tensors(double[][][] e) {
        List<NDArray> list = new ArrayList<>();
        for (double[][] rows : e) {
            list.add(Arrays2.matrix(manager, rows));
        }
        return list;
    }

    static double mip(double[]... vectors) {
        double sum = 0;
        for (int d = 0; d < vectors[0].length; d++) {
            double product = 1;
            for (double[] v : vectors) {
                product *= v[d];
            }
            sum += product;
        }
        return sum;
    }
}
