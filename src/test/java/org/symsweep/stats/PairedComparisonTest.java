package org.symsweep.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference values computed independently with SciPy 1.17.1 (scipy.stats.wilcoxon, scipy.stats.t.interval). */
class PairedComparisonTest {
    @Test
    void aPairedComparisonMatchesScipy() {
        // a = symile, b = gated-symile, seeds 1..5.
        Map<Long, Double> a = Map.of(1L, 0.61, 2L, 0.58, 3L, 0.64, 4L, 0.60, 5L, 0.59);
        Map<Long, Double> b = Map.of(1L, 0.85, 2L, 0.86, 3L, 0.88, 4L, 0.83, 5L, 0.87);
        PairedComparison c = PairedComparison.of(a, b, 0.95, 1);
        assertThat(c.pairs()).isEqualTo(5);
        assertThat(c.meanDifference()).isEqualTo(0.254, within(1e-12));
        assertThat(c.sdDifference()).isEqualTo(0.024083189157584613, within(1e-12));
        // scipy.stats.t.interval(0.95, 4, loc=mean, scale=sem)
        assertThat(c.tInterval().low()).isEqualTo(0.22409677106109596, within(1e-9));
        assertThat(c.tInterval().high()).isEqualTo(0.2839032289389041, within(1e-9));
        // scipy.stats.wilcoxon(b, a, method='exact'): all five differences positive, p = 2/32
        assertThat(c.wilcoxonP()).isEqualTo(0.0625, within(1e-12));
        assertThat(c.effectSize()).isEqualTo(10.546775941424967, within(1e-9));
        // scipy.stats.ttest_rel(b, a).pvalue
        assertThat(c.tTestP()).isEqualTo(1.9166572874337553e-05, within(1e-12));
        assertThat(c.bootstrapInterval().low()).isBetween(0.22, 0.26);
        assertThat(c.bootstrapInterval().high()).isBetween(0.25, 0.29);
        assertThat(c.separated()).isTrue();
        assertThat(c.onlyInA()).isEmpty();
    }

    @Test
    void theSignedRankTestMatchesScipyExactAndApproximate() {
        // scipy.stats.wilcoxon(d).pvalue (SciPy's default method) for each array below.
        assertThat(PairedComparison.wilcoxon(new double[] {0.05, 0.12, -0.02, 0.08, 0.10, 0.07})).isEqualTo(0.0625, within(1e-12));
        double[] big = {0.2341, -0.2256, 0.0718, -0.0268, -0.0153, 0.0084, -0.172, 0.0068, -0.0565, 0.3623, 0.0526, -0.0053,
            0.0019, -0.0368, -0.0755, -0.0091, 0.0782, 0.0061, 0.1258, 0.01, 0.0324, 0.1846, 0.0845, -0.0205, 0.0117, 0.0841,
            0.2235, 0.003, 0.0056, 0.1302, -0.0586, 0.0008, 0.1183, 0.088, 0.0392};
        assertThat(PairedComparison.wilcoxon(big)).isEqualTo(0.043826959445141256, within(1e-12));
        // Tied magnitudes, exact over sign assignments (SciPy's default permutation p; its method='exact' ignores ties).
        assertThat(PairedComparison.wilcoxon(new double[] {0.1, 0.1, 0.2, -0.1, 0.3, 0.2, 0.4})).isEqualTo(0.0625, within(1e-12));
        // 60 pairs with ties: normal approximation with tie-corrected variance.
        double[] huge = {-0.06, -0.112, -0.005, 0.062, 0.134, 0.031, -0.035, -0.058, 0.095, 0.183, 0.047, -0.103, -0.076, 0.18,
            0.04, -0.153, 0.012, -0.096, -0.043, -0.029, -0.051, 0.075, 0.014, -0.039, 0.061, 0.103, -0.144, -0.006, -0.078, 0.003,
            -0.109, 0.022, 0.016, -0.01, -0.085, -0.02, -0.089, -0.116, 0.042, -0.091, 0.137, 0.092, -0.18, 0.047, -0.09, 0.023,
            0.024, -0.179, -0.003, -0.006, 0.116, -0.098, 0.094, -0.09, -0.013, -0.064, 0.165, 0.077, 0.263, 0.084};
        assertThat(PairedComparison.wilcoxon(huge)).isEqualTo(0.7404330046999148, within(1e-9));
        assertThat(PairedComparison.wilcoxon(new double[] {0, 0, 0})).isEqualTo(1.0);
    }

    @Test
    void seedsOnlyOneArmHasAreListed() {
        Map<Long, Double> a = new HashMap<>(Map.of(1L, 0.5, 2L, 0.6, 3L, 0.7));
        Map<Long, Double> b = new HashMap<>(Map.of(2L, 0.7, 3L, 0.75, 4L, 0.9));
        PairedComparison c = PairedComparison.of(a, b, 0.95, 1);
        assertThat(c.pairs()).isEqualTo(2);
        assertThat(c.onlyInA()).containsExactly(1L);
        assertThat(c.onlyInB()).containsExactly(4L);
    }

    @Test
    void holmAdjustsStepDown() {
        // By hand: sorted 0.01, 0.03, 0.04, 0.20 -> 4 x 0.01, 3 x 0.03, max(0.09, 2 x 0.04), 0.20.
        assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.20})).containsExactly(new double[] {0.04, 0.09, 0.09, 0.20}, within(1e-12));
        assertThat(Holm.adjust(new double[] {0.5, Double.NaN, 0.01})).containsExactly(new double[] {0.5, Double.NaN, 0.02}, within(1e-12));
    }

    @Test
    void theBootstrapIsReproducibleAndAgreesWithTOnNormalData() {
        double[] values = new double[40];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.7 + 0.05 * random.nextGaussian();
        }
        Interval boot = Intervals.bootstrap(values, 0.95, 42);
        assertThat(Intervals.bootstrap(values, 0.95, 42)).isEqualTo(boot);
        Interval t = Intervals.t(values, 0.95);
        assertThat(boot.low()).isEqualTo(t.low(), within(0.005));
        assertThat(boot.high()).isEqualTo(t.high(), within(0.005));
        assertThat(Intervals.bootstrap(new double[] {0.5}, 0.95, 1).known()).isFalse();
    }
}
