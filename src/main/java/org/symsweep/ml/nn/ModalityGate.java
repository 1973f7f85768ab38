package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
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
            nullHidden = parameters.trainable("gate.null.hidden", ParameterGroup.GATE, new Shape(dim, dk),
                    Init.linearDefault(dim, dim * dk, random));
            nullHiddenBias = parameters.trainable("gate.null.hidden.bias", ParameterGroup.GATE, new Shape(dk),
                    Init.linearDefault(dim, dk, random));
            nullOut = parameters.trainable("gate.null.out", ParameterGroup.GATE, new Shape(dk, 1), Init.linearDefault(dk, dk, random));
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
                new float[] {(float) Math.log(config.initialTemperature())});
        if (config.trainAlpha()) {
            double a = Math.min(Math.max(config.initialAlpha(), ALPHA_EDGE), 1 - ALPHA_EDGE);
            strength = parameters.trainable("gate.gamma", ParameterGroup.GATE, new Shape(1),
                    new float[] {(float) Math.log(a / (1 - a))});
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

    /** T = softplus(rho) + 0.1, a one-element array. */
    NDArray temperature(NDManager step) {
        return Activation.softPlus(parameters.value(rho, step)).add(0.1f);
    }

    /** The gate strength alpha, a one-element array. */
    NDArray alpha(NDManager step) {
        NDArray value = parameters.value(strength, step);
        return config.trainAlpha() ? Activation.sigmoid(value) : value;
    }

    /** The neutral direction of modality m as used (unit length), or null with neutral type none. */
    NDArray neutral(int m, NDManager step) {
        if (neutrals == null) {
            return null;
        }
        NDArray n = parameters.value(neutrals, step).get(m);
        return config.neutral() == NeutralType.RANDOM_TRAINABLE ? Vectors.normalize(n) : n;
    }

    /** normalize(W_q^t c) for candidates c (C x D): (C x dk). */
    NDArray candidateQueries(int target, NDArray candidates, NDManager step) {
        return Vectors.normalize(candidates.matMul(parameters.value(queryProjection[target], step)));
    }

    /** normalize(W_k^m e) for query rows e (N x D): (N x dk). */
    NDArray queryKeys(int m, NDArray rows, NDManager step) {
        return Vectors.normalize(rows.matMul(parameters.value(keyProjection[m], step)));
    }

    /** The NULL logit (h(c) + b[t]) / T per candidate (attention: shape (C); matrix mode: one element). */
    NDArray nullLogit(int target, NDArray candidates, NDArray temperature, NDManager step) {
        NDArray bias = parameters.value(nullBias, step).get(target);
        if (config.mode() == GateMode.MATRIX) {
            return bias.div(temperature);
        }
        NDArray centred = candidates.sub(candidates.mean(new int[] {-1}, true));
        NDArray variance = centred.square().mean(new int[] {-1}, true);
        NDArray normed = centred.div(variance.add(LAYER_NORM_EPS).sqrt())
                .mul(parameters.value(nullNormGain, step)).add(parameters.value(nullNormBias, step));
        NDArray hidden = Activation.relu(normed.matMul(parameters.value(nullHidden, step)).add(parameters.value(nullHiddenBias, step)));
        NDArray head = hidden.matMul(parameters.value(nullOut, step)).add(parameters.value(nullOutBias, step)).reshape(-1);
        return head.add(bias).div(temperature);
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
        List<Integer> others = others(target);
        NDArray temperature = temperature(step);
        List<NDArray> rawScores = new ArrayList<>(others.size());
        NDArray nullLogit = null;
        if (config.mode() == GateMode.ATTENTION) {
            NDArray queriesOfCandidates = candidateQueries(target, candidates, step).transpose();
            for (int m : others) {
                rawScores.add(queryKeys(m, embeddings.get(m), step).matMul(queriesOfCandidates).div(temperature));
            }
            if (config.nullHead()) {
                nullLogit = nullLogit(target, candidates, temperature, step).expandDims(0);
            }
        } else {
            for (int m : others) {
                rawScores.add(matrixScore(target, m, temperature, step));
            }
            if (config.nullHead()) {
                nullLogit = nullLogit(target, candidates, temperature, step);
            }
        }
        List<NDArray> w = weights(rawScores, nullLogit);
        NDArray alpha = alpha(step);
        NDArray candidatesT = candidates.transpose();
        int k = others.size();
        List<NDArray> keepE = new ArrayList<>(k);
        List<NDArray> keepN = new ArrayList<>(k);
        for (NDArray weight : w) {
            keepE.add(weight.mul(alpha).add(alpha.neg().add(1f)));
            keepN.add(weight.neg().add(1f).mul(alpha));
        }
        if (config.neutral() == NeutralType.NONE) {
            List<NDArray> rows = new ArrayList<>(k);
            for (int m : others) {
                rows.add(embeddings.get(m));
            }
            return Vectors.product(keepE).mul(Vectors.product(rows).matMul(candidatesT));
        }
        List<NDArray> neutralVectors = new ArrayList<>(k);
        for (int m : others) {
            neutralVectors.add(neutral(m, step));
        }
        NDArray sum = null;
        for (int mask = 0; mask < (1 << k); mask++) {
            NDArray vector = null;
            NDArray coefficient = null;
            for (int j = 0; j < k; j++) {
                boolean useEmbedding = (mask & (1 << j)) != 0;
                NDArray factor = useEmbedding ? embeddings.get(others.get(j)) : neutralVectors.get(j);
                NDArray weight = useEmbedding ? keepE.get(j) : keepN.get(j);
                vector = vector == null ? factor : vector.mul(factor);
                coefficient = coefficient == null ? weight : coefficient.mul(weight);
            }
            NDArray projected = vector.getShape().dimension() == 1
                    ? vector.reshape(1, -1).matMul(candidatesT)
                    : vector.matMul(candidatesT);
            NDArray term = coefficient.mul(projected);
            sum = sum == null ? term : sum.add(term);
        }
        if (!config.renormalizes()) {
            return sum;
        }
        for (int j = 0; j < k; j++) {
            NDArray e = embeddings.get(others.get(j));
            NDArray n = neutralVectors.get(j);
            NDArray a = keepE.get(j);
            NDArray b = keepN.get(j);
            // |A e + B n|^2 = A^2 |e|^2 + B^2 |n|^2 + 2 A B (e . n)
            NDArray ee = e.square().sum(new int[] {-1}, true);
            NDArray nn = n.square().sum();
            NDArray en = e.matMul(n.reshape(-1, 1));
            NDArray norm2 = a.square().mul(ee).add(b.square().mul(nn)).add(a.mul(b).mul(en).mul(2f));
            sum = sum.div(norm2.maximum(1e-24f).sqrt());
        }
        return sum;
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
        return config.trainAlpha() ? (float) (1 / (1 + Math.exp(-value))) : value;
    }

    public float currentTemperature() {
        double r = parameters.read(rho)[0];
        return (float) (Math.log1p(Math.exp(r)) + 0.1);
    }
}
