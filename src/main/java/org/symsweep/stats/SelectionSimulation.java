package org.symsweep.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulated sweeps whose truth is known: configurations with set true means, each seed adding Gaussian noise
 * of the configuration's own spread.
 * At an equal budget of trials it compares how often each rule picks the truly best configuration:
 * the raw best run (what tuners report), the best mean over evenly spread seeds, and the lower confidence
 * bound with racing (a few seeds each, then the rest of the budget on the configurations still tied).
 */
public final class SelectionSimulation {
    private SelectionSimulation() {
    }

    /**
     * The setting: true means (index 0 is the best) and each configuration's seed-to-seed sd (configurations
     * differ in stability, as a high learning rate does), the trials per configuration the budget allows, the
     * seeds every configuration gets before racing, the seeds per tied configuration and round.
     */
    public record Setting(double[] trueMeans, double[] noise, int budgetPerConfig, int initialSeeds, int seedsPerRound, double confidence) {
    }

    /**
     * Eight configurations 0.01 apart; the best is steady (sd 0.01), several worse ones are unstable (sd up to
     * 0.10) and sometimes have a lucky seed. Five trials per configuration; three seeds each before racing.
     */
    public static final Setting TYPICAL = new Setting(
            new double[] {0.80, 0.79, 0.78, 0.77, 0.76, 0.75, 0.74, 0.73},
            new double[] {0.01, 0.05, 0.02, 0.06, 0.03, 0.08, 0.02, 0.10}, 5, 3, 1, 0.95);

    public record Rates(int sweeps, double rawBestRun, double bestMean, double lcbWithRacing, double racingTrialsUsed) {
    }

    public static Rates run(Setting setting, int sweeps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int raw = 0;
        int mean = 0;
        int racing = 0;
        long racingTrials = 0;
        for (int s = 0; s < sweeps; s++) {
            SplittableRandom sweep = random.split();
            if (rawBestRun(setting, sweep.split()) == 0) {
                raw++;
            }
            if (bestMean(setting, sweep.split()) == 0) {
                mean++;
            }
            int[] used = new int[1];
            if (lcbWithRacing(setting, sweep.split(), used) == 0) {
                racing++;
            }
            racingTrials += used[0];
        }
        return new Rates(sweeps, (double) raw / sweeps, (double) mean / sweeps, (double) racing / sweeps,
                (double) racingTrials / sweeps);
    }

    private static double draw(Setting setting, int config, SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return setting.trueMeans()[config] + setting.noise()[config] * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static int rawBestRun(Setting setting, SplittableRandom random) {
        int best = -1;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < setting.trueMeans().length; c++) {
            for (int i = 0; i < setting.budgetPerConfig(); i++) {
                double x = draw(setting, c, random);
                if (x > top) {
                    top = x;
                    best = c;
                }
            }
        }
        return best;
    }

    static int bestMean(Setting setting, SplittableRandom random) {
        int best = -1;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < setting.trueMeans().length; c++) {
            double sum = 0;
            for (int i = 0; i < setting.budgetPerConfig(); i++) {
                sum += draw(setting, c, random);
            }
            if (sum > top) {
                top = sum;
                best = c;
            }
        }
        return best;
    }

    static int lcbWithRacing(Setting setting, SplittableRandom random, int[] trialsUsed) {
        int configs = setting.trueMeans().length;
        List<Map<Long, Double>> seeds = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        for (int c = 0; c < configs; c++) {
            Map<Long, Double> values = new HashMap<>();
            for (long seedNumber = 0; seedNumber < setting.initialSeeds(); seedNumber++) {
                values.put(seedNumber, draw(setting, c, random));
                used.add(seedNumber);
            }
            seeds.add(values);
        }
        int budget = configs * setting.budgetPerConfig() - configs * setting.initialSeeds();
        while (true) {
            List<Selection.Ranked> ranked = Selection.rank(results(seeds), setting.confidence(), true);
            List<Racing.Extra> round = Racing.nextRound(ranked, used, setting.seedsPerRound(), budget);
            if (round.isEmpty()) {
                trialsUsed[0] = configs * setting.budgetPerConfig() - budget;
                return Integer.parseInt(ranked.get(0).config().configId());
            }
            for (Racing.Extra extra : round) {
                int c = Integer.parseInt(extra.config().configId());
                for (long seedNumber : extra.seeds()) {
                    seeds.get(c).put(seedNumber, draw(setting, c, random));
                    used.add(seedNumber);
                    budget--;
                }
            }
        }
    }

    private static List<ConfigResult> results(List<Map<Long, Double>> seeds) {
        List<ConfigResult> results = new ArrayList<>();
        for (int c = 0; c < seeds.size(); c++) {
            results.add(new ConfigResult("clip", Integer.toString(c), Map.of(), Map.of(), seeds.get(c)));
        }
        return results;
    }
}
