package org.symsweep.ml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.symsweep.ml.Engines;
import org.symsweep.ml.eval.Scorers;

/**
 * The objectives on given embeddings, for cross-checking this implementation against others: the Symile
 * loss with O(N^2) negatives (exp(s) * MIP, mean over anchors, no variance scaling), the pairwise CLIP loss
 * (summed over pairs, as the Symile paper's code does) and the retrieval scores of the first modality's
 * rows as candidates for every query row of the others (the MIP of the candidate with the query's
 * product, unscaled). Embeddings are used as given (not normalised), in float64.
 */
public final class ObjectiveEvaluation {
    public static final int MIN_MODALITIES = 2;
    public static final int MAX_MODALITIES = 8;
    /** exp(logScale) must stay a finite double. */
    public static final double MAX_LOG_SCALE = 709.78;

    private ObjectiveEvaluation() {
    }

    public record Result(double symileNSquaredLoss, double clipLoss, double[][] retrievalScores) {
    }

    /** A shape or value the evaluation cannot take; {@code field} locates it, e.g. embeddings[1][3]. */
    public static final class InvalidEmbeddings extends IllegalArgumentException {
        private final String field;

        public InvalidEmbeddings(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Checks shapes and values; the arrays are [modality][row][dimension]. */
    public static void validate(double[][][] embeddings, double logScale) {
        if (embeddings.length < MIN_MODALITIES || embeddings.length > MAX_MODALITIES) {
            throw new InvalidEmbeddings("embeddings", "has " + embeddings.length + " modalities; " + MIN_MODALITIES + " to "
                    + MAX_MODALITIES + " are allowed");
        }
        int rows = embeddings[0].length;
        if (rows < 1) {
            throw new InvalidEmbeddings("embeddings[0]", "has no rows; every modality needs at least one");
        }
        int dim = embeddings[0][0].length;
        if (dim < 1) {
            throw new InvalidEmbeddings("embeddings[0][0]", "is empty; embeddings need at least one dimension");
        }
        for (int m = 0; m < embeddings.length; m++) {
            if (embeddings[m].length != rows) {
                throw new InvalidEmbeddings("embeddings[" + m + "]", "has " + embeddings[m].length + " rows but embeddings[0] has "
                        + rows + "; every modality needs the same rows");
            }
            for (int i = 0; i < rows; i++) {
                if (embeddings[m][i].length != dim) {
                    throw new InvalidEmbeddings("embeddings[" + m + "][" + i + "]", "has " + embeddings[m][i].length
                            + " values but embeddings[0][0] has " + dim + "; every embedding needs the same dimension");
                }
                for (int d = 0; d < dim; d++) {
                    if (!Double.isFinite(embeddings[m][i][d])) {
                        throw new InvalidEmbeddings("embeddings[" + m + "][" + i + "][" + d + "]",
                                "is " + embeddings[m][i][d] + "; values must be finite numbers");
                    }
                }
            }
        }
        if (!Double.isFinite(logScale)) {
            throw new InvalidEmbeddings("logScale", "is " + logScale + "; it must be a finite number");
        }
        if (logScale > MAX_LOG_SCALE) {
            throw new InvalidEmbeddings("logScale", "is " + logScale + "; exp(logScale) scales the logits and must be a finite number,"
                    + " so at most " + MAX_LOG_SCALE + " is allowed");
        }
    }

    /**
     * The bytes the evaluation allocates, from how the losses compute (all of it lives in one NDManager until
     * the evaluation ends, so the anchors add up rather than reuse memory). With M modalities, N rows, D dims
     * and T = N^(M-1) tuples, in float64 (8 bytes a value):
     * <ul>
     * <li>Symile O(N^2), per anchor ({@link SymileLoss#tuples}): the last level gathers N blocks of
     * N^(M-2) x D rows (T x D), multiplies them (T x D more) and concatenates them one block at a time, which
     * copies 2 + 3 + ... + N blocks: (N(N+1)/2 - 1) / N x T x D. The earlier levels add at most 1/(N-1) of
     * that. Then the N x T logits, their scaled copy and the cross-entropy's log-softmax and pick: about 4 x N x T.
     * Per anchor: ((N+1)/2 + 2) x T x D x N/(N-1) + 4 x N x T values (with M = 2 the other modality's rows are
     * the tuples, so only the 4 x N x T); times M anchors.</li>
     * <li>CLIP: per pair of modalities an N x N logit table, scaled, and both directions' log-softmax: 5 x N^2,
     * times M(M-1)/2 pairs.</li>
     * <li>Retrieval: one N x D product per query modality and the N x N score table, copied
     * out to Java twice (a flat and a nested array): (M - 1) x N x D + 3 x N^2.</li>
     * </ul>
     * For 8 modalities of 8 rows of 9 dims this gives 13.3 GB, close to the 12 GB measured (issue 13). A double,
     * because absurd shapes overflow a long.
     */
    public static double estimatedBytes(int modalities, int rows, int dim) {
        double n = rows;
        double tuples = StrictMath.pow(n, modalities - 1);
        double levelFactor = rows > 1 ? n / (n - 1) : 1;
        // With two modalities the other modality's rows are the tuples themselves: nothing is built.
        double building = modalities > 2 ? ((n + 1) / 2 + 2) * tuples * dim * levelFactor : 0;
        double perAnchor = building + 4 * n * tuples;
        double symile = modalities * perAnchor;
        double clip = modalities * (modalities - 1) / 2.0 * 5 * n * n;
        double retrieval = (modalities - 1) * n * dim + 3 * n * n;
        return 8 * (symile + clip + retrieval);
    }

    /** Refuses, before anything is allocated, an evaluation whose {@link #estimatedBytes} exceed {@code maxBytes}. */
    public static void checkCost(double[][][] embeddings, long maxBytes) {
        int rows = embeddings[0].length;
        int dim = embeddings[0][0].length;
        double bytes = estimatedBytes(embeddings.length, rows, dim);
        if (bytes > maxBytes) {
            throw new TooCostly(String.format("%d modalities of %d rows of %d values need about %s for the O(N^2) loss (it enumerates"
                            + " %d^%d = %.0f tuples per anchor); at most %s is allowed (symsweep.limits.evaluate.memory): send fewer rows or"
                            + " modalities", embeddings.length, rows, dim, describeBytes(bytes), rows, embeddings.length - 1,
                    StrictMath.pow(rows, embeddings.length - 1), describeBytes(maxBytes)));
        }
    }

    /** An evaluation that would cost more than allowed; {@code field} is always {@code embeddings}. */
    public static final class TooCostly extends IllegalArgumentException {
        public TooCostly(String message) {
            super(message);
        }
    }

    static String describeBytes(double bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GiB", bytes / (1L << 30));
        }
        return bytes >= 1L << 20 ? String.format("%.1f MiB", bytes / (1L << 20)) : String.format("%.0f bytes", bytes);
    }

    /** A NaN or infinite result is refused, never answered: it names the input that overflowed. */
    private static void checkFinite(double symile, double clip, double[] scores, double logScale) {
        for (double score : scores) {
            if (!Double.isFinite(score)) {
                throw new InvalidEmbeddings("embeddings", "give a retrieval score of " + score + ": the products of the values"
                        + " overflow; scale the embeddings down");
            }
        }
        if (!Double.isFinite(symile) || !Double.isFinite(clip)) {
            throw new InvalidEmbeddings("logScale", "is " + logScale + " and gives a loss of " + (Double.isFinite(symile) ? clip : symile)
                    + ": the scaled logits overflow; use a smaller logScale (or smaller embeddings)");
        }
    }

    public static Result evaluate(double[][][] embeddings, double logScale) {
        validate(embeddings, logScale);
        Engines.load();
        int rows = embeddings[0].length;
        int dim = embeddings[0][0].length;
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> arrays = new ArrayList<>(embeddings.length);
            for (double[][] modality : embeddings) {
                double[] flat = new double[rows * dim];
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(modality[i], 0, flat, i * dim, dim);
                }
                arrays.add(manager.create(flat, new Shape(rows, dim)));
            }
            NDArray s = manager.create(new double[] {logScale});
            double symile = new SymileLoss(Negatives.N_SQUARED, 0, false)
                    .compute(arrays, s, null, new SplittableRandom(0), manager).toType(DataType.FLOAT64, false).getDouble();
            double clip = new ClipLoss(false).compute(arrays, s, manager).toType(DataType.FLOAT64, false).getDouble();
            double[] scores = Scorers.symile().score(0, arrays.get(0), arrays, manager).toType(DataType.FLOAT64, false).toDoubleArray();
            double[][] table = new double[rows][rows];
            for (int q = 0; q < rows; q++) {
                System.arraycopy(scores, q * rows, table[q], 0, rows);
            }
            checkFinite(symile, clip, scores, logScale);
            return new Result(symile, clip, table);
        }
    }
}
