package org.symsweep.ml.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.EngineTest;
import org.symsweep.ml.nn.ParameterGroup;

/** The optimisers against the update rules written out with plain doubles, one scalar at a time. */
class OptimizerTest extends EngineTest {
    private static final double[] START = {0.5, -1.0, 2.0};
    private static final double[][] GRADIENTS = {{0.1, -0.2, 0.3}, {-0.4, 0.1, 0.0}, {0.2, 0.2, -0.1}, {1.0, -1.0, 0.5}};
    @Test
    void adamWMatchesTorchsUpdateWithDecoupledDecayAndWarmup() {
        OptimizerConfig config = new OptimizerConfig(OptimizerKind.ADAMW, 0.05, 0.9, 0.999, 1e-8, 0.1, 2.0, 3);
        Map<ParameterGroup, NDArray> params = params();
        Optimizer optimizer = Optimizer.create(config, params, manager);
        for (ParameterGroup group : ParameterGroup.values()) {
            double lrMul = group == ParameterGroup.GATE ? 2.0 : 1.0;
            double decay = group == ParameterGroup.GATE ? 0.0 : 0.1;
            double[] p = START.clone();
            double[] m = new double[3];
            double[] v = new double[3];
            for (int t = 1; t <= GRADIENTS.length; t++) {
                double lr = 0.05 * lrMul * Math.min(1, t / 3.0);
                for (int i = 0; i < 3; i++) {
                    double g = GRADIENTS[t - 1][i];
                    p[i] *= 1 - lr * decay;
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                    p[i] -= lr / (1 - Math.pow(0.9, t)) * m[i] / denominator;
                }
                if (group == ParameterGroup.MODEL) {
                    optimizer.step(params, gradients(t - 1), manager);
                }
            }
            assertClose(params.get(group), p);
        }
    }

    @Test
    void adamWDecaysWeightsEvenWithZeroGradients() {
        OptimizerConfig config = new OptimizerConfig(OptimizerKind.ADAMW, 0.1, 0.9, 0.999, 1e-8, 0.5, 1.0, 0);
        Map<ParameterGroup, NDArray> params = params();
        Optimizer optimizer = Optimizer.create(config, params, manager);
        Map<ParameterGroup, NDArray> zero = new EnumMap<>(ParameterGroup.class);
        params.forEach((g, p) -> zero.put(g, manager.zeros(p.getShape())));
        optimizer.step(params, zero, manager);
        // L2-style decay would go through Adam's normalisation and move every weight by about lr.
        assertClose(params.get(ParameterGroup.MODEL), new double[] {0.5 * 0.95, -1.0 * 0.95, 2.0 * 0.95});
        assertClose(params.get(ParameterGroup.GATE), START);
    }

    @Test
    void scheduleFreeAdamWFollowsTheSpecAndSwitchesToAveragedWeightsForEvaluation() {
        double lr0 = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.95;
        double eps = 1e-7;
        double decay = 0.05;
        int warmup = 2;
        OptimizerConfig config = new OptimizerConfig(OptimizerKind.SCHEDULE_FREE_ADAMW, lr0, beta1, beta2, eps, decay, 2.0, warmup);
        Map<ParameterGroup, NDArray> params = params();
        Optimizer optimizer = Optimizer.create(config, params, manager);
        for (int t = 0; t < GRADIENTS.length; t++) {
            optimizer.step(params, gradients(t), manager);
        }
        for (ParameterGroup group : ParameterGroup.values()) {
            double lrMul = group == ParameterGroup.GATE ? 2.0 : 1.0;
            double wd = group == ParameterGroup.GATE ? 0.0 : decay;
            double[] y = START.clone();
            double[] z = START.clone();
            double[] v = new double[3];
            double lrMax = 0;
            double weightSum = 0;
            for (int k = 0; k < GRADIENTS.length; k++) {
                double lr = lr0 * lrMul * Math.min(1, (k + 1) / (double) warmup) * Math.sqrt(1 - Math.pow(beta2, k + 1));
                lrMax = Math.max(lrMax, lr);
                weightSum += lrMax * lrMax;
                double c = lrMax * lrMax / weightSum;
                for (int i = 0; i < 3; i++) {
                    double g = GRADIENTS[k][i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    double normalized = g / (Math.sqrt(v[i]) + eps) + wd * y[i];
                    y[i] = y[i] + c * (z[i] - y[i]);
                    y[i] = y[i] + lr * (beta1 * (1 - c) - 1) * normalized;
                    z[i] = z[i] - lr * normalized;
                }
            }
            assertClose(params.get(group), y);
            double[] x = new double[3];
            for (int i = 0; i < 3; i++) {
                x[i] = y[i] + (1 - 1 / beta1) * (z[i] - y[i]);
            }
            optimizer.evalMode(params);
            assertClose(params.get(group), x);
            optimizer.trainMode(params);
            assertClose(params.get(group), y);
        }
    }

    @Test
    void clippingScalesTheJointNormDownToTheLimit() {
        Map<ParameterGroup, NDArray> gradients = new EnumMap<>(ParameterGroup.class);
        gradients.put(ParameterGroup.MODEL, manager.create(new float[] {3, 0}));
        gradients.put(ParameterGroup.GATE, manager.create(new float[] {0, 4}));
        assertThat(GradientClipping.clip(gradients, 1.0)).isCloseTo(5.0, within(1e-6));
        assertClose(gradients.get(ParameterGroup.MODEL), new double[] {0.6, 0});
        assertClose(gradients.get(ParameterGroup.GATE), new double[] {0, 0.8});
        // Under the limit nothing changes.
        assertThat(GradientClipping.clip(gradients, 10.0)).isCloseTo(1.0, within(1e-6));
        assertClose(gradients.get(ParameterGroup.GATE), new double[] {0, 0.8});
    }

    private Map<ParameterGroup, NDArray> params() {
        Map<ParameterGroup, NDArray> params = new EnumMap<>(ParameterGroup.class);
        for (ParameterGroup group : ParameterGroup.values()) {
            params.put(group, manager.create(toFloats(START)));
        }
        return params;
    }

    private Map<ParameterGroup, NDArray> gradients(int t) {
        Map<ParameterGroup, NDArray> gradients = new EnumMap<>(ParameterGroup.class);
        for (ParameterGroup group : ParameterGroup.values()) {
            gradients.put(group, manager.create(toFloats(GRADIENTS[t])));
        }
        return gradients;
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private static void assertClose(NDArray actual, double[] expected) {
        float[] values = actual.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) values[i]).as("element " + i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
