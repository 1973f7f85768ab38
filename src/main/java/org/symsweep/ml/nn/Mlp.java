package org.symsweep.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A stack of affine layers with ReLU between them (none after the last): one modality's encoder. */
public final class Mlp {
    private record Layer(ParameterSet.Ref weight, ParameterSet.Ref bias) {
    }

    private final List<Layer> layers = new ArrayList<>();
    private final ParameterSet parameters;

    /** {@code widths} = input width, hidden widths..., output width. */
    public Mlp(ParameterSet parameters, String name, int[] widths, WeightInit init, SplittableRandom random) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output width");
        }
        this.parameters = parameters;
        for (int l = 0; l + 1 < widths.length; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            float[] weight;
            float[] bias;
            if (init == WeightInit.LINEAR_DEFAULT) {
                weight = Init.linearDefault(in, in * out, random);
                bias = Init.linearDefault(in, out, random);
            } else {
                weight = Init.kaimingNormalFanOut(out, in * out, random);
                bias = new float[out];
            }
            // Stored as (out, in), as torch's linear takes it: one fused x W^T + b per layer.
            layers.add(new Layer(
                    parameters.trainable(name + ".layer" + l + ".weight", ParameterGroup.MODEL, new Shape(out, in), weight),
                    parameters.trainable(name + ".layer" + l + ".bias", ParameterGroup.MODEL, new Shape(out), bias)));
        }
    }

    public NDArray forward(NDArray x, NDManager step) {
        NDArray h = x;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            h = Linear.linear(h, parameters.value(layer.weight(), step), parameters.value(layer.bias(), step)).singletonOrThrow();
            if (l + 1 < layers.size()) {
                h = Activation.relu(h);
            }
        }
        return h;
    }
}
