package org.symsweep.ml.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.nn.ParameterGroup;

/**
 * Schedule-Free AdamW (ml-spec.md section 4, item 5). The parameters hold y, where gradients are taken;
 * the state holds z (the base sequence) and v (second moments); the average x, used for evaluation, is
 * y moved toward z by (1 - 1/beta1), and y is recovered from x by moving toward z by (1 - beta1).
 * Each step: lr_k = lr * warmup * sqrt(1 - beta2^(k+1)); c = lr_max^2 / sum of lr_max^2 so far;
 * g' = g / (sqrt(v) + eps) + wd * y; y <- y + c (z - y); y <- y + lr_k (beta1 (1 - c) - 1) g'; z <- z - lr_k g'.
 */
final class ScheduleFreeAdamW implements Optimizer {
    private final OptimizerConfig config;
    private final Map<ParameterGroup, NDArray> base = new EnumMap<>(ParameterGroup.class);
    private final Map<ParameterGroup, NDArray> secondMoment = new EnumMap<>(ParameterGroup.class);
    private final Map<ParameterGroup, double[]> maxLrAndWeightSum = new EnumMap<>(ParameterGroup.class);
    private long steps;
    private boolean evaluating;

    ScheduleFreeAdamW(OptimizerConfig config, Map<ParameterGroup, NDArray> parameters, NDManager manager) {
        this.config = config;
        parameters.forEach((group, p) -> {
            NDArray z = p.duplicate();
            z.attach(manager);
            base.put(group, z);
            secondMoment.put(group, manager.zeros(p.getShape()));
            maxLrAndWeightSum.put(group, new double[2]);
        });
    }

    @Override
    public void step(Map<ParameterGroup, NDArray> parameters, Map<ParameterGroup, NDArray> gradients, NDManager step) {
        if (evaluating) {
            throw new IllegalStateException("switch back to train mode before a training step");
        }
        double schedule = config.warmup(steps);
        double biasCorrection = Math.sqrt(1 - StrictMath.pow(config.beta2(), steps + 1));
        steps++;
        for (Map.Entry<ParameterGroup, NDArray> entry : parameters.entrySet()) {
            ParameterGroup group = entry.getKey();
            NDArray y = entry.getValue();
            NDArray g = gradients.get(group);
            NDArray z = base.get(group);
            NDArray v = secondMoment.get(group);
            double lr = config.learningRate() * Optimizer.learningRateMultiplier(config, group) * schedule * biasCorrection;
            double[] lrMaxAndSum = maxLrAndWeightSum.get(group);
            lrMaxAndSum[0] = Math.max(lrMaxAndSum[0], lr);
            double weight = lrMaxAndSum[0] * lrMaxAndSum[0];
            lrMaxAndSum[1] += weight;
            double c = lrMaxAndSum[1] == 0 ? 0 : weight / lrMaxAndSum[1];

            Optimizer.updateSecondMoment(v, g, config.beta2());
            NDArray normalized = g.div(v.sqrt().addi((float) config.eps()));
            double decay = Optimizer.weightDecay(config, group);
            if (decay != 0) {
                normalized.addi(y.mul((float) decay));
            }
            y.addi(z.sub(y).muli((float) c));
            y.addi(normalized.mul((float) (lr * (config.beta1() * (1 - c) - 1))));
            z.subi(normalized.muli((float) lr));
        }
    }

    @Override
    public void evalMode(Map<ParameterGroup, NDArray> parameters) {
        if (!evaluating) {
            lerpTowardBase(parameters, 1 - 1 / config.beta1());
            evaluating = true;
        }
    }

    @Override
    public void trainMode(Map<ParameterGroup, NDArray> parameters) {
        if (evaluating) {
            lerpTowardBase(parameters, 1 - config.beta1());
            evaluating = false;
        }
    }

    private void lerpTowardBase(Map<ParameterGroup, NDArray> parameters, double weight) {
        parameters.forEach((group, p) -> {
            try (NDArray towardBase = base.get(group).sub(p)) {
                p.addi(towardBase.muli((float) weight));
            }
        });
    }

    @Override
    public List<NDArray> state() {
        List<NDArray> state = new ArrayList<>(base.values());
        state.addAll(secondMoment.values());
        return state;
    }
}
