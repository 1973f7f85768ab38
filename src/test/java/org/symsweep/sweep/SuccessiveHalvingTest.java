package org.symsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuccessiveHalvingTest {
    @Test
    void rungsGrowByTheReductionFactorBelowTheMaximum() {
        assertThat(SuccessiveHalving.rungs(1, 27, 3)).containsExactly(1, 3, 9);
        assertThat(SuccessiveHalving.rungs(2, 20, 2)).containsExactly(2, 4, 8, 16);
        assertThat(SuccessiveHalving.rungs(5, 5, 3)).isEmpty();
    }

    @Test
    void aTrialContinuesOnlyInTheBestThirdOfItsRung() {
        List<Double> nine = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(SuccessiveHalving.promotes(0.9, nine, true, 3)).isTrue();
        assertThat(SuccessiveHalving.promotes(0.7, nine, true, 3)).isTrue();
        assertThat(SuccessiveHalving.promotes(0.6, nine, true, 3)).isFalse();
        // Minimising a loss: the smallest values continue.
        assertThat(SuccessiveHalving.promotes(0.3, nine, false, 3)).isTrue();
        assertThat(SuccessiveHalving.promotes(0.4, nine, false, 3)).isFalse();
    }

    @Test
    void theFirstArrivalsAreJudgedAgainstTheBestSoFar() {
        assertThat(SuccessiveHalving.promotes(0.5, List.of(0.5), true, 3)).isTrue();
        assertThat(SuccessiveHalving.promotes(0.4, List.of(0.5, 0.4), true, 3)).isFalse();
        assertThat(SuccessiveHalving.promotes(0.6, List.of(0.5, 0.6), true, 3)).isTrue();
        // Ties do not stop a trial.
        assertThat(SuccessiveHalving.promotes(0.5, List.of(0.5, 0.5, 0.5), true, 3)).isTrue();
    }
}
