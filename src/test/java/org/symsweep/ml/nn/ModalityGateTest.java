package org.symsweep.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.symsweep.ml.Arrays2;
import org.symsweep.ml.EngineTest;
import org.symsweep.ml.loss.Mip;

class ModalityGateTest extends EngineTest {
    private static final int M = 3;
    private static final int D = 8;
    static Stream<Arguments> everyGateOption() {
        List<Arguments> options = new ArrayList<>();
        for (GateMode mode : GateMode.values()) {
            for (GateType type : GateType.values()) {
                for (boolean nullHead : new boolean[] {true, false}) {
                    for (NeutralType neutral : NeutralType.values()) {
                        for (boolean renormalize : new boolean[] {true, false}) {
                            for (boolean trainAlpha : new boolean[] {true, false}) {
                                options.add(Arguments.of(new GateConfig(mode, type, nullHead, neutral, 0.63, trainAlpha, 0.5, 4, renormalize)));
                            }
                        }
                    }
                }
            }
        }
        return options.stream();
    }

    @ParameterizedTest
    @MethodSource("everyGateOption")
    void factorisedScoresEqualTheMaterialisedGateTo1e5(GateConfig config) {
        SplittableRandom random = new SplittableRandom(config.hashCode());
        ModalityGate gate = randomisedGate(config, random);
        List<NDArray> queries = queries(5, random);
        for (int target = 0; target < M; target++) {
            NDArray candidates = Arrays2.matrix(manager, Arrays2.randomRows(6, D, random, true));
            NDArray factorised = gate.scores(target, candidates, queries, manager);
            NDArray materialised = MaterialisedGate.scores(gate, target, candidates, queries, manager);
            assertThat(factorised.getShape()).isEqualTo(materialised.getShape());
            assertThat(Arrays2.maxAbsDifference(factorised, materialised)).as(config + " target " + target).isLessThan(1e-5);
        }
    }

    /** Two to five modalities: one to four query slots, so 2 to 16 terms in the factorised sum. */
    @ParameterizedTest
    @MethodSource("everyGateOption")
    void factorisedScoresEqualTheMaterialisedGateForOtherModalityCounts(GateConfig config) {
        for (int modalities : new int[] {2, 4, 5}) {
            SplittableRandom random = new SplittableRandom(config.hashCode() + modalities);
            ParameterSet parameters = new ParameterSet();
            ModalityGate gate = new ModalityGate(parameters, modalities, D, config, random);
            parameters.build(manager);
            randomise(parameters, "gate.null.bias", modalities, random);
            randomise(parameters, "gate.scores", modalities * modalities, random);
            List<NDArray> queries = new ArrayList<>();
            for (int m = 0; m < modalities; m++) {
                queries.add(Arrays2.matrix(manager, Arrays2.randomRows(4, D, random, true)));
            }
            for (int target = 0; target < modalities; target += modalities - 1) {
                NDArray candidates = Arrays2.matrix(manager, Arrays2.randomRows(3, D, random, true));
                NDArray factorised = gate.scores(target, candidates, queries, manager);
                NDArray materialised = MaterialisedGate.scores(gate, target, candidates, queries, manager);
                assertThat(Arrays2.maxAbsDifference(factorised, materialised)).as(config + " M=" + modalities + " target " + target)
                        .isLessThan(1e-5);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("everyGateOption")
    void allTargetsInOnePassEqualEachTargetAlone(GateConfig config) {
        SplittableRandom random = new SplittableRandom(config.hashCode() + 1L);
        ModalityGate gate = randomisedGate(config, random);
        List<NDArray> queries = queries(5, random);
        NDArray stacked = ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(queries));
        NDArray together = gate.batchedScores(new int[] {0, 1, 2}, stacked, queries, null, manager);
        for (int target = 0; target < M; target++) {
            NDArray alone = gate.scores(target, queries.get(target), queries, manager);
            assertThat(Arrays2.maxAbsDifference(together.get(target), alone)).as(config + " target " + target).isLessThan(1e-6);
        }
        // Scoring only picked (query, candidate) pairs, as the pair-mode loss does, gives the same values.
        long[] picks = new long[M * 5 * 3];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = random.nextInt(5);
        }
        NDArray columns = manager.create(picks, new ai.djl.ndarray.types.Shape(M, 5, 3));
        NDArray picked = gate.batchedScores(new int[] {0, 1, 2}, stacked, queries, columns, manager);
        assertThat(picked.getShape()).isEqualTo(columns.getShape());
        assertThat(Arrays2.maxAbsDifference(picked, together.gather(columns, 2))).as(config + " picked").isLessThan(1e-6);
        // The pair loss's shortcut (candidates are the query rows themselves) gives the same values.
        NDArray pairs = gate.pairScores(queries, columns, manager);
        assertThat(Arrays2.maxAbsDifference(pairs, picked)).as(config + " pair scores").isLessThan(1e-6);
    }

    @Test
    void alphaZeroGivesTheUngatedScore() {
        GateConfig config = new GateConfig(GateMode.ATTENTION, GateType.SIGMOID, true, NeutralType.RANDOM_TRAINABLE, 0.0, false, 0.5, 4, true);
        ParameterSet parameters = new ParameterSet();
        ModalityGate gate = new ModalityGate(parameters, M, D, config, new SplittableRandom(1));
        parameters.build(manager);
        SplittableRandom random = new SplittableRandom(2);
        List<NDArray> queries = queries(4, random);
        NDArray candidates = queries.get(0);
        NDArray gated = gate.scores(0, candidates, queries, manager);
        NDArray ungated = Mip.queriesByCandidates(queries.get(1).mul(queries.get(2)), candidates);
        assertThat(Arrays2.maxAbsDifference(gated, ungated)).isLessThan(1e-6);
    }

    @Test
    void weightsOfOneLeaveEveryEmbeddingUnchangedForAnyStrength() {
        for (double alpha : new double[] {0.2, 0.7, 1.0}) {
            GateConfig config = new GateConfig(GateMode.MATRIX, GateType.SIGMOID, false, NeutralType.RANDOM_FROZEN, alpha, false, 0.5, 4, true);
            ParameterSet parameters = new ParameterSet();
            ModalityGate gate = new ModalityGate(parameters, M, D, config, new SplittableRandom(3));
            parameters.build(manager);
            float[] certain = new float[M * M];
            java.util.Arrays.fill(certain, 100f); // sigmoid(100 / T) = 1 in float
            parameters.assign("gate.scores", certain);
            List<NDArray> queries = queries(4, new SplittableRandom(4));
            NDArray candidates = Arrays2.matrix(manager, Arrays2.randomRows(5, D, new SplittableRandom(5), true));
            NDArray gated = gate.scores(1, candidates, queries, manager);
            NDArray ungated = Mip.queriesByCandidates(queries.get(0).mul(queries.get(2)), candidates);
            assertThat(Arrays2.maxAbsDifference(gated, ungated)).as("alpha " + alpha).isLessThan(1e-6);
            List<NDArray> rows = gate.gateRows(1, queries, manager);
            assertThat(Arrays2.maxAbsDifference(rows.get(0), queries.get(0))).isLessThan(1e-6);
        }
    }

    @Test
    void rowGatingEqualsPairGatingOnTheDiagonal() {
        GateConfig config = GateConfig.tuned(4);
        ParameterSet parameters = new ParameterSet();
        ModalityGate gate = new ModalityGate(parameters, M, D, config, new SplittableRandom(6));
        parameters.build(manager);
        List<NDArray> queries = queries(5, new SplittableRandom(7));
        NDArray pairScores = gate.scores(2, queries.get(2), queries, manager);
        List<NDArray> gated = gate.gateRows(2, queries, manager);
        NDArray ownScores = Mip.rows(List.of(queries.get(2), gated.get(0), gated.get(1)));
        float[] diagonal = pairScores.diagonal().toFloatArray();
        float[] own = ownScores.toFloatArray();
        for (int i = 0; i < own.length; i++) {
            assertThat(diagonal[i]).isCloseTo(own[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    /** A gate whose NULL bias and matrix scores (zero at start) are random too, so every term is exercised. */
    private ModalityGate randomisedGate(GateConfig config, SplittableRandom random) {
        ParameterSet parameters = new ParameterSet();
        ModalityGate gate = new ModalityGate(parameters, M, D, config, random);
        parameters.build(manager);
        randomise(parameters, "gate.null.bias", M, random);
        randomise(parameters, "gate.scores", M * M, random);
        return gate;
    }

    private void randomise(ParameterSet parameters, String name, int size, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        try {
            parameters.assign(name, values);
        } catch (IllegalArgumentException absentInThisConfiguration) {
            // e.g. no NULL bias without a NULL head, no score matrix in attention mode
        }
    }

    private List<NDArray> queries(int n, SplittableRandom random) {
        List<NDArray> rows = new ArrayList<>();
        for (int m = 0; m < M; m++) {
            rows.add(Arrays2.matrix(manager, Arrays2.randomRows(n, D, random, true)));
        }
        return rows;
    }
}
