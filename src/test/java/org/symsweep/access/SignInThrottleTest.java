package org.symsweep.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic and its memory bound, without a server. */
class SignInThrottleTest {
    private static AuthConfig config(int remembered, int clientFailures) {
        AuthConfig config = new AuthConfig();
        config.slowAfter = 3;
        config.firstDelay = Duration.ofSeconds(1);
        config.maxDelay = Duration.ofSeconds(60);
        config.forgetAfter = Duration.ofMinutes(15);
        config.clientFailures = clientFailures;
        config.clientRefill = Duration.ofSeconds(6);
        config.clientConcurrent = 4;
        config.maxPending = 1000;
        config.remembered = remembered;
        return config;
    }

    @Test
    void delaysDoubleAfterTheThirdFailureAndStopAtTheCap() {
        SignInThrottle throttle = new SignInThrottle(config(100, 10));
        assertThat(throttle.delay(0)).isZero();
        assertThat(throttle.delay(2)).isZero();
        assertThat(throttle.delay(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delay(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delay(8)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delay(9)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.delay(1_000_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aFloodOfRandomNamesAndAddressesIsRememberedOnlyUpToTheCap() {
        SignInThrottle throttle = new SignInThrottle(config(100, 1_000_000));
        for (int i = 0; i < 20_000; i++) {
            throttle.failed(throttle.admit("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "random-" + i));
        }
        assertThat(throttle.remembered()[0]).isEqualTo(100);
        assertThat(throttle.remembered()[1]).isLessThanOrEqualTo(100);
    }

    @Test
    void aNamesCountIsSharedByEveryClientAndForgottenOnSuccess() {
        SignInThrottle throttle = new SignInThrottle(config(100, 10));
        for (int i = 0; i < 3; i++) {
            throttle.failed(throttle.admit("192.0.2." + i, "Dana"));
        }
        SignInThrottle.Attempt fromElsewhere = throttle.admit("198.51.100.1", "dana");
        assertThat(fromElsewhere.delay()).isEqualTo(Duration.ofSeconds(1));
        throttle.succeeded(fromElsewhere);
        assertThat(throttle.admit("198.51.100.1", "dana").delay()).isZero();
    }

    @Test
    void aClientsBudgetAndConcurrencyAreItsOwn() {
        SignInThrottle throttle = new SignInThrottle(config(100, 2));
        throttle.failed(throttle.admit("192.0.2.1", "a"));
        throttle.failed(throttle.admit("192.0.2.1", "b"));
        assertThatThrownBy(() -> throttle.admit("192.0.2.1", "c")).isInstanceOf(TryLater.class)
                .hasMessageContaining("at most 2").satisfies(e -> assertThat(((TryLater) e).status()).isEqualTo(429));
        throttle.abandoned(throttle.admit("192.0.2.2", "c"));
        SignInThrottle busy = new SignInThrottle(config(100, 10));
        for (int i = 0; i < 4; i++) {
            busy.admit("192.0.2.3", "x" + i);
        }
        assertThatThrownBy(() -> busy.admit("192.0.2.3", "y")).hasMessageContaining("at once");
        busy.admit("192.0.2.4", "y");
    }
}
