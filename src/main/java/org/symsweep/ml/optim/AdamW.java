package org.symsweep.ml.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.symsweep.ml.nn.ParameterGroup;

/**
 * AdamW as torch.optim.AdamW computes it: decoupled decay theta -= lr * wd * theta, then the bias-corrected
 * Adam step lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps). DJL's own Adam adds decay to the
 * gradient (L2), which is a different optimiser.
 */
final class AdamW implements Optimizer {
    private final OptimizerConfig config;
    private final Map<ParameterGroup, NDArray> firstMoment = new EnumMap<>(ParameterGroup.class);
    private final Map<ParameterGroup, NDArray> secondMoment = new EnumMap<>(ParameterGroup.class);
    private long steps;

    AdamW(OptimizerConfig config, Map<ParameterGroup, NDArray> parameters, NDManager manager) {
        this.config = config;
        parameters.forEach((group, p) -> {
            firstMoment.put(group, manager.zeros(p.getShape()));
            secondMoment.put(group, manager.zeros(p.getShape()));
        });
    }

    @Override
    public void step(Map<ParameterGroup, NDArray> parameters, Map<ParameterGroup, NDArray> gradients, NDManager step) {
        steps++;
        double bias1 = 1 - StrictMath.pow(config.beta1(), steps);
        double bias2Sqrt = Math.sqrt(1 - StrictMath.pow(config.beta2(), steps));
        double schedule = config.warmup(steps - 1);
        for (Map.Entry<ParameterGroup, NDArray> entry : parameters.entrySet()) {
            ParameterGroup group = entry.getKey();
            NDArray p = entry.getValue();
            NDArray g = gradients.get(group);
            NDArray m = firstMoment.get(group);
            NDArray v = secondMoment.get(group);
            double lr = config.learningRate() * Optimizer.learningRateMultiplier(config, group) * schedule;
            double decay = Optimizer.weightDecay(config, group);
            if (decay != 0) {
                p.muli((float) (1 - lr * decay));
            }
            m.muli((float) config.beta1()).addi(g.mul((float) (1 - config.beta1())));
            Optimizer.updateSecondMoment(v, g, config.beta2());
            NDArray denominator = v.sqrt().divi((float) bias2Sqrt).addi((float) config.eps());
            p.subi(m.div(denominator).muli((float) (lr / bias1)));
        }
    }

    @Override
    public List<NDArray> state() {
        List<NDArray> state = new ArrayList<>(firstMoment.values());
        state.addAll(secondMoment.values());
        return state;
    }
}
