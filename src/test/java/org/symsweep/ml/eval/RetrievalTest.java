package org.symsweep.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.symsweep.ml.Arrays2;
import org.symsweep.ml.nn.GateConfig;
import org.symsweep.ml.nn.ModalityGate;
import org.symsweep.ml.nn.ParameterSet;

class RetrievalTest {

    @Test
    void chunkedGatedRetrievalPicksTheSameCandidatesAsOnePass() {
        try (NDManager manager = Arrays2.newManager()) {
            ParameterSet parameters = new ParameterSet();
            ModalityGate gate = new ModalityGate(parameters, 3, 8, GateConfig.tuned(4), new SplittableRandom(1));
            parameters.build(manager);
            SplittableRandom random = new SplittableRandom(2);
            List<NDArray> queries = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                queries.add(Arrays2.matrix(manager, Arrays2.randomRows(37, 8, random, true)));
            }
            NDArray bank = Arrays2.matrix(manager, Arrays2.randomRows(101, 8, random, true));
            long[] onePass = Retrieval.best(Scorers.gated(gate), 0, bank, queries, 1024, manager);
            long[] chunked = Retrieval.best(Scorers.gated(gate), 0, bank, queries, 7, manager);
            assertThat(chunked).containsExactly(onePass);
            long[] direct = gate.scores(0, bank, queries, manager).argMax(1).toLongArray();
            assertThat(onePass).containsExactly(direct);
        }
    }

    @Test
    void aBankOfTenThousandCandidatesIsScoredInBoundedChunks() {
        try (NDManager manager = Arrays2.newManager()) {
            ParameterSet parameters = new ParameterSet();
            ModalityGate gate = new ModalityGate(parameters, 3, 16, GateConfig.tuned(16), new SplittableRandom(3));
            parameters.build(manager);
            SplittableRandom random = new SplittableRandom(4);
            List<NDArray> queries = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                queries.add(Arrays2.matrix(manager, Arrays2.randomRows(1_500, 16, random, true)));
            }
            NDArray bank = Arrays2.matrix(manager, Arrays2.randomRows(10_000, 16, random, true));
            // 1,500 x 10,000 gated scores in 1024 x 1024 chunks; the full table would never be held at once.
            long[] best = Retrieval.best(Scorers.gated(gate), 0, bank, queries, Retrieval.DEFAULT_CHUNK, manager);
            assertThat(best).hasSize(1_500);
            assertThat(java.util.Arrays.stream(best).min().orElseThrow()).isGreaterThanOrEqualTo(0L);
            assertThat(java.util.Arrays.stream(best).max().orElseThrow()).isLessThanOrEqualTo(9_999L);
            // Chunking does not change the answer: the same bank in one (large) chunk gives the same picks.
            assertThat(Retrieval.best(Scorers.gated(gate), 0, bank, queries, 10_000, manager)).containsExactly(best);
        }
    }

    @Test
    void topOneCountsExactMatches() {
        assertThat(Retrieval.top1(new long[] {1, 2, 3, 4}, new long[] {1, 0, 3, 0})).isEqualTo(0.5);
    }
}
