package org.symsweep.ml.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.symsweep.ml.Arrays2;
import org.symsweep.ml.nn.GateConfig;
import org.symsweep.ml.nn.ModalityGate;
import org.symsweep.ml.nn.ParameterSet;
import org.symsweep.ml.nn.Vectors;

/**
 * Autograd's gradient of each loss with respect to the embeddings against central finite differences,
 * in float64 on tiny inputs. Random negatives are drawn from the same seed at every evaluation.
 */
class GradientCheckTest {
    private static final int M = 3;
    private static final int N = 4;
    private static final int D = 3;

    interface LossOf {
        NDArray of(List<NDArray> embeddings, NDArray logScale, NDManager manager);
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of("symile n", gated(false, (e, s, m, gate) -> new SymileLoss(Negatives.N, 0, false).compute(e, s, null, new SplittableRandom(1), m))),
                Arguments.of("symile n_squared", gated(false, (e, s, m, gate) -> new SymileLoss(Negatives.N_SQUARED, 0, true).compute(e, s, null, new SplittableRandom(1), m))),
                Arguments.of("symile pair", gated(false, (e, s, m, gate) -> new SymileLoss(Negatives.PAIR, 2, true).compute(e, s, null, new SplittableRandom(1), m))),
                Arguments.of("gated pair", gated(true, (e, s, m, gate) -> new SymileLoss(Negatives.PAIR, 3, true).compute(e, s, gate, new SplittableRandom(1), m))),
                Arguments.of("gated n", gated(true, (e, s, m, gate) -> new SymileLoss(Negatives.N, 0, true).compute(e, s, gate, new SplittableRandom(1), m))),
                Arguments.of("clip", gated(false, (e, s, m, gate) -> new ClipLoss(false).compute(e, s, m))));
    }

    interface GatedLoss {
        NDArray of(List<NDArray> e, NDArray s, NDManager m, ModalityGate gate);
    }

    /** Wraps a loss so that inputs are normalised first (as the model does) and, if asked, a gate exists. */
    static Function<NDManager, LossOf> gated(boolean withGate, GatedLoss loss) {
        return manager -> {
            ModalityGate gate = null;
            if (withGate) {
                ParameterSet parameters = new ParameterSet();
                gate = new ModalityGate(parameters, M, D, GateConfig.tuned(2), new SplittableRandom(8));
                parameters.build(manager, ai.djl.ndarray.types.DataType.FLOAT64);
            }
            ModalityGate g = gate;
            return (embeddings, s, m) -> {
                List<NDArray> normalized = new ArrayList<>();
                embeddings.forEach(x -> normalized.add(Vectors.normalize(x)));
                return loss.of(normalized, s, m, g);
            };
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void autogradMatchesFiniteDifferences(String name, Function<NDManager, LossOf> make) {
        try (NDManager manager = Arrays2.newManager()) {
            LossOf loss = make.apply(manager);
            SplittableRandom random = new SplittableRandom(21);
            double[][] values = new double[M][N * D];
            for (double[] v : values) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextGaussian();
                }
            }
            NDArray logScale = manager.create(new double[] {0.3});
            // Analytic gradient.
            List<NDArray> leaves = new ArrayList<>();
            for (double[] v : values) {
                NDArray leaf = manager.create(v, new Shape(N, D));
                leaf.setRequiresGradient(true);
                leaves.add(leaf);
            }
            boolean mode = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            NDArray value = loss.of(leaves, logScale, manager);
            JniUtils.backward((PtNDArray) value, (PtNDArray) manager.ones(value.getShape(), value.getDataType()), false, false);
            JniUtils.setGradMode(false);
            // Numeric gradient, coordinate by coordinate.
            double h = 1e-6;
            double worst = 0;
            for (int m = 0; m < M; m++) {
                double[] analytic = leaves.get(m).getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < N * D; i++) {
                    double saved = values[m][i];
                    values[m][i] = saved + h;
                    double up = evaluate(loss, values, logScale, manager);
                    values[m][i] = saved - h;
                    double down = evaluate(loss, values, logScale, manager);
                    values[m][i] = saved;
                    double numeric = (up - down) / (2 * h);
                    worst = Math.max(worst, Math.abs(numeric - analytic[i]) / Math.max(1.0, Math.abs(numeric)));
                }
            }
            JniUtils.setGradMode(mode);
            assertThat(worst).as(name).isLessThan(1e-6);
        }
    }

    private static double evaluate(LossOf loss, double[][] values, NDArray logScale, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> inputs = new ArrayList<>();
            for (double[] v : values) {
                inputs.add(scope.create(v, new Shape(N, D)));
            }
            return loss.of(inputs, logScale, scope).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }
}
