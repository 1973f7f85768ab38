package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * Slows guessing without letting anyone lock a person out. Two budgets, both in memory and bounded:
 * <ul>
 * <li>per user name as submitted, whether or not the account exists (so the delays say nothing about which
 * names exist): after {@code slow-after} failures every further attempt for the name waits first, 1 s, 2 s,
 * 4 s, ... up to {@code max-delay}, before its password is checked; the wait costs no thread. The right
 * password still gets in after at most {@code max-delay}, and then the name's failures are forgotten.</li>
 * <li>per client address: {@code client-failures} attempts in a burst, then one more per {@code client-refill}
 * (a successful sign-in gives its attempt back, so only failures and refusals use the budget up); and at most
 * {@code client-concurrent} sign-ins under way at once. This is what holds a guesser back.</li>
 * </ul>
 * Each node keeps its own counts; behind a load balancer a guesser gets one budget per node.
 */
@ApplicationScoped
public class SignInThrottle {
    private final AuthConfig config;
    private final RecentEntries<Name> names;
    private final RecentEntries<Client> clients;
    private final long refillNanos;
    private int pending;

    public SignInThrottle(AuthConfig config) {
        this.config = config;
        this.names = new RecentEntries<>(config.remembered());
        this.clients = new RecentEntries<>(config.remembered());
        this.refillNanos = Math.max(1, config.clientRefill().toNanos());
    }

    private final class Name implements RecentEntries.Expiring {
        int failures;
        long lastFailure;

        @Override
        public boolean expired(long now) {
            return now - lastFailure > config.forgetAfter().toNanos();
        }
    }

    private final class Client implements RecentEntries.Expiring {
        double tokens = config.clientFailures();
        long updated;
        int underWay;

        Client(long now) {
            updated = now;
        }

        void refill(long now) {
            tokens = Math.min(config.clientFailures(), tokens + (double) (now - updated) / refillNanos);
            updated = now;
        }

        @Override
        public boolean expired(long now) {
            return underWay == 0 && tokens + (double) (now - updated) / refillNanos >= config.clientFailures();
        }
    }

    /** One admitted attempt: how long it waits before its password is checked. End it with {@link #succeeded} or {@link #failed} or {@link #abandoned}. */
    public record Attempt(String client, String name, Duration delay) {
    }

    /** Admits an attempt for this user name from this client, or refuses it with {@link TryLater}. */
    public synchronized Attempt admit(String client, String username) {
        long now = System.nanoTime();
        Client c = clients.getOrCreate(client, now, () -> new Client(now));
        c.refill(now);
        if (c.tokens < 1) {
            long wait = (long) Math.ceil((1 - c.tokens) * refillNanos / 1e9);
            throw new TryLater(429, "too many failed sign-ins from your address: at most " + config.clientFailures()
                    + " in a burst, then one more every " + seconds(config.clientRefill()) + "; try again in " + wait + " s", wait);
        }
        if (c.underWay >= config.clientConcurrent()) {
            throw new TryLater(429, "too many sign-ins from your address at once: at most " + config.clientConcurrent()
                    + " at a time; wait for an answer before sending another", 1);
        }
        if (pending >= config.maxPending()) {
            throw new TryLater(503, "too many sign-ins under way on this server: at most " + config.maxPending()
                    + " at once; try again in a moment", 1);
        }
        c.tokens -= 1;
        c.underWay++;
        pending++;
        String key = key(username);
        return new Attempt(client, key, delayOf(key, now));
    }

    /** How long the next attempt for this name waits before its password is checked, whoever sends it. */
    public synchronized Duration nextDelay(String username) {
        return delayOf(key(username), System.nanoTime());
    }

    private Duration delayOf(String key, long now) {
        Name n = names.get(key, now);
        return n == null ? Duration.ZERO : delay(n.failures);
    }

    /** The wait before an attempt for a name that has failed this many times in a row. */
    Duration delay(int failures) {
        if (failures < config.slowAfter()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - config.slowAfter(), 30);
        long nanos = config.firstDelay().toNanos();
        long max = config.maxDelay().toNanos();
        for (int i = 0; i < doublings && nanos < max; i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, max));
    }

    /** The right password: the name's failures are forgotten and the client gets its token back. */
    public synchronized void succeeded(Attempt attempt) {
        long now = System.nanoTime();
        names.remove(attempt.name());
        Client c = release(attempt, now);
        if (c != null) {
            c.tokens = Math.min(config.clientFailures(), c.tokens + 1);
        }
    }

    /** A wrong password or unknown name; returns the name's failures in a row. */
    public synchronized int failed(Attempt attempt) {
        long now = System.nanoTime();
        release(attempt, now);
        Name n = names.getOrCreate(attempt.name(), now, Name::new);
        n.failures++;
        n.lastFailure = now;
        return n.failures;
    }

    /**
     * Not checked (server busy, client gone): the name's count is unchanged, but the client keeps having spent
     * the attempt, so a flood refused for a full hashing queue still runs down its own budget.
     */
    public synchronized void abandoned(Attempt attempt) {
        release(attempt, System.nanoTime());
    }

    private Client release(Attempt attempt, long now) {
        pending = Math.max(0, pending - 1);
        Client c = clients.get(attempt.client(), now);
        if (c != null) {
            c.underWay = Math.max(0, c.underWay - 1);
        }
        return c;
    }

    /** Names are counted as the sign-in looks them up (case-insensitively), by a fixed-size digest. */
    private static String key(String username) {
        return Base64.getEncoder().withoutPadding().encodeToString(Secrets.hash(username.toLowerCase(Locale.ROOT)));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Names and clients currently remembered (for tests and benchmarks). */
    public synchronized int[] remembered() {
        return new int[] {names.size(), clients.size()};
    }
}
