package org.symsweep.bench;

import org.junit.jupiter.api.Test;
import org.symsweep.stats.SelectionSimulation;

/**
 * How often each selection rule picks the truly best configuration at an equal trial budget, over simulated
 * sweeps with known truth. Run with {@code ./mvnw verify -Pbench -Dit.test=SelectionBench}.
 */
class SelectionBench {
    @Test
    void selection() {
        print("configurations differing in stability (SelectionSimulation.TYPICAL)", SelectionSimulation.TYPICAL);
        double[] sameNoise = {0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03};
        print("every configuration with the same seed noise (sd 0.03)", new SelectionSimulation.Setting(
                SelectionSimulation.TYPICAL.trueMeans(), sameNoise, 5, 3, 1, 0.95));
    }

    private static void print(String what, SelectionSimulation.Setting setting) {
        SelectionSimulation.Rates rates = SelectionSimulation.run(setting, 5000, 20261122);
        System.out.printf("BENCH selection, %s: %d simulated sweeps of %d configurations, %d trials each:"
                        + " truly best picked by raw best run %.1f%%, by best mean %.1f%%, by LCB with racing %.1f%%"
                        + " (racing used %.1f trials on average)%n",
                what, rates.sweeps(), setting.trueMeans().length, setting.trueMeans().length * setting.budgetPerConfig(),
                100 * rates.rawBestRun(), 100 * rates.bestMean(), 100 * rates.lcbWithRacing(), rates.racingTrialsUsed());
    }
}
