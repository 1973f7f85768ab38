package org.symsweep.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.symsweep.ml.nn.ModalityGate;
import org.symsweep.ml.nn.Vectors;

/**
 * The Symile loss: each modality in turn is the anchor; its rows are scored against positive and negative
 * tuples of the other modalities with exp(s) * [D^((M-1)/2)] * MIP; softmax cross-entropy; the plain mean
 * over anchors. With a gate the query modalities are gated: per (query, candidate) pair in pair mode,
 * per row otherwise (ml-spec.md section 3.5).
 *
 * @param pairNegatives K for pair mode; min(K, N - 1) are used
 * @param varianceScaling multiply logits by D^((M-1)/2), as the Gated Symile code does for every Symile logit
 */
public record SymileLoss(Negatives negatives, int pairNegatives, boolean varianceScaling) {

    /** The factor exp(s) times, with variance scaling, D^((M-1)/2). */
    public NDArray logitMultiplier(NDArray logScale, int modalities, long dim) {
        NDArray multiplier = logScale.exp();
        return varianceScaling ? multiplier.mul(Vectors.scalar(multiplier, StrictMath.pow(dim, (modalities - 1) / 2.0))) : multiplier;
    }

    /**
     * @param embeddings one (N x D) array per modality, in the batch's row order
     * @param gate null for ungated Symile
     */
    public NDArray compute(List<NDArray> embeddings, NDArray logScale, ModalityGate gate, SplittableRandom random, NDManager step) {
        int modalities = embeddings.size();
        long n = embeddings.get(0).getShape().get(0);
        long dim = embeddings.get(0).getShape().get(1);
        NDArray multiplier = logitMultiplier(logScale, modalities, dim);
        if (negatives == Negatives.PAIR && gate != null) {
            return gatedPairLoss(embeddings, n, multiplier, gate, random, step);
        }
        NDArray total = null;
        for (int anchor = 0; anchor < modalities; anchor++) {
            NDArray loss = switch (negatives) {
                case N -> onAnchorN(anchor, gate == null ? embeddings : gate.gateRows(anchor, embeddings, step), multiplier, random, step);
                case N_SQUARED -> CrossEntropy.diagonalLabels(
                        tupleLogits(anchor, gate == null ? embeddings : gate.gateRows(anchor, embeddings, step)).mul(multiplier), step);
                case PAIR -> onAnchorPair(anchor, embeddings, n, multiplier, random, step); // ungated: the gated case returned above
            };
            total = total == null ? loss : total.add(loss);
        }
        return total.div(Vectors.scalar(total, modalities));
    }

    private static NDArray onAnchorN(int anchor, List<NDArray> embeddings, NDArray multiplier, SplittableRandom random, NDManager step) {
        NDArray anchorRows = embeddings.get(anchor);
        int n = Math.toIntExact(anchorRows.getShape().get(0));
        List<NDArray> positives = new ArrayList<>();
        List<NDArray> shuffled = new ArrayList<>();
        for (int m = 0; m < embeddings.size(); m++) {
            if (m != anchor) {
                positives.add(embeddings.get(m));
                shuffled.add(embeddings.get(m).get(step.create(permutation(n, random))));
            }
        }
        NDArray logits = anchorRows.matMul(Vectors.product(shuffled).transpose());
        NDArray positive = anchorRows.mul(Vectors.product(positives)).sum(new int[] {-1});
        // Overwrite the diagonal with the true positives: column i's shuffled tuple is a negative for every other row.
        NDArray eye = step.eye(n);
        logits = logits.mul(eye.neg().add(1f)).add(eye.mul(positive.reshape(-1, 1)));
        return CrossEntropy.diagonalLabels(logits.mul(multiplier), step);
    }

    /**
     * MIP of each anchor row with every combination of the other modalities' rows: (N x N^(M-1)), the
     * positive for row i in column i. Combinations are built by cyclic shifts (ml-spec.md section 2.3).
     */
    public static NDArray tupleLogits(int anchor, List<NDArray> embeddings) {
        return embeddings.get(anchor).matMul(tuples(anchor, embeddings).transpose());
    }

    /** All N^(M-1) products of the non-anchor modalities' rows; row c's first index is c mod N. */
    static NDArray tuples(int anchor, List<NDArray> embeddings) {
        NDArray tuples = null;
        for (int m = 0; m < embeddings.size(); m++) {
            if (m == anchor) {
                continue;
            }
            NDArray rows = embeddings.get(m);
            if (tuples == null) {
                tuples = rows;
                continue;
            }
            long n = rows.getShape().get(0);
            long size = tuples.getShape().get(0);
            NDManager manager = rows.getManager();
            List<NDArray> blocks = new ArrayList<>();
            for (long shift = 0; shift < n; shift++) {
                // Row c of this block pairs the existing tuple c with rows[(c mod N - shift) mod N].
                long[] index = new long[Math.toIntExact(size)];
                for (int c = 0; c < size; c++) {
                    index[c] = Math.floorMod(c % n - shift, n);
                }
                blocks.add(tuples.mul(rows.get(manager.create(index))));
            }
            tuples = concatenate(blocks);
        }
        return tuples;
    }

    private static NDArray concatenate(List<NDArray> blocks) {
        NDArray all = blocks.get(0);
        for (int i = 1; i < blocks.size(); i++) {
            all = all.concat(blocks.get(i), 0);
        }
        return all;
    }

    private NDArray onAnchorPair(int anchor, List<NDArray> embeddings, long n, NDArray multiplier, SplittableRandom random,
                                 NDManager step) {
        NDArray anchorRows = embeddings.get(anchor);
        List<NDArray> others = new ArrayList<>();
        for (int m = 0; m < embeddings.size(); m++) {
            if (m != anchor) {
                others.add(embeddings.get(m));
            }
        }
        NDArray scores = Mip.queriesByCandidates(Vectors.product(others), anchorRows);
        // The full N x N table is one matrix product; each row then keeps its K + 1 picked columns.
        long columns = Math.min(pairNegatives, n - 1) + 1;
        NDArray candidates = step.create(pairCandidates(Math.toIntExact(n), pairNegatives, random), new Shape(n, columns));
        NDArray picked = scores.gather(candidates, 1);
        return CrossEntropy.firstColumn(picked.mul(multiplier));
    }

    /** Pair mode with the gate: every anchor's (query, candidate) table in one batched pass. */
    private NDArray gatedPairLoss(List<NDArray> embeddings, long n, NDArray multiplier, ModalityGate gate,
                                  SplittableRandom random, NDManager step) {
        int modalities = embeddings.size();
        long columns = Math.min(pairNegatives, n - 1) + 1;
        long[] index = new long[Math.toIntExact(modalities * n * columns)];
        for (int anchor = 0; anchor < modalities; anchor++) {
            long[] picks = pairCandidates(Math.toIntExact(n), pairNegatives, random);
            System.arraycopy(picks, 0, index, Math.toIntExact(anchor * n * columns), picks.length);
        }
        NDArray picked = gate.pairScores(embeddings, step.create(index, new Shape(modalities, n, columns)), step).mul(multiplier);
        // The mean over anchors and rows of the cross-entropy with the positive at position 0.
        return picked.logSoftmax(2).get(":, :, 0").mean().neg();
    }

    /** Row i: [i, K negatives drawn uniformly with replacement from the other rows], flattened. */
    static long[] pairCandidates(int n, int pairNegatives, SplittableRandom random) {
        int k = Math.min(pairNegatives, n - 1);
        long[] index = new long[n * (k + 1)];
        for (int i = 0; i < n; i++) {
            index[i * (k + 1)] = i;
            for (int j = 1; j <= k; j++) {
                int other = random.nextInt(n - 1);
                index[i * (k + 1) + j] = other >= i ? other + 1 : other;
            }
        }
        return index;
    }

    static long[] permutation(int n, SplittableRandom random) {
        return java.util.Arrays.stream(org.symsweep.ml.data.Splits.shuffled(n, random)).asLongStream().toArray();
    }
}
