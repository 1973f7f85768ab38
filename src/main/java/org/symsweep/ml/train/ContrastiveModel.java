package org.symsweep.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.symsweep.ml.Variant;
import org.symsweep.ml.eval.RetrievalScorer;
import org.symsweep.ml.eval.Scorers;
import org.symsweep.ml.loss.ClipLoss;
import org.symsweep.ml.loss.SymileLoss;
import org.symsweep.ml.nn.Mlp;
import org.symsweep.ml.nn.ModalityGate;
import org.symsweep.ml.nn.ParameterGroup;
import org.symsweep.ml.nn.ParameterSet;
import org.symsweep.ml.nn.Vectors;

/**
 * One encoder per modality (outputs L2-normalised), a learnable log logit scale s (never clamped), and for
 * Gated Symile the modality gate; with the variant's loss and retrieval score.
 */
final class ContrastiveModel {
    private final Variant variant;
    private final Hyperparameters hyper;
    private final ParameterSet parameters = new ParameterSet();
    private final List<Mlp> encoders = new ArrayList<>();
    private final ParameterSet.Ref logScale;
    private final ModalityGate gate;

    ContrastiveModel(Variant variant, Hyperparameters hyper, int[] inputWidths, long seed) {
        this.variant = variant;
        this.hyper = hyper;
        SplittableRandom random = new SplittableRandom(seed);
        for (int m = 0; m < inputWidths.length; m++) {
            encoders.add(new Mlp(parameters, "encoder" + m, hyper.encoderWidths(inputWidths[m]), hyper.weightInit(), random.split()));
        }
        float[] s0 = {(float) hyper.logScaleInit()};
        logScale = hyper.trainLogScale()
                ? parameters.trainable("logit_scale", ParameterGroup.MODEL, new Shape(1), s0)
                : parameters.frozen("logit_scale", new Shape(1), s0);
        gate = variant.gated()
                ? new ModalityGate(parameters, inputWidths.length, hyper.embeddingDim(), hyper.gate(), random.split())
                : null;
    }

    ParameterSet parameters() {
        return parameters;
    }

    List<NDArray> embed(List<NDArray> inputs, NDManager step) {
        List<NDArray> embeddings = new ArrayList<>(inputs.size());
        for (int m = 0; m < inputs.size(); m++) {
            embeddings.add(Vectors.normalize(encoders.get(m).forward(inputs.get(m), step)));
        }
        return embeddings;
    }

    NDArray embedOne(int modality, NDArray input, NDManager step) {
        return Vectors.normalize(encoders.get(modality).forward(input, step));
    }

    NDArray loss(List<NDArray> embeddings, SplittableRandom random, NDManager step) {
        NDArray s = parameters.value(logScale, step);
        if (variant == Variant.CLIP) {
            return new ClipLoss(hyper.clipAveragePairs()).compute(embeddings, s, step);
        }
        return new SymileLoss(hyper.negatives(), hyper.pairNegatives(), hyper.varianceScaling()).compute(embeddings, s, gate, random, step);
    }

    RetrievalScorer scorer() {
        return switch (variant) {
            case CLIP -> Scorers.clip();
            case SYMILE -> Scorers.symile();
            case GATED_SYMILE -> Scorers.gated(gate);
        };
    }

    double logitScale() {
        return StrictMath.exp(parameters.read(logScale)[0]);
    }

    double gateAlpha() {
        return gate == null ? Double.NaN : gate.currentAlpha();
    }

    double gateTemperature() {
        return gate == null ? Double.NaN : gate.currentTemperature();
    }
}
