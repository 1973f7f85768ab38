package org.symsweep.ml.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-1 retrieval over a candidate bank, in chunks of queries and candidates so that memory stays
 * bounded (chunk x chunk scores at a time) however large the bank. Ties go to the first candidate.
 */
public final class Retrieval {
    /** Queries and candidates per chunk: 1024 x 1024 scores, a few MiB per intermediate. */
    public static final int DEFAULT_CHUNK = 1024;

    private Retrieval() {
    }

    /**
     * For each query, the index of its best-scoring candidate.
     *
     * @param queries each modality's (N x D) query rows; the target's entry is not used
     */
    public static long[] best(RetrievalScorer scorer, int target, NDArray candidates, List<NDArray> queries, int chunk, NDManager manager) {
        long n = queries.get(target == 0 ? 1 : 0).getShape().get(0);
        long c = candidates.getShape().get(0);
        long[] best = new long[Math.toIntExact(n)];
        for (long q0 = 0; q0 < n; q0 += chunk) {
            long q1 = Math.min(n, q0 + chunk);
            float[] bestScore = new float[Math.toIntExact(q1 - q0)];
            java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
            for (long c0 = 0; c0 < c; c0 += chunk) {
                long c1 = Math.min(c, c0 + chunk);
                try (NDManager part = manager.newSubManager()) {
                    List<NDArray> queryChunk = new ArrayList<>(queries.size());
                    for (NDArray rows : queries) {
                        NDArray slice = rows.get(new NDIndex("{}:{}", q0, q1));
                        slice.attach(part);
                        queryChunk.add(slice);
                    }
                    NDArray candidateChunk = candidates.get(new NDIndex("{}:{}", c0, c1));
                    candidateChunk.attach(part);
                    NDArray scores = scorer.score(target, candidateChunk, queryChunk, part);
                    float[] top = scores.max(new int[] {1}).toFloatArray();
                    long[] arg = scores.argMax(1).toLongArray();
                    for (int i = 0; i < top.length; i++) {
                        // Strictly greater: an equal score in a later chunk does not displace an earlier candidate.
                        if (top[i] > bestScore[i]) {
                            bestScore[i] = top[i];
                            best[Math.toIntExact(q0 + i)] = c0 + arg[i];
                        }
                    }
                }
            }
        }
        return best;
    }

    /** Fraction of queries whose best candidate is the correct one. */
    public static double top1(long[] best, long[] correct) {
        if (best.length != correct.length) {
            throw new IllegalArgumentException(best.length + " predictions for " + correct.length + " queries");
        }
        int hits = 0;
        for (int i = 0; i < best.length; i++) {
            if (best[i] == correct[i]) {
                hits++;
            }
        }
        return best.length == 0 ? 0 : (double) hits / best.length;
    }
}
