package org.symsweep.ml.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** Scores of every candidate for every query: (queries x candidates); larger is a better match. */
@FunctionalInterface
public interface RetrievalScorer {
    /**
     * @param target the candidates' modality
     * @param candidates (C x D) embeddings of the target modality
     * @param queries each modality's (N x D) query rows; the target's entry is not used
     */
    NDArray score(int target, NDArray candidates, List<NDArray> queries, NDManager step);
}
