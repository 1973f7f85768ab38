package org.symsweep.bench;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.access.Secrets;
import org.symsweep.server.ServerProcess;

/**
 * 3,000 event streams against the packaged server (375 API tokens of 375 viewer accounts, 8 streams each, on 10
 * running sweeps), two more from one token past its per-caller limit, and the p50/p95 of ordinary requests quiet
 * and while the streams are open. Default limits: 8 per caller, 500 per node, so 500 streams open and the rest
 * are answered 429. Run with {@code ./mvnw verify -Pbench -Dit.test=EventStreamBench}.
 */
class EventStreamBench {
    private static final int TOKENS = 375;
    private static final int PER_TOKEN = 8;
    private static final int SWEEPS = 10;
    private static final int REQUESTS = 200;

    @Test
    void eventStreams() throws Exception {
        Path data = Files.createTempDirectory("bench-db");
        Path home = Files.createTempDirectory("bench-home");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
             ServerProcess server = ServerProcess.start(home, Map.of("DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                     "DB_USER", "postgres", "SYMSWEEP_WORKERS_CPU_SLOTS", "1"))) {
            server.awaitHealthy(Duration.ofSeconds(120));
            List<Long> sweeps = new ArrayList<>();
            for (int i = 0; i < SWEEPS; i++) {
                String spec = """
                        {"name": "watched %d", "benchmark": {"kind": "no-op", "seconds": 5}, "variants": ["clip"],
                         "conditions": {"p": [0.5]}, "seeds": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}"""
                        .formatted(i);
                sweeps.add(JsonPath.from(server.postJson("/api/sweeps", spec).body()).getLong("id"));
            }
            List<String> tokens = viewers(postgres.getJdbcUrl("postgres", "postgres"));
            String ordinary = "/api/sweeps/" + sweeps.get(0);

            double[] quiet = measure(server, ordinary);
            System.out.printf("BENCH event streams: quiet           GET %s p50 %6.1f ms  p95 %6.1f ms  (%d requests)%n",
                    ordinary, quiet[0], quiet[1], REQUESTS);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            Map<String, Integer> statuses = new TreeMap<>();
            List<Stream<String>> open = new ArrayList<>();
            long start = System.nanoTime();
            for (int batch = 0; batch < TOKENS * PER_TOKEN; batch += 250) {
                List<CompletableFuture<HttpResponse<Stream<String>>>> pending = new ArrayList<>();
                for (int i = batch; i < Math.min(batch + 250, TOKENS * PER_TOKEN); i++) {
                    pending.add(client.sendAsync(stream(server, sweeps.get(i % SWEEPS), tokens.get(i / PER_TOKEN)),
                            HttpResponse.BodyHandlers.ofLines()));
                }
                for (CompletableFuture<HttpResponse<Stream<String>>> future : pending) {
                    collect(future.get(), statuses, open);
                }
            }
            // Past one caller's limit: the first token's 9th and 10th streams.
            for (int i = 0; i < 2; i++) {
                collect(client.send(stream(server, sweeps.get(0), tokens.get(0)), HttpResponse.BodyHandlers.ofLines()), statuses, open);
            }
            System.out.printf("BENCH event streams: %d streams asked for in %.1f s; answers by status %s%n",
                    TOKENS * PER_TOKEN + 2, (System.nanoTime() - start) / 1e9, statuses);
            Thread.sleep(3000); // the streams settle into their polls
            double[] busy = measure(server, ordinary);
            System.out.printf("BENCH event streams: %d streams open GET %s p50 %6.1f ms  p95 %6.1f ms  (%d requests)%n",
                    open.size(), ordinary, busy[0], busy[1], REQUESTS);
            System.out.printf("BENCH event streams: during / quiet: p50 %.2fx, p95 %.2fx (goal: under 3x)%n",
                    busy[0] / quiet[0], busy[1] / quiet[1]);
            open.forEach(Stream::close);
            Thread.sleep(3000);
            double[] after = measure(server, ordinary);
            System.out.printf("BENCH event streams: quiet again     GET %s p50 %6.1f ms  p95 %6.1f ms  (%d requests)%n",
                    ordinary, after[0], after[1], REQUESTS);
            server.stop();
        } finally {
            TempFolders.delete(data);
            TempFolders.delete(home);
        }
    }

    private static void collect(HttpResponse<Stream<String>> response, Map<String, Integer> statuses, List<Stream<String>> open) {
        if (response.statusCode() == 200) {
            statuses.merge("200", 1, Integer::sum);
            open.add(response.body());
            return;
        }
        String body;
        try (Stream<String> lines = response.body()) {
            body = String.join("", lines.toList());
        }
        String reason = body.contains("symsweep.limits.streams.per-caller") ? " per caller"
                : body.contains("symsweep.limits.streams.total") ? " per node" : " " + body;
        statuses.merge(response.statusCode() + reason + (response.headers().firstValue("Retry-After").isPresent() ? " (Retry-After)" : ""),
                1, Integer::sum);
    }

    private static HttpRequest stream(ServerProcess server, long sweep, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/sweeps/" + sweep + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build();
    }

    private static double[] measure(ServerProcess server, String path) throws Exception {
        for (int i = 0; i < REQUESTS; i++) {
            server.get(path); // warm-up, so neither measurement pays for the JIT
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = server.get(path);
            millis.add((System.nanoTime() - t) / 1e6);
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        Collections.sort(millis);
        return new double[] {millis.get(REQUESTS / 2), millis.get((int) Math.ceil(REQUESTS * 0.95) - 1)};
    }

    /** Viewer accounts of the default team with one read token each, stored as the server stores them. */
    private static List<String> viewers(String url) throws Exception {
        List<String> tokens = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement account = c.prepareStatement("insert into account (username, password_hash) values (?, 'unusable') returning id");
             PreparedStatement member = c.prepareStatement(
                     "insert into membership (team_id, account_id, role) select id, ?, 'viewer' from team where name = 'default'");
             PreparedStatement token = c.prepareStatement(
                     "insert into api_token (account_id, name, token_hash, scope) values (?, 'bench', ?, 'read')")) {
            for (int i = 0; i < TOKENS; i++) {
                account.setString(1, "watcher" + i);
                long id;
                try (var rs = account.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                member.setLong(1, id);
                member.executeUpdate();
                String secret = "bench-token-" + i + "-0123456789abcdef0123456789abcdef";
                token.setLong(1, id);
                token.setBytes(2, Secrets.hash(secret));
                token.executeUpdate();
                tokens.add(secret);
            }
        }
        return tokens;
    }
}
