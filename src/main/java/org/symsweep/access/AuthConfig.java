package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sign-in settings ({@code symsweep.auth.*}; see application.properties and the README, "Signing in"). */
@ApplicationScoped
public class AuthConfig {
    /** A browser session ends after this long without a request. */
    @ConfigProperty(name = "symsweep.auth.session-idle-timeout", defaultValue = "12h")
    Duration sessionIdleTimeout;

    /** Failed sign-ins for one user name (existing or not) after which every further attempt for it waits first. */
    @ConfigProperty(name = "symsweep.auth.slow-after", defaultValue = "3")
    int slowAfter;

    /** The first wait; it doubles with each further failure, up to max-delay. */
    @ConfigProperty(name = "symsweep.auth.first-delay", defaultValue = "1s")
    Duration firstDelay;

    /** The longest wait: nobody is kept from signing in for longer than this by someone else's failures. */
    @ConfigProperty(name = "symsweep.auth.max-delay", defaultValue = "60s")
    Duration maxDelay;

    /** A user name's failures are forgotten after this long without a new one (a correct sign-in forgets them at once). */
    @ConfigProperty(name = "symsweep.auth.forget-after", defaultValue = "15m")
    Duration forgetAfter;

    /** Failed sign-ins one client address may make in a burst ... */
    @ConfigProperty(name = "symsweep.auth.client-failures", defaultValue = "10")
    int clientFailures;

    /** ... after which it gets one more per this interval. */
    @ConfigProperty(name = "symsweep.auth.client-refill", defaultValue = "6s")
    Duration clientRefill;

    /** Sign-ins one client address may have under way at once. */
    @ConfigProperty(name = "symsweep.auth.client-concurrent", defaultValue = "4")
    int clientConcurrent;

    /** Sign-ins under way at once over all clients (waiting out their delay or being checked). */
    @ConfigProperty(name = "symsweep.auth.max-pending", defaultValue = "1000")
    int maxPending;

    /** User names and client addresses remembered each; beyond, the least recently seen are dropped. */
    @ConfigProperty(name = "symsweep.auth.remembered", defaultValue = "100000")
    int remembered;

    /** Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client; none by default. */
    @ConfigProperty(name = "symsweep.auth.trusted-proxies")
    Optional<List<String>> trustedProxies;

    /** Password checks (Argon2id, 19 MiB each) running at once; default half the cores, at least 1. */
    @ConfigProperty(name = "symsweep.auth.hashing-threads")
    Optional<Integer> hashingThreads;

    /**
     * Password checks waiting for a thread (a waiting check holds no Argon2 memory); beyond, 503 with Retry-After.
     * Long enough that clients who wait for their answer queue up in turn instead of retrying in a tight loop.
     */
    @ConfigProperty(name = "symsweep.auth.hashing-queue", defaultValue = "64")
    int hashingQueue;

    /** How long a refused sign-in (429/503) waits before it is answered, so a client retrying at once is slowed by itself. */
    @ConfigProperty(name = "symsweep.auth.refusal-delay", defaultValue = "1s")
    Duration refusalDelay;

    /** The cookies' Secure flag: auto (when the request came over HTTPS), always or never. */
    @ConfigProperty(name = "symsweep.auth.secure-cookie", defaultValue = "auto")
    String secureCookie;

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public int slowAfter() {
        return slowAfter;
    }

    public Duration firstDelay() {
        return firstDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public Duration forgetAfter() {
        return forgetAfter;
    }

    public int clientFailures() {
        return clientFailures;
    }

    public Duration clientRefill() {
        return clientRefill;
    }

    public int clientConcurrent() {
        return clientConcurrent;
    }

    public int maxPending() {
        return maxPending;
    }

    public int remembered() {
        return remembered;
    }

    public List<String> trustedProxies() {
        return trustedProxies.orElse(List.of());
    }

    public int hashingThreads() {
        return hashingThreads.orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    public int hashingQueue() {
        return hashingQueue;
    }

    public Duration refusalDelay() {
        return refusalDelay;
    }

    public String secureCookie() {
        return secureCookie;
    }
}
