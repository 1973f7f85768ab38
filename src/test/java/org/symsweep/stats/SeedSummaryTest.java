package org.symsweep.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeedSummaryTest {
    @Test
    void theTIntervalMatchesRsTTest() {
        // R: t.test(c(1, 2, 3, 4, 5))$conf.int = 1.036757 4.963243
        SeedSummary s = SeedSummary.of(new double[] {1, 2, 3, 4, 5}, 0.95);
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.mean()).isEqualTo(3.0, within(1e-12));
        assertThat(s.sd()).isEqualTo(Math.sqrt(2.5), within(1e-12));
        assertThat(s.variance()).isEqualTo(2.5, within(1e-12));
        assertThat(s.sem()).isEqualTo(Math.sqrt(0.5), within(1e-12));
        assertThat(s.ciLow()).isEqualTo(1.036757, within(1e-6));
        assertThat(s.ciHigh()).isEqualTo(4.963243, within(1e-6));
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
    }

    @Test
    void twoSeedsGiveTheWideIntervalOfOneDegreeOfFreedom() {
        // R: t.test(c(0.8, 0.9))$conf.int = 0.2146898 1.4853102 (t = 12.7062)
        SeedSummary s = SeedSummary.of(new double[] {0.8, 0.9}, 0.95);
        assertThat(s.ciLow()).isEqualTo(0.2146898, within(1e-6));
        assertThat(s.ciHigh()).isEqualTo(1.4853102, within(1e-6));
    }

    @Test
    void oneSeedHasNoKnownSpread() {
        SeedSummary s = SeedSummary.of(new double[] {0.7}, 0.95);
        assertThat(s.mean()).isEqualTo(0.7);
        assertThat(s.sd()).isNaN();
        assertThat(s.ciLow()).isNaN();
        assertThat(s.ciHigh()).isNaN();
    }
}
