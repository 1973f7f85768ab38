package org.symsweep.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static ConfigResult config(String id, double... values) {
        Map<Long, Double> bySeed = new java.util.HashMap<>();
        for (int i = 0; i < values.length; i++) {
            bySeed.put((long) i + 1, values[i]);
        }
        return new ConfigResult("gated-symile", id, Map.of("gate.strength", 0.5), Map.of("p", 1.0), bySeed);
    }

    @Test
    void aSteadyConfigurationOutranksALuckyOne() {
        ConfigResult steady = config("steady", 0.80, 0.81, 0.79, 0.80, 0.80);
        ConfigResult lucky = config("lucky", 0.95, 0.60, 0.88);     // higher best run, wider spread
        ConfigResult poor = config("poor", 0.60, 0.61, 0.59, 0.60, 0.60);
        List<Selection.Ranked> ranked = Selection.rank(List.of(lucky, poor, steady), 0.95, true);
        // The lucky one's three seeds spread so widely that its lower bound falls below even the poor one's.
        assertThat(ranked).extracting(r -> r.config().configId()).containsExactly("steady", "poor", "lucky");
        // By hand: steady mean 0.80, sd 0.00707, t(0.975, 4) = 2.776445 -> LCB 0.80 - 2.776445 x 0.00707 / sqrt(5).
        assertThat(ranked.get(0).pessimistic()).isEqualTo(0.80 - 2.776445 * Math.sqrt(0.00005) / Math.sqrt(5), within(1e-6));
        // ... but its upper bound still reaches the best's lower bound: the data cannot rule it out.
        assertThat(ranked).extracting(Selection.Ranked::tiedWithBest).containsExactly(true, false, true);
        // Minimising (a loss), the steady low one is best.
        assertThat(Selection.rank(List.of(steady, poor), 0.95, false).get(0).config().configId()).isEqualTo("poor");
    }

    @Test
    void racingSpendsFreshSeedsOnlyOnTheTiedConfigurations() {
        ConfigResult a = config("a", 0.80, 0.82);
        ConfigResult b = config("b", 0.81, 0.78);
        ConfigResult c = config("c", 0.20, 0.21);
        List<Selection.Ranked> ranked = Selection.rank(List.of(a, b, c), 0.95, true);
        List<Racing.Extra> round = Racing.nextRound(ranked, Set.of(1L, 2L, 7L), 2, 100);
        assertThat(round).extracting(e -> e.config().configId()).containsExactlyInAnyOrder("a", "b");
        assertThat(round).allSatisfy(e -> assertThat(e.seeds()).containsExactly(8L, 9L));
        assertThat(Racing.nextRound(ranked, Set.of(1L, 2L), 2, 3)).as("budget below a whole round").isEmpty();
        List<Selection.Ranked> separated = Selection.rank(List.of(config("x", 0.9, 0.9, 0.91), config("y", 0.2, 0.21, 0.2)), 0.95, true);
        assertThat(Racing.nextRound(separated, Set.of(1L, 2L, 3L), 2, 100)).isEmpty();
    }

    @Test
    void robustnessAreaAndCrossing() {
        TreeMap<Double, Map<Long, Double>> curve = new TreeMap<>();
        curve.put(0.0, Map.of(1L, 0.9, 2L, 0.8));
        curve.put(0.5, Map.of(1L, 0.7, 2L, 0.6));
        curve.put(1.0, Map.of(1L, 0.5, 2L, 0.4, 3L, 0.1)); // seed 3 is not at every condition: left out
        Robustness.Area area = Robustness.area(curve, 0.95);
        // By hand: seed 1 (0.9+0.7)/4 + (0.7+0.5)/4 = 0.7; seed 2 = 0.6; mean 0.65.
        assertThat(area.mean()).isEqualTo(0.65, within(1e-12));
        assertThat(area.seeds()).isEqualTo(2);
        assertThat(area.interval().contains(0.65)).isTrue();
        double[] p = {0.0, 0.5, 1.0};
        assertThat(Robustness.crossing(p, new double[] {0.9, 0.7, 0.3}, new double[] {0.8, 0.7, 0.6})).hasValue(0.5);
        assertThat(Robustness.crossing(p, new double[] {0.9, 0.6, 0.3}, new double[] {0.8, 0.7, 0.6}).getAsDouble())
                .isEqualTo(0.25, within(1e-12));
        assertThat(Robustness.crossing(p, new double[] {0.9, 0.8, 0.7}, new double[] {0.5, 0.4, 0.3})).isEmpty();
    }

    @Test
    void verdictsSayWhoWinsByHowMuchWithTheInterval() {
        PairedComparison c = PairedComparison.of(Map.of(1L, 0.61, 2L, 0.58, 3L, 0.64, 4L, 0.60, 5L, 0.59),
                Map.of(1L, 0.85, 2L, 0.86, 3L, 0.88, 4L, 0.83, 5L, 0.87), 0.95, 1);
        assertThat(Verdict.of("Symile", "Gated Symile", c, 0.004, 0.95, "test top-1", true, "misalignment = 1.0"))
                .isEqualTo("Gated Symile beats Symile by 0.25 test top-1 (95% CI 0.22 to 0.28, 5 paired seeds,"
                        + " Holm-adjusted p < 0.01) at misalignment = 1.0");
        PairedComparison even = PairedComparison.of(Map.of(1L, 0.6, 2L, 0.7, 3L, 0.65), Map.of(1L, 0.62, 2L, 0.66, 3L, 0.66), 0.95, 1);
        assertThat(Verdict.of("Symile", "Gated Symile", even, 0.9, 0.95, "test top-1", true, "p = 0.5"))
                .startsWith("No clear difference between Gated Symile and Symile");
        // An interval clear of zero with a corrected p above 0.05 is not called a win.
        assertThat(Verdict.of("Symile", "Gated Symile", c, 0.2, 0.95, "test top-1", true, "p = 1.0"))
                .startsWith("Gated Symile is ahead of Symile by 0.25").endsWith("not significant after Holm's correction at p = 1.0");
    }

    @Test
    void lcbWithRacingFindsTheTrulyBestMoreOftenThanTheRawBestRun() {
        SelectionSimulation.Rates rates = SelectionSimulation.run(SelectionSimulation.TYPICAL, 1000, 2026);
        System.out.println(rates);
        assertThat(rates.lcbWithRacing()).isGreaterThan(rates.rawBestRun());
        assertThat(rates.racingTrialsUsed()).isLessThanOrEqualTo(40);
    }
}
