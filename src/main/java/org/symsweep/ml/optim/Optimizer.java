package org.symsweep.ml.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.symsweep.ml.nn.ParameterGroup;

/** Updates parameter groups in place from their gradients. Call with the engine's gradient mode off. */
public interface Optimizer {
    /**
     * @param parameters each group's flat buffer, updated in place
     * @param gradients each group's gradient, same shape
     * @param step where temporaries go; closed by the caller after the update
     */
    void step(Map<ParameterGroup, NDArray> parameters, Map<ParameterGroup, NDArray> gradients, NDManager step);

    /** Arrays the optimiser keeps between steps (moments, averages), which must outlive every step. */
    java.util.List<NDArray> state();

    /** Switches the parameters to the weights used for evaluation (a no-op for AdamW). */
    default void evalMode(Map<ParameterGroup, NDArray> parameters) {
    }

    /** Switches back to the weights used for training. */
    default void trainMode(Map<ParameterGroup, NDArray> parameters) {
    }

    static Optimizer create(OptimizerConfig config, Map<ParameterGroup, NDArray> parameters, NDManager manager) {
        return switch (config.kind()) {
            case ADAMW -> new AdamW(config, parameters, manager);
            case SCHEDULE_FREE_ADAMW -> new ScheduleFreeAdamW(config, parameters, manager);
        };
    }

    static double learningRateMultiplier(OptimizerConfig config, ParameterGroup group) {
        return group == ParameterGroup.GATE ? config.gateLearningRateMultiplier() : 1.0;
    }

    /** v <- beta2 v + (1 - beta2) g^2, in place: the second-moment estimate both Adam variants keep. */
    static void updateSecondMoment(NDArray v, NDArray g, double beta2) {
        v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
    }

    static double weightDecay(OptimizerConfig config, ParameterGroup group) {
        return group == ParameterGroup.GATE ? 0.0 : config.weightDecay();
    }
}
