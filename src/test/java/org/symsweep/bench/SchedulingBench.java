package org.symsweep.bench;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.server.ServerProcess;

/**
 * Scheduling overhead of the whole path (HTTP, PostgreSQL, Quartz's clustered JDBC store, worker slots,
 * metric writes, completion) with no-op trials, on the packaged server with its default two CPU slots:
 * 2,000 instant trials (trials per second), and 1-second trials (makespan against the ideal).
 * Run with {@code ./mvnw verify -Pbench -Dit.test=SchedulingBench}; it prints its figures.
 */
class SchedulingBench {
    @Test
    void scheduling() throws Exception {
        Path data = Files.createTempDirectory("bench-db");
        Path home = Files.createTempDirectory("bench-home");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
             ServerProcess server = ServerProcess.start(home, Map.of("DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                     "DB_USER", "postgres"))) {
            server.awaitHealthy(Duration.ofSeconds(120));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            String seeds = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));

            // Warm-up, so that class loading and the JIT compiling the path do not count: a server runs for days.
            String warmUp = IntStream.rangeClosed(1, 500).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
            run(server, url, "warm-up", 0, warmUp, "[0.5]", 64);

            Result instant = run(server, url, "2000 no-op trials", 0, seeds, "[0.1, 0.2]", 64);
            System.out.printf("BENCH breakdown: mean %.2f ms from queued to claimed, %.2f ms from claimed to finished;"
                    + " slots busy %.0f%% of the time%n", instant.queuedToClaimed * 1000, instant.meanTrial * 1000,
                    100 * instant.meanTrial * instant.trials / (2 * instant.makespan));
            System.out.printf("BENCH scheduling: %d no-op trials (5 epochs each, %d metric rows) in %.2f s = %.0f trials/s"
                            + " (first start to last finish; %.2f s from POST to sweep SUCCEEDED)%n",
                    instant.trials, instant.metricRows, instant.makespan, instant.trials / instant.makespan, instant.wall);

            String forty = IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
            Result second = run(server, url, "1-second trials", 1.0, forty, "[0.1, 0.2]", 4);
            double ideal = second.trials * 1.0 / 2; // two CPU slots
            System.out.printf("BENCH one-second trials: %d trials on 2 slots in %.2f s; ideal %.1f s; overhead %.1f%%"
                            + " (mean trial %.3f s)%n",
                    second.trials, second.makespan, ideal, 100 * (second.makespan - ideal) / ideal, second.meanTrial);
            server.stop();
        } finally {
            TempFolders.delete(data);
            TempFolders.delete(home);
        }
    }

    private record Result(long trials, long metricRows, double makespan, double wall, double meanTrial, double queuedToClaimed) {
    }

    private static Result run(ServerProcess server, String url, String name, double seconds, String seeds, String conditions,
                              int maxParallel) throws Exception {
        long start = System.nanoTime();
        String body = """
                {"name": "%s", "benchmark": {"kind": "no-op", "seconds": %s}, "variants": ["clip"],
                 "conditions": {"p": %s}, "seeds": %s, "limits": {"max_parallel": %d}}"""
                .formatted(name, seconds, conditions, seeds, maxParallel);
        long id = JsonPath.from(server.postJson("/api/sweeps", body).body()).getLong("id");
        while (!JsonPath.from(server.get("/api/sweeps/" + id).body()).getString("state").equals("SUCCEEDED")) {
            Thread.sleep(250);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), extract(epoch from max(finished_at) - min(started_at)),"
                     + " avg(extract(epoch from finished_at - started_at)),"
                     + " (select count(*) from epoch_metric m join trial t on t.id = m.trial_id where t.sweep_id = " + id + "),"
                     + " avg(extract(epoch from started_at - queued_at))"
                     + " from trial where sweep_id = " + id + " and state = 'SUCCEEDED'")) {
            rs.next();
            return new Result(rs.getLong(1), rs.getLong(4), rs.getDouble(2), wall, rs.getDouble(3), rs.getDouble(5));
        }
    }
}
