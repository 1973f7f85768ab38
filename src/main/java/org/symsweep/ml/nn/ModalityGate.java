package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The modality gate of Gated Symile (ml-spec.md section 3.3). For a candidate of the target modality t
 * and a query's other modalities e_m it computes weights w_m, pulls each e_m toward its neutral n_m
 * (g = w e + (1 - w) n), blends with strength alpha (A e + B n with A = 1 - alpha + alpha w,
 * B = alpha (1 - w)) and re-normalises.
 *
 * <p>{@link #scores} never materialises a gated vector per (query, candidate) pair: the MIP of a candidate
 * with a product of such blends expands into one matrix product per choice of e or n for each query
 * modality, and the blend's norm has a closed form. {@link MaterialisedGate} computes the same literally
 * and serves as the test oracle.
 */
public final class ModalityGate {
    private static final float LAYER_NORM_EPS = 1e-5f;
    /** With a trainable strength, alpha = 0 or 1 is started from this close instead (gamma stays finite). */
    private static final double ALPHA_EDGE = 1e-6;

    private final GateConfig config;
    private final int modalities;
    private final int dim;
    private final ParameterSet parameters;
    /** Per modality m: W_q^m and W_k^m, stacked (M x D x dk) so a batched pass picks them in one operation. */
    private final ParameterSet.Ref queryProjections;
    private final ParameterSet.Ref keyProjections;
    private final ParameterSet.Ref nullNormGain;
    private final ParameterSet.Ref nullNormBias;
    private final ParameterSet.Ref nullHidden;
    private final ParameterSet.Ref nullHiddenBias;
    private final ParameterSet.Ref nullOut;
    private final ParameterSet.Ref nullOutBias;
    private final ParameterSet.Ref nullBias;
    private final ParameterSet.Ref scoreMatrix;
    private final ParameterSet.Ref rho;
    private final ParameterSet.Ref strength;
    private final ParameterSet.Ref neutrals;
    /** Values that depend only on the parameters or on one input array, computed once per step. */
    private NDManager cachedFor;
    private final java.util.Map<String, NDArray> stepCache = new java.util.HashMap<>();
    private final java.util.Map<NDArray, NDArray[]> perInput = new java.util.IdentityHashMap<>();

    public ModalityGate(ParameterSet parameters, int modalities, int dim, GateConfig config, SplittableRandom random) {
        this.config = config;
        this.modalities = modalities;
        this.dim = dim;
        this.parameters = parameters;
        int dk = config.keyDim();
        boolean attention = config.mode() == GateMode.ATTENTION;
        if (attention) {
            // Drawn modality by modality, query then key, each like its own linear layer.
            float[] queryInit = new float[modalities * dim * dk];
            float[] keyInit = new float[modalities * dim * dk];
            for (int m = 0; m < modalities; m++) {
                System.arraycopy(Init.linearDefault(dim, dim * dk, random), 0, queryInit, m * dim * dk, dim * dk);
                System.arraycopy(Init.linearDefault(dim, dim * dk, random), 0, keyInit, m * dim * dk, dim * dk);
            }
            queryProjections = parameters.trainable("gate.query", ParameterGroup.GATE, new Shape(modalities, dim, dk), queryInit);
            keyProjections = parameters.trainable("gate.key", ParameterGroup.GATE, new Shape(modalities, dim, dk), keyInit);
        } else {
            queryProjections = null;
            keyProjections = null;
        }
        if (attention && config.nullHead()) {
            nullNormGain = parameters.trainable("gate.null.norm.gain", ParameterGroup.GATE, new Shape(dim), Init.filled(dim, 1f));
            nullNormBias = parameters.trainable("gate.null.norm.bias", ParameterGroup.GATE, new Shape(dim), new float[dim]);
            nullHidden = parameters.trainable("gate.null.hidden", ParameterGroup.GATE, new Shape(dk, dim),
                    Init.linearDefault(dim, dim * dk, random));
            nullHiddenBias = parameters.trainable("gate.null.hidden.bias", ParameterGroup.GATE, new Shape(dk),
                    Init.linearDefault(dim, dk, random));
            nullOut = parameters.trainable("gate.null.out", ParameterGroup.GATE, new Shape(1, dk), Init.linearDefault(dk, dk, random));
            nullOutBias = parameters.trainable("gate.null.out.bias", ParameterGroup.GATE, new Shape(1), Init.linearDefault(dk, 1, random));
        } else {
            nullNormGain = null;
            nullNormBias = null;
            nullHidden = null;
            nullHiddenBias = null;
            nullOut = null;
            nullOutBias = null;
        }
        nullBias = config.nullHead()
                ? parameters.trainable("gate.null.bias", ParameterGroup.GATE, new Shape(modalities), new float[modalities])
                : null;
        scoreMatrix = attention ? null
                : parameters.trainable("gate.scores", ParameterGroup.GATE, new Shape(modalities, modalities),
                        new float[modalities * modalities]);
        rho = parameters.trainable("gate.rho", ParameterGroup.GATE, new Shape(1),
                new float[] {(float) StrictMath.log(config.initialTemperature())});
        if (config.trainAlpha()) {
            double a = Math.min(Math.max(config.initialAlpha(), ALPHA_EDGE), 1 - ALPHA_EDGE);
            strength = parameters.trainable("gate.gamma", ParameterGroup.GATE, new Shape(1),
                    new float[] {(float) StrictMath.log(a / (1 - a))});
        } else {
            strength = parameters.frozen("gate.alpha", new Shape(1), new float[] {(float) config.initialAlpha()});
        }
        neutrals = switch (config.neutral()) {
            case RANDOM_TRAINABLE -> parameters.trainable("gate.neutrals", ParameterGroup.GATE, new Shape(modalities, dim),
                    randomDirections(modalities, dim, random));
            case RANDOM_FROZEN -> parameters.frozen("gate.neutrals", new Shape(modalities, dim), randomDirections(modalities, dim, random));
            case ONES -> parameters.frozen("gate.neutrals", new Shape(modalities, dim),
                    Init.filled(modalities * dim, (float) (1 / Math.sqrt(dim))));
            case NONE -> null;
        };
    }

    private static float[] randomDirections(int modalities, int dim, SplittableRandom random) {
        float[] values = new float[modalities * dim];
        for (int m = 0; m < modalities; m++) {
            System.arraycopy(Init.unitVector(dim, random), 0, values, m * dim, dim);
        }
        return values;
    }

    public GateConfig config() {
        return config;
    }

    /** Cached values live in one step's manager: a new step starts afresh. */
    private void startStep(NDManager step) {
        if (cachedFor != step) {
            stepCache.clear();
            perInput.clear();
            cachedFor = step;
        }
    }

    private NDArray cached(String key, NDManager step, java.util.function.Supplier<NDArray> compute) {
        startStep(step);
        NDArray value = stepCache.get(key);
        if (value == null) {
            value = compute.get();
            stepCache.put(key, value);
        }
        return value;
    }

    /** T = softplus(rho) + 0.1, a one-element array. */
    NDArray temperature(NDManager step) {
        return cached("T", step, () -> Activation.softPlus(parameters.value(rho, step)).add(0.1f));
    }

    /** The gate strength alpha, a one-element array. */
    NDArray alpha(NDManager step) {
        return cached("alpha", step, () -> {
            NDArray value = parameters.value(strength, step);
            return config.trainAlpha() ? Activation.sigmoid(value) : value;
        });
    }

    /** The neutral direction of modality m as used (unit length), or null with neutral type none. */
    NDArray neutral(int m, NDManager step) {
        if (neutrals == null) {
            return null;
        }
        return cached("neutral" + m, step, () -> {
            NDArray n = parameters.value(neutrals, step).get(m);
            return config.neutral() == NeutralType.RANDOM_TRAINABLE ? Vectors.normalize(n) : n;
        });
    }

    /** normalize(W_q^t c) for candidates c (C x D): (C x dk). */
    NDArray candidateQueries(int target, NDArray candidates, NDManager step) {
        return Vectors.normalize(candidates.matMul(cached("query" + target, step, () -> parameters.value(queryProjections, step).get(target))));
    }

    /** normalize(W_k^m e) for query rows e (N x D): (N x dk), once per array and step. */
    NDArray queryKeys(int m, NDArray rows, NDManager step) {
        startStep(step);
        NDArray[] byModality = perInput.computeIfAbsent(rows, r -> new NDArray[modalities]);
        if (byModality[m] == null) {
            byModality[m] = Vectors.normalize(rows.matMul(cached("key" + m, step, () -> parameters.value(keyProjections, step).get(m))));
        }
        return byModality[m];
    }

    /** The NULL logit (h(c) + b[t]) / T per candidate (attention: shape (C); matrix mode: one element). */
    NDArray nullLogit(int target, NDArray candidates, NDArray temperature, NDManager step) {
        NDArray bias = parameters.value(nullBias, step).get(target);
        if (config.mode() == GateMode.MATRIX) {
            return bias.div(temperature);
        }
        return nullHead(candidates, step).reshape(-1).add(bias).div(temperature);
    }

    /** h(c) = Linear(ReLU(Linear(LayerNorm(c)))) for candidates (..., D): (..., 1). */
    private NDArray nullHead(NDArray candidates, NDManager step) {
        NDArray normed = LayerNorm.layerNorm(candidates, new Shape(dim), parameters.value(nullNormGain, step),
                parameters.value(nullNormBias, step), LAYER_NORM_EPS).singletonOrThrow();
        NDArray hidden = Activation.relu(Linear.linear(normed, parameters.value(nullHidden, step),
                parameters.value(nullHiddenBias, step)).singletonOrThrow());
        return Linear.linear(hidden, parameters.value(nullOut, step), parameters.value(nullOutBias, step)).singletonOrThrow();
    }

    /** The matrix-mode score of query modality m for target t, a one-element array. */
    NDArray matrixScore(int target, int m, NDArray temperature, NDManager step) {
        return parameters.value(scoreMatrix, step).get(target, m).reshape(1).div(temperature);
    }

    /**
     * Turns per-modality scores into weights (same shapes as the scores): sigmoid or softmax, each with
     * or without the NULL option; {@code nullLogit} is ignored without a NULL head.
     */
    List<NDArray> weights(List<NDArray> scores, NDArray nullLogit) {
        List<NDArray> weights = new ArrayList<>(scores.size());
        if (config.type() == GateType.SIGMOID) {
            NDArray keep = config.nullHead() ? Activation.sigmoid(nullLogit).neg().add(1f) : null;
            for (NDArray score : scores) {
                NDArray w = Activation.sigmoid(score);
                weights.add(keep == null ? w : w.mul(keep));
            }
            return weights;
        }
        // Softmax over the query modalities (and NULL), shifted by the largest logit for stability.
        NDArray largest = scores.get(0);
        for (int i = 1; i < scores.size(); i++) {
            largest = largest.maximum(scores.get(i));
        }
        if (config.nullHead()) {
            largest = largest.maximum(nullLogit);
        }
        List<NDArray> exps = new ArrayList<>(scores.size());
        NDArray total = config.nullHead() ? nullLogit.sub(largest).exp() : null;
        for (NDArray score : scores) {
            NDArray e = score.sub(largest).exp();
            exps.add(e);
            total = total == null ? e : total.add(e);
        }
        for (NDArray e : exps) {
            weights.add(e.div(total));
        }
        return weights;
    }

    /** The modalities other than the target, in order. */
    List<Integer> others(int target) {
        List<Integer> others = new ArrayList<>(modalities - 1);
        for (int m = 0; m < modalities; m++) {
            if (m != target) {
                others.add(m);
            }
        }
        return others;
    }

    /**
     * Gated MIP of every candidate with every query: (N x C), before the logit scale. {@code embeddings}
     * holds each modality's query rows (N x D), unit vectors; the target's entry is not used.
     */
    public NDArray scores(int target, NDArray candidates, List<NDArray> embeddings, NDManager step) {
        return batchedScores(new int[] {target}, candidates.expandDims(0), embeddings, null, step).squeeze(0);
    }

    /**
     * {@link #scores} for several targets at once: (T x N x C) for candidates (T x C x D), the t-th
     * block scoring candidates of modality targets[t]. One pass for all targets, and one for all query
     * modalities ("slots") within it, costs far less than a pass per target and modality in a training
     * step, where the engine's per-operation overhead dominates.
     *
     * <p>Each query modality's blend is g = a e + u n with u = alpha (1 - w) and a = 1 - u. The candidate's MIP
     * with the product of the blends is a sum over each choice of e or n per slot: the coefficient is a
     * product of a's and u's, the vector a product of e's and n's. The all-neutral vector does not depend on
     * the query, so its matrix product is one row per candidate. For unit e and n (query embeddings are
     * L2-normalised, ml-spec.md 3.2) |a e + u n|^2 = 1 - 2 a u (1 - e.n), and dividing each slot's a and u by
     * its norm divides every term by the product of the norms.
     *
     * @param columns null for every candidate; else (T x N x K) candidate indices per query, and the result is
     *     (T x N x K): the matrix products still cover every candidate (cheap), but the many elementwise
     *     operations after them, and their backward passes, run on the K picked pairs only
     */
    public NDArray batchedScores(int[] targets, NDArray candidates, List<NDArray> embeddings, NDArray columns, NDManager step) {
        return batchedScores(targets, candidates, false, embeddings, columns, step);
    }

    /**
     * The pair-mode loss's scores: every modality in turn the target, its own rows the candidates, each query
     * row scored at its picked columns (M x N x K); as {@link #batchedScores} with candidates stacked from the
     * embeddings, computed with fewer operations.
     */
    public NDArray pairScores(List<NDArray> embeddings, NDArray columns, NDManager step) {
        int[] targets = java.util.stream.IntStream.range(0, modalities).toArray();
        return batchedScores(targets, stack(embeddings), true, embeddings, columns, step);
    }

    private NDArray batchedScores(int[] targets, NDArray candidates, boolean candidatesAreQueries, List<NDArray> embeddings,
                                  NDArray columns, NDManager step) {
        int slots = modalities - 1;
        int t = targets.length;
        // slotModality[b][j]: the j-th query modality when the target is targets[b]. Per-slot tensors stack the
        // per-modality arrays in that order, target-major: stacking views costs far less in the backward pass
        // than picking rows out of one tensor by index (a zero-filled gradient of the whole tensor per pick).
        int[][] slotModality = new int[t][];
        for (int b = 0; b < t; b++) {
            slotModality[b] = others(targets[b]).stream().mapToInt(Integer::intValue).toArray();
        }
        NDArray e = stackSlots(slotModality, embeddings);                                         // T x S x N x D
        // The rows' count from a modality in use: the target's own entry may be anything (see scores).
        int n = Math.toIntExact(e.getShape().get(2));
        int c = Math.toIntExact(candidates.getShape().get(1));
        // Several targets are always scored at picked columns (every column if none are given): one layout for all.
        NDArray picks = columns != null ? columns : t > 1 ? everyColumn(t, n, c, step) : null;
        NDArray candidatesT = candidates.transpose(0, 2, 1);                                      // T x D x C
        NDArray w = batchedWeights(targets, candidates, candidatesAreQueries, embeddings, slotModality, picks, step); // T x S x N x K
        NDArray alpha = alpha(step);
        NDArray u = alpha.sub(w.mul(alpha));
        NDArray a = u.neg().add(1f);
        List<NDArray> slotRows = unstack(e, slots);
        if (config.neutral() == NeutralType.NONE) {
            // Each query modality is only scaled, by a.
            return productOverSlots(a).mul(rows(Vectors.product(slotRows).batchMatMul(candidatesT), picks, 1));
        }
        NDArray neutral = stackSlots(slotModality, allNeutrals(step).split(modalities, 0));         // T x S x 1 x D
        List<NDArray> slotN = unstack(neutral, slots);
        // The vector of each choice of e or n per slot (bit j of the choice set: slot j's neutral). The all-neutral
        // vector (the last choice) is (T x 1 x D): one score per candidate, the same for every query.
        int choices = 1 << slots;
        List<NDArray> rowVectors = new ArrayList<>(choices - 1);
        NDArray neutralVector = null;
        for (int choice = 0; choice < choices; choice++) {
            NDArray vector = null;
            for (int j = 0; j < slots; j++) {
                NDArray factor = (choice & (1 << j)) != 0 ? slotN.get(j) : slotRows.get(j);
                vector = vector == null ? factor : vector.mul(factor);
            }
            if (choice == choices - 1) {
                neutralVector = vector;
            } else {
                rowVectors.add(vector);
            }
        }
        // All query-dependent vectors against the candidates in one matrix product, picked in one gather.
        NDArray rowTables = rows(concat(rowVectors).batchMatMul(candidatesT), picks, choices - 1)
                .reshape(t, choices - 1, n, -1);                                                   // T x (2^S - 1) x N x K
        NDArray neutralTable = perCandidate(neutralVector.batchMatMul(candidatesT), picks);
        if (picks == null) {
            neutralTable = neutralTable.broadcast(new Shape(t, n, c));
        }
        NDArray tables = rowTables.concat(neutralTable.expandDims(1), 1);                        // T x 2^S x N x K
        NDArray pairs = ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(a, u), 2);         // T x S x 2 x N x K
        if (config.renormalizes()) {
            // Dividing each slot's coefficients by its blend's norm divides every choice's term by the product of
            // the norms. Query embeddings and neutrals are unit vectors (ml-spec.md 3.2: embeddings are
            // L2-normalised; neutrals are normalised at each use or fixed unit vectors), so with a = 1 - u
            // |a e + u n|^2 = 1 - 2 a u (1 - e.n): one product of the (query, candidate) sized arrays with a row value.
            NDArray cosine = e.matMul(neutral.transpose(0, 1, 3, 2));                            // T x S x N x 1
            NDArray norms = a.mul(u).mul(cosine.add(cosine).sub(2f)).add(1f)
                    // clamped as normalize() clamps each norm
                    .clip(1e-24, Float.MAX_VALUE);
            pairs = pairs.div(norms.sqrt().expandDims(2));
        }
        // Each choice's coefficient is the product over slots of a (e chosen) or u (n chosen): an outer product
        // over the slots of the pairs (a, u), ordered like the choices.
        List<NDArray> slotPairs = unstack(pairs, slots);                                         // S x (T x 2 x N x K)
        NDArray coefficients = slotPairs.get(slots - 1);
        for (int j = slots - 2; j >= 0; j--) {
            NDArray outer = coefficients.expandDims(2).mul(slotPairs.get(j).expandDims(1));      // T x 2^i x 2 x ...
            Shape shape = outer.getShape();
            coefficients = outer.reshape(shape.get(0), shape.get(1) * 2, shape.get(3), shape.get(4));
        }
        return coefficients.mul(tables).sum(new int[] {1});                                     // T x N x K
    }

    /** Every candidate column for each of n query rows of t targets: (t x n x c). */
    private static NDArray everyColumn(int t, int n, int c, NDManager step) {
        return step.arange(0, c, 1, ai.djl.ndarray.types.DataType.INT64).broadcast(new Shape(t, n, c));
    }

    /**
     * The picked columns (T x N x K) of a (T x blocks*N x C) table of row blocks, each block picked alike:
     * (T x blocks*N x K); the table itself without picks.
     */
    private static NDArray rows(NDArray table, NDArray picks, int blocks) {
        if (picks == null) {
            return table;
        }
        Shape shape = picks.getShape();
        NDArray index = blocks == 1 ? picks
                : picks.expandDims(1).broadcast(new Shape(shape.get(0), blocks, shape.get(1), shape.get(2)))
                        .reshape(shape.get(0), blocks * shape.get(1), shape.get(2));
        return table.gather(index, 2);
    }

    /**
     * Per-candidate values (T x 1 x C, or T x C) at the picked columns: (T x N x K); without picks, (T x 1 x C) as
     * they are (they broadcast over the queries).
     */
    private static NDArray perCandidate(NDArray values, NDArray picks) {
        long t = values.getShape().get(0);
        if (picks == null) {
            return values.reshape(t, 1, -1);
        }
        return values.reshape(t, -1).gather(picks.reshape(t, -1), 1).reshape(picks.getShape());
    }

    /** The product over the second axis (the slots), without it. */
    private static NDArray productOverSlots(NDArray values) {
        return values.getShape().get(1) == 1 ? values.squeeze(1) : values.prod(new int[] {1}, false);
    }

    /** The slices along the second axis, without it: views made by one split. */
    private static List<NDArray> unstack(NDArray values, int count) {
        List<NDArray> slices = new ArrayList<>(count);
        for (NDArray part : values.split(count, 1)) {
            slices.add(part.squeeze(1));
        }
        return slices;
    }

    /** (T x S x ...) from one array per modality: slot j of target b holds byModality[slotModality[b][j]]. */
    private static NDArray stackSlots(int[][] slotModality, List<NDArray> byModality) {
        ai.djl.ndarray.NDList list = new ai.djl.ndarray.NDList();
        for (int[] slots : slotModality) {
            for (int m : slots) {
                list.add(byModality.get(m));
            }
        }
        NDArray stacked = ai.djl.ndarray.NDArrays.stack(list);
        long[] shape = stacked.getShape().getShape();
        long[] split = new long[shape.length + 1];
        split[0] = slotModality.length;
        split[1] = slotModality[0].length;
        System.arraycopy(shape, 1, split, 2, shape.length - 1);
        return stacked.reshape(split);
    }

    private static NDArray concat(List<NDArray> arrays) {
        return arrays.size() == 1 ? arrays.get(0) : ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(arrays), 1);
    }

    /** Every modality's neutral as used (unit length), (M x D). */
    private NDArray allNeutrals(NDManager step) {
        return cached("neutrals", step, () -> {
            NDArray all = parameters.value(neutrals, step);
            return config.neutral() == NeutralType.RANDOM_TRAINABLE ? Vectors.normalize(all) : all;
        });
    }

    /**
     * Per slot weights for each (target, query, candidate): (T x S x N x K) at the picks, (1 x S x N x C) without
     * them, or (T x S x 1 x 1) in matrix mode.
     */
    private NDArray batchedWeights(int[] targets, NDArray candidates, boolean candidatesAreQueries, List<NDArray> embeddings,
                                   int[][] slotModality, NDArray picks, NDManager step) {
        NDArray temperature = temperature(step);
        int t = targets.length;
        int slots = modalities - 1;
        NDArray rawScores;
        NDArray nullLogit = null;
        if (config.mode() == GateMode.ATTENTION) {
            int dk = config.keyDim();
            // A modality's keys do not depend on the target: computed once per modality in use.
            int[] used = java.util.Arrays.stream(slotModality).flatMapToInt(java.util.Arrays::stream).distinct().sorted().toArray();
            NDArray queries;
            NDArray keys;                                                                          // U x N x dk
            if (candidatesAreQueries) {
                // Every modality is a target and its rows are the candidates: queries and keys come from the same
                // rows, in one product with both projections and one normalisation.
                NDArray both = candidates.batchMatMul(parameters.value(queryProjections, step).concat(parameters.value(keyProjections, step), 2))
                        .reshape(t, -1, 2, dk);                                                    // M x N x 2 x dk
                // Queries divided by T (every score then is), keys by 1, with the norms in one division.
                NDArray scale = temperature.concat(step.ones(new Shape(1), temperature.getDataType())).reshape(2, 1);
                List<NDArray> halves = unstack(Vectors.normalize(both, scale).transpose(0, 2, 1, 3), 2);
                queries = halves.get(0);
                keys = halves.get(1);
            } else {
                // Queries normalised and divided by T in one division: every score is then divided by T.
                NDArray projected = candidates.batchMatMul(perTarget(queryProjections, targets, step));   // T x C x dk
                queries = Vectors.normalize(projected, temperature);
                List<NDArray> usedRows = new ArrayList<>(used.length);
                for (int m : used) {
                    usedRows.add(embeddings.get(m));
                }
                keys = Vectors.normalize(stack(usedRows).batchMatMul(perTarget(keyProjections, used, step)));
            }
            List<NDArray> byModality = new ArrayList<>(java.util.Collections.nCopies(modalities, (NDArray) null));
            List<NDArray> parts = keys.split(used.length, 0);
            for (int i = 0; i < used.length; i++) {
                byModality.set(used[i], parts.get(i).squeeze(0));
            }
            NDArray slotKeys = stackSlots(slotModality, byModality);                               // T x S x N x dk
            long n = slotKeys.getShape().get(2);
            // All slots' keys of a target against its candidates' queries in one product per target.
            NDArray scores = slotKeys.reshape(t, slots * n, dk).batchMatMul(queries.transpose(0, 2, 1));  // T x SN x C
            rawScores = rows(scores, picks, slots).reshape(t, slots, n, -1);
            if (config.nullHead()) {
                NDArray logits = nullHead(candidates, step).reshape(t, -1)
                        .add(perTarget(nullBias, targets, step).reshape(t, 1)).div(temperature);       // T x C
                nullLogit = perCandidate(logits, picks).expandDims(1);                   // T x 1 x N x K
            }
        } else {
            long[] flat = new long[t * slots];
            for (int b = 0; b < t; b++) {
                for (int j = 0; j < slots; j++) {
                    flat[b * slots + j] = (long) targets[b] * modalities + slotModality[b][j];
                }
            }
            rawScores = parameters.value(scoreMatrix, step).reshape(-1).get(step.create(flat)).reshape(t, slots, 1, 1).div(temperature);
            if (config.nullHead()) {
                nullLogit = perTarget(nullBias, targets, step).reshape(t, 1, 1, 1).div(temperature);
            }
        }
        if (config.type() == GateType.SIGMOID) {
            NDArray w = Activation.sigmoid(rawScores);
            // 1 - sigmoid(x) = sigmoid(-x)
            return config.nullHead() ? w.mul(Activation.sigmoid(nullLogit.neg())) : w;
        }
        // Softmax over the slots (and NULL), shifted by the largest logit for stability.
        NDArray largest = rawScores.max(new int[] {1}, true);
        if (config.nullHead()) {
            largest = largest.maximum(nullLogit);
        }
        NDArray exps = rawScores.sub(largest).exp();
        NDArray total = exps.sum(new int[] {1}, true);
        if (config.nullHead()) {
            total = total.add(nullLogit.sub(largest).exp());
        }
        return exps.div(total);
    }

    /** A per-modality parameter's entries for the given modalities, in order (the whole parameter for 0..M-1). */
    private NDArray perTarget(ParameterSet.Ref ref, int[] targets, NDManager step) {
        NDArray all = parameters.value(ref, step);
        if (targets.length == modalities && java.util.stream.IntStream.range(0, modalities).allMatch(m -> targets[m] == m)) {
            return all;
        }
        return all.get(step.create(java.util.Arrays.stream(targets).asLongStream().toArray()));
    }

    private NDArray stack(List<NDArray> arrays) {
        return ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(arrays));
    }

    /**
     * Candidate-independent use of the gate (negatives modes n and n_squared): each row is gated once,
     * with its own target embedding as the candidate. Returns every modality's rows, gated for the
     * query modalities and unchanged for the target.
     */
    public List<NDArray> gateRows(int target, List<NDArray> embeddings, NDManager step) {
        List<Integer> others = others(target);
        NDArray temperature = temperature(step);
        NDArray own = embeddings.get(target);
        List<NDArray> rawScores = new ArrayList<>(others.size());
        NDArray nullLogit = null;
        if (config.mode() == GateMode.ATTENTION) {
            NDArray q = candidateQueries(target, own, step);
            for (int m : others) {
                rawScores.add(queryKeys(m, embeddings.get(m), step).mul(q).sum(new int[] {-1}, true).div(temperature));
            }
            if (config.nullHead()) {
                nullLogit = nullLogit(target, own, temperature, step).reshape(-1, 1);
            }
        } else {
            for (int m : others) {
                rawScores.add(matrixScore(target, m, temperature, step));
            }
            if (config.nullHead()) {
                nullLogit = nullLogit(target, own, temperature, step);
            }
        }
        List<NDArray> w = weights(rawScores, nullLogit);
        NDArray alpha = alpha(step);
        List<NDArray> gated = new ArrayList<>(embeddings);
        for (int j = 0; j < others.size(); j++) {
            int m = others.get(j);
            NDArray e = embeddings.get(m);
            NDArray keepE = w.get(j).mul(alpha).add(alpha.neg().add(1f));
            NDArray blended;
            if (config.neutral() == NeutralType.NONE) {
                blended = e.mul(keepE);
            } else {
                NDArray keepN = w.get(j).neg().add(1f).mul(alpha);
                blended = e.mul(keepE).add(keepN.mul(neutral(m, step).reshape(1, -1)));
                if (config.renormalize()) {
                    blended = Vectors.normalize(blended);
                }
            }
            gated.set(m, blended);
        }
        return gated;
    }

    /** The current gate strength and temperature, for reporting. */
    public float currentAlpha() {
        float value = parameters.read(strength)[0];
        return config.trainAlpha() ? (float) (1 / (1 + StrictMath.exp(-value))) : value;
    }

    public float currentTemperature() {
        double r = parameters.read(rho)[0];
        return (float) (StrictMath.log1p(StrictMath.exp(r)) + 0.1);
    }
}
