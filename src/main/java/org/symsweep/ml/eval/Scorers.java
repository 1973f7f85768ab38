package org.symsweep.ml.eval;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.symsweep.ml.loss.Mip;
import org.symsweep.ml.nn.ModalityGate;
import org.symsweep.ml.nn.Vectors;

/**
 * The three variants' retrieval scores. Positive factors (exp(s), variance scaling) and terms constant
 * over candidates (CLIP's query-query dot products) do not change a ranking and are left out.
 */
public final class Scorers {
    private Scorers() {
    }

    /** Symile: MIP of the candidate with the product of the query's embeddings. */
    public static RetrievalScorer symile() {
        return (target, candidates, queries, step) -> Mip.queriesByCandidates(Vectors.product(others(target, queries)), candidates);
    }

    /** CLIP: the sum of the candidate's dot products with each query embedding. */
    public static RetrievalScorer clip() {
        return (target, candidates, queries, step) -> {
            NDArray sum = null;
            for (NDArray rows : others(target, queries)) {
                sum = sum == null ? rows : sum.add(rows);
            }
            return Mip.queriesByCandidates(sum, candidates);
        };
    }

    /** Gated Symile: the gate re-evaluated for every (query, candidate) pair, factorised. */
    public static RetrievalScorer gated(ModalityGate gate) {
        return gate::scores;
    }

    static List<NDArray> others(int target, List<NDArray> queries) {
        List<NDArray> others = new ArrayList<>(queries.size() - 1);
        for (int m = 0; m < queries.size(); m++) {
            if (m != target) {
                others.add(queries.get(m));
            }
        }
        return others;
    }
}
