package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sign-in settings ({@code symsweep.auth.*}; see application.properties). */
@ApplicationScoped
public class AuthConfig {
    /** A browser session ends after this long without a request. */
    @ConfigProperty(name = "symsweep.auth.session-idle-timeout", defaultValue = "12h")
    Duration sessionIdleTimeout;

    /** Failed sign-ins in a row after which each further answer is delayed (1 s, 2 s, 4 s, ... up to max-delay). */
    @ConfigProperty(name = "symsweep.auth.slow-after", defaultValue = "3")
    int slowAfter;

    @ConfigProperty(name = "symsweep.auth.max-delay", defaultValue = "8s")
    Duration maxDelay;

    /** Failed sign-ins in a row that lock the account for lock-duration. */
    @ConfigProperty(name = "symsweep.auth.lock-after", defaultValue = "10")
    int lockAfter;

    @ConfigProperty(name = "symsweep.auth.lock-duration", defaultValue = "15m")
    Duration lockDuration;

    /** The cookies' Secure flag: auto (when the request came over HTTPS), always or never. */
    @ConfigProperty(name = "symsweep.auth.secure-cookie", defaultValue = "auto")
    String secureCookie;

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public int slowAfter() {
        return slowAfter;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public int lockAfter() {
        return lockAfter;
    }

    public Duration lockDuration() {
        return lockDuration;
    }

    public String secureCookie() {
        return secureCookie;
    }
}
