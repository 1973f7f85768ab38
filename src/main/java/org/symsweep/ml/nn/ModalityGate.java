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
    private final ParameterSet.Ref[] queryProjection;
    private final ParameterSet.Ref[] keyProjection;
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
        queryProjection = new ParameterSet.Ref[modalities];
        keyProjection = new ParameterSet.Ref[modalities];
        boolean attention = config.mode() == GateMode.ATTENTION;
        if (attention) {
            for (int m = 0; m < modalities; m++) {
                queryProjection[m] = parameters.trainable("gate.query" + m, ParameterGroup.GATE, new Shape(dim, dk),
                        Init.linearDefault(dim, dim * dk, random));
                keyProjection[m] = parameters.trainable("gate.key" + m, ParameterGroup.GATE, new Shape(dim, dk),
                        Init.linearDefault(dim, dim * dk, random));
            }
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
        return Vectors.normalize(candidates.matMul(parameters.value(queryProjection[target], step)));
    }

    /** normalize(W_k^m e) for query rows e (N x D): (N x dk), once per array and step. */
    NDArray queryKeys(int m, NDArray rows, NDManager step) {
        startStep(step);
        NDArray[] byModality = perInput.computeIfAbsent(rows, r -> new NDArray[modalities]);
        if (byModality[m] == null) {
            byModality[m] = Vectors.normalize(rows.matMul(parameters.value(keyProjection[m], step)));
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
     * holds each modality's query rows (N x D); the target's entry is not used.
     */
    public NDArray scores(int target, NDArray candidates, List<NDArray> embeddings, NDManager step) {
        return batchedScores(new int[] {target}, candidates.expandDims(0), embeddings, null, step).squeeze(0);
    }

    /**
     * {@link #scores} for several targets at once: (T x N x C) for candidates (T x C x D), the t-th
     * block scoring candidates of modality targets[t]. One pass for all targets costs a third of three
     * passes in a training step, where the engine's per-operation overhead dominates.
     *
     * <p>With u = alpha (1 - w), the blend A e + B n is e + u (n - e). The candidate's MIP with a product of
     * such blends is a polynomial in the u's whose coefficients are matrix products of the candidates with
     * products of e's and (n - e)'s; and |e + u (n - e)|^2 = |e|^2 - 2u (|e|^2 - e.n) + u^2 |n - e|^2.
     *
     * @param columns null for every candidate; else (T x N x K) candidate indices per query, and the result is
     *     (T x N x K): the matrix products still cover every candidate (cheap), but the many elementwise
     *     operations after them, and their backward passes, run on the K picked pairs only
     */
    public NDArray batchedScores(int[] targets, NDArray candidates, List<NDArray> embeddings, NDArray columns, NDManager step) {
        int slots = modalities - 1;
        // slotModality[j][b]: the j-th query modality when the target is targets[b]. Slot tensors are stacks
        // of the per-modality arrays in that order: indexing a stacked tensor would cost far more.
        int[][] slotModality = new int[slots][targets.length];
        List<NDArray> slotRows = new ArrayList<>(slots);
        for (int j = 0; j < slots; j++) {
            List<NDArray> rows = new ArrayList<>(targets.length);
            for (int b = 0; b < targets.length; b++) {
                slotModality[j][b] = others(targets[b]).get(j);
                rows.add(embeddings.get(slotModality[j][b]));
            }
            slotRows.add(stack(rows));
        }
        NDArray candidatesT = candidates.transpose(0, 2, 1);
        List<NDArray> w = batchedWeights(targets, candidates, slotRows, slotModality, columns, step);
        NDArray alpha = alpha(step);
        List<NDArray> pull = new ArrayList<>(slots);
        for (int j = 0; j < slots; j++) {
            pull.add(alpha.sub(w.get(j).mul(alpha)));
        }
        if (config.neutral() == NeutralType.NONE) {
            // Each query modality is only scaled, by A = 1 - u.
            NDArray scale = null;
            for (NDArray u : pull) {
                NDArray a = u.neg().add(1f);
                scale = scale == null ? a : scale.mul(a);
            }
            return scale.mul(pick(Vectors.product(slotRows).batchMatMul(candidatesT), columns));
        }
        // Per slot: n - e, and for the norm |e|^2, |n - e|^2 and 2 (|e|^2 - e . n).
        List<NDArray> delta = new ArrayList<>(slots);
        List<NDArray[]> normTerms = new ArrayList<>(slots);
        for (int j = 0; j < slots; j++) {
            List<NDArray> neutralRows = new ArrayList<>(targets.length);
            for (int b = 0; b < targets.length; b++) {
                neutralRows.add(neutral(slotModality[j][b], step));
            }
            NDArray n = stack(neutralRows).expandDims(1);                                            // T x 1 x D
            NDArray e = slotRows.get(j);
            NDArray d = n.sub(e);
            NDArray squared = e.square().sum(new int[] {-1}, true);
            NDArray dot = e.mul(n).sum(new int[] {-1}, true);
            delta.add(d);
            normTerms.add(new NDArray[] {squared, d.square().sum(new int[] {-1}, true), squared.sub(dot).mul(Vectors.scalar(e, 2))});
        }
        NDArray sum = null;
        for (int mask = 0; mask < (1 << slots); mask++) {
            NDArray vector = null;
            NDArray coefficient = null;
            for (int j = 0; j < slots; j++) {
                boolean towardNeutral = (mask & (1 << j)) != 0;
                NDArray factor = towardNeutral ? delta.get(j) : slotRows.get(j);
                vector = vector == null ? factor : vector.mul(factor);
                if (towardNeutral) {
                    coefficient = coefficient == null ? pull.get(j) : coefficient.mul(pull.get(j));
                }
            }
            NDArray projected = pick(vector.batchMatMul(candidatesT), columns);
            NDArray term = coefficient == null ? projected : coefficient.mul(projected);
            sum = sum == null ? term : sum.add(term);
        }
        if (!config.renormalizes()) {
            return sum;
        }
        NDArray squaredNorms = null;
        for (int j = 0; j < slots; j++) {
            NDArray u = pull.get(j);
            NDArray[] terms = normTerms.get(j);
            // |e|^2 + u (u |n - e|^2 - 2 (|e|^2 - e.n)), clamped as normalize() clamps each norm.
            NDArray squared = u.mul(terms[1]).sub(terms[2]).mul(u).add(terms[0]).maximum(Vectors.scalar(u, 1e-24));
            squaredNorms = squaredNorms == null ? squared : squaredNorms.mul(squared);
        }
        return sum.div(squaredNorms.sqrt());
    }

    /** The picked columns of a (T x N x C) table, or the table itself without a pick. */
    private static NDArray pick(NDArray table, NDArray columns) {
        return columns == null ? table : table.gather(columns, 2);
    }

    /**
     * Per query modality weights for each (target, query, candidate): shapes (T x N x C), (T x N x K) with
     * picked columns, or (T x 1 x 1) in matrix mode.
     */
    private List<NDArray> batchedWeights(int[] targets, NDArray candidates, List<NDArray> slotRows, int[][] slotModality,
                                         NDArray columns, NDManager step) {
        NDArray temperature = temperature(step);
        int t = targets.length;
        List<NDArray> rawScores = new ArrayList<>(slotRows.size());
        NDArray nullLogit = null;
        if (config.mode() == GateMode.ATTENTION) {
            NDArray queryWeights = stackParameters(queryProjection, targets, step);
            // Dividing the candidates' queries by T once divides every score by T.
            NDArray queries = Vectors.normalize(candidates.batchMatMul(queryWeights)).div(temperature).transpose(0, 2, 1);
            for (int j = 0; j < slotRows.size(); j++) {
                NDArray keys = Vectors.normalize(slotRows.get(j).batchMatMul(stackParameters(keyProjection, slotModality[j], step)));
                rawScores.add(pick(keys.batchMatMul(queries), columns));
            }
            if (config.nullHead()) {
                nullLogit = nullHead(candidates, step).reshape(t, 1, -1).add(perTarget(nullBias, targets, step).reshape(t, 1, 1))
                        .div(temperature);
                if (columns != null) {
                    // One logit per candidate: each query's picks index the same row.
                    nullLogit = nullLogit.broadcast(new Shape(t, columns.getShape().get(1), nullLogit.getShape().get(2))).gather(columns, 2);
                }
            }
        } else {
            NDArray matrix = parameters.value(scoreMatrix, step);
            for (int[] modality : slotModality) {
                List<NDArray> picked = new ArrayList<>(t);
                for (int b = 0; b < t; b++) {
                    picked.add(matrix.get(targets[b], modality[b]));
                }
                rawScores.add(stack(picked).reshape(t, 1, 1).div(temperature));
            }
            if (config.nullHead()) {
                nullLogit = perTarget(nullBias, targets, step).reshape(t, 1, 1).div(temperature);
            }
        }
        return weights(rawScores, nullLogit);
    }

    /** A per-modality vector parameter's entries for the given targets, in order. */
    private NDArray perTarget(ParameterSet.Ref ref, int[] targets, NDManager step) {
        NDArray all = parameters.value(ref, step);
        if (targets.length == modalities && java.util.stream.IntStream.range(0, modalities).allMatch(m -> targets[m] == m)) {
            return all;
        }
        List<NDArray> picked = new ArrayList<>(targets.length);
        for (int target : targets) {
            picked.add(all.get(target));
        }
        return stack(picked);
    }

    private NDArray stack(List<NDArray> arrays) {
        return ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(arrays));
    }

    private NDArray stackParameters(ParameterSet.Ref[] refs, int[] order, NDManager step) {
        List<NDArray> values = new ArrayList<>(order.length);
        for (int m : order) {
            values.add(parameters.value(refs[m], step));
        }
        return stack(values);
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
