package org.symsweep.ml.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A trial that trains nothing: it waits its benchmark's {@code seconds}, spread evenly over its epochs, and
 * reports metrics drawn from its seed: top-1 falls with p and with the learning rate's distance from 0.01 (in
 * decades), so that tuners have a known best, plus seed noise of sd 0.02. The platform
 * treats it as any other trial, so it measures scheduling, storage and recovery without the engine.
 */
final class NoOpTrial {
    private NoOpTrial() {
    }

    static TrialResult run(TrialSpec spec, TrialListener listener, long started) {
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + 29);
        double lrDistance = Math.abs(StrictMath.log10(spec.hyperparameters().optimizer().learningRate() / 0.01));
        double level = 0.9 - 0.4 * spec.benchmark().p() - 0.1 * lrDistance;
        long pauseNanos = (long) (spec.benchmark().seconds() * 1e9 / spec.epochs());
        List<EpochMetrics> epochs = new ArrayList<>();
        EpochMetrics best = null;
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            if (listener.stopRequested()) {
                return result(TrialResult.Outcome.STOPPED, epochs, best, level, random, started);
            }
            long epochStart = System.nanoTime();
            sleepNanos(pauseNanos);
            double progress = (double) epoch / spec.epochs();
            double top1 = clamp(level * (0.5 + 0.5 * progress) + 0.02 * gaussian(random));
            EpochMetrics metrics = new EpochMetrics(epoch, 2.0 / (1 + epoch), 2.2 / (1 + epoch), top1,
                    spec.hyperparameters().logScaleInit(), Double.NaN, Double.NaN, (System.nanoTime() - epochStart) / 1e9);
            epochs.add(metrics);
            if (best == null || top1 > best.validationTop1()) {
                best = metrics;
            }
            listener.onEpoch(metrics);
        }
        return result(TrialResult.Outcome.COMPLETED, epochs, best, level, random, started);
    }

    private static TrialResult result(TrialResult.Outcome outcome, List<EpochMetrics> epochs, EpochMetrics best, double level,
                                      SplittableRandom random, long started) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (best != null) {
            metrics.put("test_top1", clamp(level + 0.02 * gaussian(random)));
            metrics.put("val_top1", best.validationTop1());
            metrics.put("val_loss", best.validationLoss());
            metrics.put("train_loss", best.trainLoss());
            metrics.put("selected_epoch", (double) best.epoch());
        }
        metrics.put("epochs_run", (double) epochs.size());
        return new TrialResult(outcome, metrics, epochs, null, (System.nanoTime() - started) / 1e9);
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller on the seeded stream: the same seed gives the same numbers everywhere.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
