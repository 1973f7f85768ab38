package org.symsweep.ml.train;

import org.symsweep.ml.loss.Negatives;
import org.symsweep.ml.nn.GateConfig;
import org.symsweep.ml.nn.WeightInit;
import org.symsweep.ml.optim.OptimizerConfig;

/**
 * Everything a trial's model and optimiser are built from. Presets per benchmark come from
 * {@link TrialSpec#defaults}; sweeps change them by name through {@link HyperparameterCatalog}.
 *
 * @param contrastiveScale the number of in-batch candidates, i.e. the batch size (ml-spec.md section 3.8)
 * @param hiddenWidth width of the encoders' hidden layers; 0 means the embedding dimension (the papers'
 *     encoders are 128 -> D -> D -> D, so the CPU-scale D = 64 shrinks the hidden layers too)
 * @param gradientClip maximum global gradient norm; 0 turns clipping off
 */
public record Hyperparameters(
        int embeddingDim,
        int hiddenLayers,
        int hiddenWidth,
        WeightInit weightInit,
        int contrastiveScale,
        Negatives negatives,
        int pairNegatives,
        boolean varianceScaling,
        boolean clipAveragePairs,
        double logScaleInit,
        boolean trainLogScale,
        OptimizerConfig optimizer,
        double gradientClip,
        GateConfig gate) {

    /** The encoder widths from input to embedding: input, hidden x hiddenLayers, embeddingDim. */
    int[] encoderWidths(int inputWidth) {
        int[] widths = new int[hiddenLayers + 2];
        widths[0] = inputWidth;
        for (int l = 1; l <= hiddenLayers; l++) {
            widths[l] = hiddenWidth == 0 ? embeddingDim : hiddenWidth;
        }
        widths[hiddenLayers + 1] = embeddingDim;
        return widths;
    }
}
