package org.symsweep.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.symsweep.ml.data.Modalities;
import org.symsweep.ml.eval.Retrieval;
import org.symsweep.ml.nn.Tensors;

/** A benchmark's retrieval protocol: which candidates each query is ranked against, and which is correct. */
interface Evaluation {
    /** Rows embedded per forward pass, to bound memory on large splits. */
    int EMBED_CHUNK = 4096;

    double top1(ContrastiveModel model, Modalities split, NDManager manager);

    /** XOR: every query against one fixed set of candidate inputs of the target modality. */
    static Evaluation fixedCandidates(int target, float[] candidateInputs, java.util.function.Function<Modalities, long[]> correct) {
        return (model, split, manager) -> {
            try (NDManager scope = manager.newSubManager()) {
                int width = split.width(target);
                NDArray candidates = model.embedOne(target, Tensors.of(scope, candidateInputs, new Shape(candidateInputs.length / width, width)), scope);
                List<NDArray> queries = embedAll(model, split, scope);
                long[] best = Retrieval.best(model.scorer(), target, candidates, queries, Retrieval.DEFAULT_CHUNK, scope);
                return Retrieval.top1(best, correct.apply(split));
            }
        };
    }

    /** Consecutive batches in fixed order; each batch's target embeddings are its candidate set. */
    static Evaluation inBatch(int target, int batchSize) {
        return (model, split, manager) -> {
            try (NDManager scope = manager.newSubManager()) {
                List<NDArray> all = embedAll(model, split, scope);
                long hits = 0;
                for (int start = 0; start < split.rows(); start += batchSize) {
                    int end = Math.min(split.rows(), start + batchSize);
                    List<NDArray> batch = new ArrayList<>();
                    for (NDArray rows : all) {
                        batch.add(rows.get(new NDIndex("{}:{}", start, end)));
                    }
                    long[] best = Retrieval.best(model.scorer(), target, batch.get(target), batch, Retrieval.DEFAULT_CHUNK, scope);
                    for (int i = 0; i < best.length; i++) {
                        hits += best[i] == i ? 1 : 0;
                    }
                }
                return split.rows() == 0 ? 0 : (double) hits / split.rows();
            }
        };
    }

    /** Every query against the whole split's target embeddings; correct is the query's own row. */
    static Evaluation wholeSplit(int target) {
        return (model, split, manager) -> {
            try (NDManager scope = manager.newSubManager()) {
                List<NDArray> all = embedAll(model, split, scope);
                long[] best = Retrieval.best(model.scorer(), target, all.get(target), all, Retrieval.DEFAULT_CHUNK, scope);
                long[] correct = new long[best.length];
                for (int i = 0; i < correct.length; i++) {
                    correct[i] = i;
                }
                return Retrieval.top1(best, correct);
            }
        };
    }

    static List<NDArray> embedAll(ContrastiveModel model, Modalities split, NDManager scope) {
        List<NDArray> embeddings = new ArrayList<>(split.count());
        for (int m = 0; m < split.count(); m++) {
            NDArray joined = null;
            for (int start = 0; start < split.rows(); start += EMBED_CHUNK) {
                int end = Math.min(split.rows(), start + EMBED_CHUNK);
                int[] rows = java.util.stream.IntStream.range(start, end).toArray();
                Modalities part = split.select(rows);
                NDArray e = model.embedOne(m, Tensors.of(scope, part.values().get(m), new Shape(end - start, split.width(m))), scope);
                joined = joined == null ? e : joined.concat(e, 0);
            }
            embeddings.add(joined);
        }
        return embeddings;
    }
}
