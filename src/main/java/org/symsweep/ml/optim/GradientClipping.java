package org.symsweep.ml.optim;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.symsweep.ml.nn.ParameterGroup;

/** Global gradient-norm clipping across all groups, as torch.nn.utils.clip_grad_norm_ does it. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Scales the gradients in place so their joint L2 norm is at most {@code maxNorm}; returns the norm before. */
    public static double clip(Map<ParameterGroup, NDArray> gradients, double maxNorm) {
        double squares = 0;
        for (NDArray g : gradients.values()) {
            try (NDArray sum = g.square().sum()) {
                squares += sum.getFloat();
            }
        }
        double norm = Math.sqrt(squares);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            gradients.values().forEach(g -> g.muli(scale));
        }
        return norm;
    }
}
