package org.symsweep.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.server.ServerProcess;

/**
 * Ordinary requests (GET /api/sweeps with a token) while 60 unauthenticated clients flood POST /api/session
 * with unknown user names as fast as they are answered, ignoring Retry-After, on the packaged server: p50/p95
 * quiet and during the flood, the flood's answers, heap used and committed (jcmd), and how long a real user
 * takes to sign in during the flood. Two floods: 60 clients with an address each (the per-client budget
 * holds them), and 60 clients with a fresh address for every request (as from a large IPv6 range or a
 * botnet: only the hashing pool holds them). The server trusts X-Forwarded-For from the loopback, so the
 * flooders can claim those addresses. Run with {@code ./mvnw verify -Pbench -Dskip.ui=true -Dit.test=SignInFloodBench}.
 */
class SignInFloodBench {
    private static final int CLIENTS = 60;
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration FLOOD = Duration.ofSeconds(25);
    private static final String ADMIN_PASSWORD = "Bench lantern over the kettle 77";

    @Test
    void signInFlood() throws Exception {
        Path data = Files.createTempDirectory("bench-db");
        Path home = Files.createTempDirectory("bench-home");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
             ServerProcess server = ServerProcess.start(home, Map.of("DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                     "DB_USER", "postgres", "SYMSWEEP_WORKERS_CPU_SLOTS", "1", "SYMSWEEP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                     "SYMSWEEP_AUTH_TRUSTED_PROXIES", "127.0.0.1"))) {
            server.awaitHealthy(Duration.ofSeconds(120));
            Heap booted = heap(server.pid());
            System.out.printf("BENCH sign-in flood: %d cores, server pid %d; heap after start: used %d MiB, committed %d MiB%n",
                    Runtime.getRuntime().availableProcessors(), server.pid(), booted.usedMiB, booted.committedMiB);
            // A server that has run for a while has compiled its sign-in path (Argon2 included) too.
            HttpClient warm = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                warm.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/session"))
                        .header("Content-Type", "application/json").header("X-Forwarded-For", "10.250." + (i / 250) + "." + (i % 250))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"warm-" + i + "\", \"password\": \"guess\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            // Warm up until the JIT has settled: two 5-second rounds in a row within 10% of each other (at most 2 minutes).
            double previous = Double.MAX_VALUE;
            for (int round = 1; round <= 24; round++) {
                double p50 = measure(server, "warm-up " + round, Duration.ofSeconds(5), null).p50;
                if (Math.abs(p50 - previous) <= 0.1 * previous) {
                    break;
                }
                previous = p50;
            }
            Heap start = heap(server.pid());
            System.out.printf("BENCH sign-in flood: heap after warm-up: used %d MiB, committed %d MiB%n", start.usedMiB, start.committedMiB);
            Figures quiet = measure(server, "quiet", QUIET, null);
            Figures perClient = measure(server, "flood, 60 clients, one address each", FLOOD, false);
            Figures fresh = measure(server, "flood, 60 clients, a new address per request", FLOOD, true);
            Figures after = measure(server, "quiet again", QUIET, null);
            for (Figures base : List.of(quiet, after)) {
                System.out.printf("BENCH sign-in flood: floods / %s: p50 %.1fx and %.1fx; p95 %.1fx and %.1fx (goal: under 3x)%n",
                        base == quiet ? "quiet before" : "quiet after", perClient.p50 / base.p50, fresh.p50 / base.p50,
                        perClient.p95 / base.p95, fresh.p95 / base.p95);
            }
            Heap end = heap(server.pid());
            System.out.printf("BENCH sign-in flood: heap at end: used %d MiB, committed %d MiB (committed grew %d MiB during the floods,"
                    + " %d MiB since start)%n", end.usedMiB, end.committedMiB, end.committedMiB - start.committedMiB, end.committedMiB - booted.committedMiB);
            server.stop();
        } finally {
            TempFolders.delete(data);
            TempFolders.delete(home);
        }
    }

    private record Figures(double p50, double p95) {
    }

    private record Heap(long usedMiB, long committedMiB) {
    }

    /** GET /api/sweeps one after another for the duration, with a flood (fresh address per request or not) or none. */
    private static Figures measure(ServerProcess server, String what, Duration duration, Boolean freshAddresses) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong maxHeapUsed = new AtomicLong();
        AtomicLong maxHeapCommitted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        if (freshAddresses != null) {
            HttpClient flood = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI session = URI.create("http://127.0.0.1:" + server.port() + "/api/session");
            AtomicLong sequence = new AtomicLong();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                threads.add(daemon(() -> {
                    while (!stop.get()) {
                        long n = sequence.incrementAndGet();
                        String address = freshAddresses ? "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255)
                                : "10.200.0." + client;
                        HttpRequest request = HttpRequest.newBuilder(session).timeout(Duration.ofSeconds(90))
                                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"nobody-" + n + "\", \"password\": \"guess-" + n + "\"}"))
                                .build();
                        try {
                            int status = flood.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }));
            }
            threads.add(daemon(() -> {
                while (!stop.get()) {
                    Heap heap = heap(server.pid());
                    maxHeapUsed.accumulateAndGet(heap.usedMiB, Math::max);
                    maxHeapCommitted.accumulateAndGet(heap.committedMiB, Math::max);
                    sleep(500);
                }
            }));
            sleep(2000); // the flood is under way
        }
        List<Double> millis = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        long signInMillis = -1;
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            HttpResponse<String> answer = server.get("/api/sweeps");
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET /api/sweeps answered " + answer.statusCode() + ": " + answer.body());
            }
            millis.add((System.nanoTime() - t) / 1e6);
            if (freshAddresses != null && signInMillis < 0 && millis.size() == 50) {
                signInMillis = realSignIn(server);
            }
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(100_000);
        }
        Collections.sort(millis);
        Figures figures = new Figures(millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
        System.out.printf("BENCH sign-in flood: %-46s GET /api/sweeps p50 %6.1f ms  p95 %6.1f ms  max %7.1f ms  (%d requests)%n", what,
                figures.p50, figures.p95, millis.get(millis.size() - 1), millis.size());
        if (freshAddresses != null) {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.get()));
            System.out.printf("BENCH sign-in flood: %-46s sign-in answers by status %s; heap max used %d MiB, max committed %d MiB;"
                    + " a real user's sign-in from another address took %d ms%n", what, counts, maxHeapUsed.get(), maxHeapCommitted.get(), signInMillis);
        }
        return figures;
    }

    /** The administrator signs in from an address of their own, retrying after Retry-After as a person would; milliseconds until 200. */
    private static long realSignIn(ServerProcess server) {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/session"))
                                .header("Content-Type", "application/json").header("X-Forwarded-For", "192.0.2.10")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"" + ADMIN_PASSWORD + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
                sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return -2;
    }

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    /** Heap used and committed, from jcmd GC.heap_info (no change to the server needed). */
    private static Heap heap(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            Matcher m = HEAP.matcher(out);
            if (!m.find()) {
                return new Heap(-1, -1);
            }
            return new Heap(Long.parseLong(m.group(2)) / 1024, Long.parseLong(m.group(1)) / 1024);
        } catch (Exception e) {
            return new Heap(-1, -1);
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
