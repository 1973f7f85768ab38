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
    /** The O(N^2) loss materialises N^(M-1) tuples of D values and N x N^(M-1) logits. */
    public static final long MAX_TUPLE_VALUES = 20_000_000;

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
        double tuples = StrictMath.pow(rows, embeddings.length - 1);
        if (tuples * Math.max(dim, rows) > MAX_TUPLE_VALUES) {
            throw new InvalidEmbeddings("embeddings", String.format(
                    "%d modalities of %d rows need %.0f tuples for the O(N^2) loss (times %d values); at most %d values are"
                            + " evaluated: send fewer rows", embeddings.length, rows, tuples, Math.max(dim, rows), MAX_TUPLE_VALUES));
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
            return new Result(symile, clip, table);
        }
    }
}
