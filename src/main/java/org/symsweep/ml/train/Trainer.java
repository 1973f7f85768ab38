package org.symsweep.ml.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.symsweep.ml.Engines;
import org.symsweep.ml.data.BenchmarkKind;
import org.symsweep.ml.data.FeatureFileException;
import org.symsweep.ml.data.Modalities;
import org.symsweep.ml.data.Splits;
import org.symsweep.ml.nn.ParameterGroup;
import org.symsweep.ml.nn.Tensors;
import org.symsweep.ml.optim.GradientClipping;
import org.symsweep.ml.optim.Optimizer;

/**
 * Trains one trial: epochs of shuffled mini-batches (the last incomplete batch dropped), each followed by
 * validation loss and top-1 under the benchmark's protocol, with the optimiser's evaluation weights;
 * keeps the weights of the epoch the selection rule prefers, stops early after {@code patience} epochs
 * without improvement, and reports the selected weights' test top-1.
 *
 * <p>Gradients come from PyTorch's autograd through DJL's JNI directly rather than DJL's GradientCollector,
 * which allows one collector per process and zeroes every gradient in the process: trials on other
 * threads must not interfere.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Sets how many threads the engine uses for one operation. The setting is process-wide in PyTorch:
     * give each concurrently running trial its share by running trials in separate processes.
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Engines.load(); // the native library must be loaded before the first JNI call
        JniUtils.setNumThreads(threads);
        try {
            // Inter-op parallelism would add threads beyond the budget; torch accepts this only once, early.
            JniUtils.setNumInteropThreads(1);
        } catch (RuntimeException alreadyStarted) {
            // Set by an earlier call in this process, or after parallel work began: the earlier value stays.
        }
    }

    /** Runs the trial on the calling thread. Bad feature files are reported as exceptions; divergence as an outcome. */
    public static TrialResult run(TrialSpec spec, TrialListener listener) throws FeatureFileException {
        return run(spec, listener, null);
    }

    /**
     * The same on a given device ({@code Device.gpu(i)} for a GPU worker slot; null for the engine's default).
     * Every tensor of the trial lives on that device: its manager is the root of all others.
     */
    public static TrialResult run(TrialSpec spec, TrialListener listener, Device device) throws FeatureFileException {
        long started = System.nanoTime();
        if (spec.benchmark().kind() == BenchmarkKind.NO_OP) {
            return NoOpTrial.run(spec, listener, started);
        }
        TrialData data = TrialData.prepare(spec);
        Engines.load();
        boolean gradMode = JniUtils.isGradMode();
        try (NDManager root = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device)) {
            Run run = new Run(spec, data, root);
            return run.train(listener, started);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static final class Run {
        private final TrialSpec spec;
        private final TrialData data;
        private final NDManager root;
        private final ContrastiveModel model;
        private final Map<ParameterGroup, NDArray> groups;
        private final Optimizer optimizer;
        private final List<NDArray> persistent = new ArrayList<>();
        private final SplittableRandom shuffle;
        private final SplittableRandom negatives;
        private final SplittableRandom validationNegatives;
        private final int batchSize;

        Run(TrialSpec spec, TrialData data, NDManager root) {
            this.spec = spec;
            this.data = data;
            this.root = root;
            SplittableRandom seeds = new SplittableRandom(spec.seed());
            Modalities train = data.splits().train();
            model = new ContrastiveModel(spec.variant(), spec.hyperparameters(), train.widths(), seeds.nextLong());
            model.parameters().build(root);
            groups = model.parameters().groups();
            optimizer = Optimizer.create(spec.hyperparameters().optimizer(), groups, root);
            persistent.addAll(model.parameters().persistentArrays());
            persistent.addAll(optimizer.state());
            shuffle = seeds.split();
            negatives = seeds.split();
            validationNegatives = seeds.split();
            batchSize = spec.hyperparameters().contrastiveScale();
        }

        TrialResult train(TrialListener listener, long started) {
            JniUtils.setGradMode(false);
            Modalities train = data.splits().train();
            if (train.rows() < batchSize) {
                return diverged(List.of(), "the training split has " + train.rows() + " rows, fewer than one batch of "
                        + batchSize + " (contrastive_scale)", started);
            }
            List<EpochMetrics> epochs = new ArrayList<>();
            EpochMetrics best = null;
            Map<ParameterGroup, float[]> bestWeights = null;
            int batches = train.rows() / batchSize;
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                if (listener.stopRequested()) {
                    return finish(TrialResult.Outcome.STOPPED, epochs, best, bestWeights, started);
                }
                long epochStart = System.nanoTime();
                int[] order = Splits.shuffled(train.rows(), shuffle);
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int[] rows = java.util.Arrays.copyOfRange(order, b * batchSize, (b + 1) * batchSize);
                    double loss = step(train.select(rows));
                    if (!Double.isFinite(loss)) {
                        return diverged(epochs, "the training loss became " + loss + " at epoch " + epoch + ", batch " + (b + 1)
                                + " of " + batches + "; a lower learning rate or gradient clipping may help", started);
                    }
                    lossSum += loss;
                }
                optimizer.evalMode(groups);
                double validationLoss = validationLoss();
                double validationTop1 = top1(data.splits().validation());
                EpochMetrics metrics = new EpochMetrics(epoch, lossSum / batches, validationLoss, validationTop1,
                        model.logitScale(), model.gateAlpha(), model.gateTemperature(), (System.nanoTime() - epochStart) / 1e9);
                epochs.add(metrics);
                listener.onEpoch(metrics);
                if (!Double.isFinite(validationLoss)) {
                    return diverged(epochs, "the validation loss became " + validationLoss + " at epoch " + epoch, started);
                }
                if (spec.selection().improves(metrics, best)) {
                    best = metrics;
                    bestWeights = model.parameters().snapshot();
                }
                optimizer.trainMode(groups);
                if (spec.patience() > 0 && epoch - best.epoch() >= spec.patience()) {
                    break;
                }
            }
            return finish(TrialResult.Outcome.COMPLETED, epochs, best, bestWeights, started);
        }

        /** One optimisation step on one batch; returns its loss. */
        private double step(Modalities batch) {
            try (NDManager step = root.newSubManager()) {
                persistent.forEach(array -> array.tempAttach(step));
                List<NDArray> inputs = inputs(batch, step);
                JniUtils.setGradMode(true);
                double value;
                try {
                    NDArray loss = model.loss(model.embed(inputs, step), negatives, step);
                    value = loss.getFloat();
                    if (!Double.isFinite(value)) {
                        return value;
                    }
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(loss.getShape()), false, false);
                } finally {
                    JniUtils.setGradMode(false);
                }
                Map<ParameterGroup, NDArray> gradients = new EnumMap<>(ParameterGroup.class);
                groups.forEach((group, flat) -> gradients.put(group, flat.getGradient()));
                GradientClipping.clip(gradients, spec.hyperparameters().gradientClip());
                optimizer.step(groups, gradients, step);
                groups.values().forEach(flat -> JniUtils.zeroGrad((PtNDArray) flat));
                return value;
            }
        }

        private double top1(Modalities split) {
            try (NDManager scope = root.newSubManager()) {
                persistent.forEach(array -> array.tempAttach(scope));
                return data.evaluation().top1(model, split, scope);
            }
        }

        /** The training loss on the validation split, batch by batch in order, weighted by batch size. */
        private double validationLoss() {
            Modalities validation = data.splits().validation();
            double sum = 0;
            int counted = 0;
            for (int start = 0; start < validation.rows(); start += batchSize) {
                int end = Math.min(validation.rows(), start + batchSize);
                if (end - start < 2) {
                    break; // a single row has no negatives
                }
                try (NDManager step = root.newSubManager()) {
                    persistent.forEach(array -> array.tempAttach(step));
                    Modalities batch = validation.select(java.util.stream.IntStream.range(start, end).toArray());
                    NDArray loss = model.loss(model.embed(inputs(batch, step), step), validationNegatives, step);
                    sum += loss.getFloat() * (end - start);
                    counted += end - start;
                }
            }
            return counted == 0 ? Double.NaN : sum / counted;
        }

        private TrialResult finish(TrialResult.Outcome outcome, List<EpochMetrics> epochs, EpochMetrics best,
                                   Map<ParameterGroup, float[]> bestWeights, long started) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (best != null) {
                model.parameters().restore(bestWeights);
                double[] testTop1 = data.testSets().stream().mapToDouble(this::top1).toArray();
                double mean = java.util.Arrays.stream(testTop1).average().orElse(Double.NaN);
                metrics.put("test_top1", mean);
                if (testTop1.length > 1) {
                    double ss = java.util.Arrays.stream(testTop1).map(x -> (x - mean) * (x - mean)).sum();
                    metrics.put("test_top1_sd", Math.sqrt(ss / (testTop1.length - 1)));
                }
                metrics.put("val_top1", best.validationTop1());
                metrics.put("val_loss", best.validationLoss());
                metrics.put("train_loss", best.trainLoss());
                metrics.put("selected_epoch", (double) best.epoch());
                metrics.put("logit_scale", model.logitScale());
                if (!Double.isNaN(model.gateAlpha())) {
                    metrics.put("gate_alpha", model.gateAlpha());
                    metrics.put("gate_temperature", model.gateTemperature());
                }
            }
            metrics.put("epochs_run", (double) epochs.size());
            return new TrialResult(outcome, metrics, epochs, null, (System.nanoTime() - started) / 1e9);
        }

        private TrialResult diverged(List<EpochMetrics> epochs, String reason, long started) {
            Map<String, Double> metrics = Map.of("epochs_run", (double) epochs.size());
            return new TrialResult(TrialResult.Outcome.DIVERGED, metrics, epochs, reason, (System.nanoTime() - started) / 1e9);
        }

        private static List<NDArray> inputs(Modalities batch, NDManager step) {
            List<NDArray> inputs = new ArrayList<>(batch.count());
            for (int m = 0; m < batch.count(); m++) {
                inputs.add(Tensors.of(step, batch.values().get(m), new Shape(batch.rows(), batch.width(m))));
            }
            return inputs;
        }
    }
}
