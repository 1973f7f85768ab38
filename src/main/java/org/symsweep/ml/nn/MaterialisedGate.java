package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate applied literally, one gated vector per (query, candidate) pair, as the reference code does.
 * Memory and time grow as queries x candidates x D: this is the oracle that {@link ModalityGate#scores}
 * is tested against, not something to train with.
 */
public final class MaterialisedGate {
    private MaterialisedGate() {
    }

    public static NDArray scores(ModalityGate gate, int target, NDArray candidates, List<NDArray> embeddings, NDManager step) {
        GateConfig config = gate.config();
        List<Integer> others = gate.others(target);
        long n = embeddings.get(others.get(0)).getShape().get(0);
        long c = candidates.getShape().get(0);
        NDArray temperature = gate.temperature(step);
        NDArray alpha = gate.alpha(step);
        // Step 1-2: scores per (query, candidate, modality) and the NULL logit per candidate.
        List<NDArray> rawScores = new ArrayList<>();
        NDArray nullLogit = null;
        if (config.mode() == GateMode.ATTENTION) {
            NDArray q = gate.candidateQueries(target, candidates, step).expandDims(0);              // 1 x C x dk
            for (int m : others) {
                NDArray k = gate.queryKeys(m, embeddings.get(m), step).expandDims(1);             // N x 1 x dk
                rawScores.add(q.mul(k).sum(new int[] {-1}).div(temperature));                     // N x C
            }
            if (config.nullHead()) {
                nullLogit = gate.nullLogit(target, candidates, temperature, step).expandDims(0);  // 1 x C
            }
        } else {
            for (int m : others) {
                rawScores.add(gate.matrixScore(target, m, temperature, step).broadcast(n, c));
            }
            if (config.nullHead()) {
                nullLogit = gate.nullLogit(target, candidates, temperature, step).broadcast(n, c);
            }
        }
        // Step 3: weights.
        List<NDArray> w = gate.weights(rawScores, nullLogit);
        // Steps 4-6: one gated vector per (query, candidate) pair, then the MIP with the candidate.
        NDArray product = candidates.expandDims(0);                                                    // 1 x C x D
        for (int j = 0; j < others.size(); j++) {
            int m = others.get(j);
            NDArray e = embeddings.get(m).expandDims(1);                                              // N x 1 x D
            NDArray weight = w.get(j).expandDims(-1);                                                  // N x C x 1
            NDArray interpolated;
            if (config.neutral() == NeutralType.NONE) {
                interpolated = weight.mul(e);
            } else {
                NDArray neutral = gate.neutral(m, step).reshape(1, 1, -1);
                interpolated = weight.mul(e).add(weight.neg().add(1f).mul(neutral));
            }
            NDArray blended = e.mul(alpha.neg().add(1f)).add(interpolated.mul(alpha));              // N x C x D
            if (config.renormalizes()) {
                blended = Vectors.normalize(blended);
            }
            product = product.mul(blended);
        }
        return product.sum(new int[] {-1});
    }
}
