package org.symsweep.ml.nn;

/**
 * The gate's hyperparameters. {@code initialAlpha} is the gate strength alpha = sigmoid(gamma) at the
 * start (in [0, 1]; 0 is the ungated model); with {@code trainAlpha} false it stays there.
 * {@code initialTemperature} is T0, stored as rho = log(T0) and used as T = softplus(rho) + 0.1, as the
 * reference code does.
 */
public record GateConfig(
        GateMode mode,
        GateType type,
        boolean nullHead,
        NeutralType neutral,
        double initialAlpha,
        boolean trainAlpha,
        double initialTemperature,
        int keyDim,
        boolean renormalize) {

    public GateConfig {
        if (!(initialAlpha >= 0 && initialAlpha <= 1)) {
            throw new IllegalArgumentException("gate strength alpha must be in [0, 1], got " + initialAlpha);
        }
        if (!(initialTemperature > 0)) {
            throw new IllegalArgumentException("gate temperature must be positive, got " + initialTemperature);
        }
        if (keyDim < 1) {
            throw new IllegalArgumentException("gate key dimension must be at least 1, got " + keyDim);
        }
    }

    /** The tuned configuration of the Gated Symile paper (anonymous-review branch), with a given key dimension. */
    public static GateConfig tuned(int keyDim) {
        return new GateConfig(GateMode.ATTENTION, GateType.SIGMOID, true, NeutralType.RANDOM_TRAINABLE,
                0.5, true, 0.5, keyDim, true);
    }

    /** True when gated embeddings are pulled toward a neutral and then re-normalised. */
    public boolean renormalizes() {
        return neutral != NeutralType.NONE && renormalize;
    }
}
