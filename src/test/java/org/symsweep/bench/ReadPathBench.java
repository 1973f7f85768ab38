package org.symsweep.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.server.ServerProcess;

/**
 * The dashboard's read path on a large sweep: 100,000 trials (1,000 configurations x 5 conditions x 20
 * seeds) with 2,500,000 epoch-metric rows, read through the packaged server's HTTP API. Prints p50, p95
 * and max latency of the summary and of trial pages. Run with {@code ./mvnw verify -Pbench -Dit.test=ReadPathBench}.
 */
class ReadPathBench {
    private static final int REQUESTS = 200;

    @Test
    void readPath() throws Exception {
        Path data = Files.createTempDirectory("bench-db");
        Path home = Files.createTempDirectory("bench-home");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
             ServerProcess server = ServerProcess.start(home, Map.of("DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                     "DB_USER", "postgres", "SYMSWEEP_WORKERS_CPU_SLOTS", "1"))) {
            server.awaitHealthy(Duration.ofSeconds(120)); // migrations ran
            long start = System.nanoTime();
            populate(postgres.getJdbcUrl("postgres", "postgres"));
            System.out.printf("BENCH read path: stored 100,000 trials and 2,500,000 metric rows in %.1f s%n", (System.nanoTime() - start) / 1e9);

            measure(server, "summary, best first, page 0 of 50", "/api/sweeps/1/summary?size=50");
            measure(server, "summary by variant, page 40 of 50", "/api/sweeps/1/summary?order=variant&page=40&size=50");
            measure(server, "trials page 0 of 50", "/api/sweeps/1/trials?size=50");
            measure(server, "trials page 1500 of 50", "/api/sweeps/1/trials?page=1500&size=50");
            measure(server, "trials filtered by state, variant, parameter", "/api/sweeps/1/trials?state=SUCCEEDED&variant=gated-symile&params.lr=0.001&size=50");
            measure(server, "one trial with its 5 epochs", "/api/trials/50001");
            measure(server, "sweep with progress counts", "/api/sweeps/1");
            server.stop();
        } finally {
            TempFolders.delete(data);
            TempFolders.delete(home);
        }
    }

    private static void measure(ServerProcess server, String what, String path) throws Exception {
        for (int i = 0; i < 20; i++) {
            check(server.get(path), path);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long t = System.nanoTime();
            check(server.get(path), path);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("BENCH read path: %-48s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d requests)%n", what,
                millis.get(REQUESTS / 2), millis.get((int) Math.ceil(REQUESTS * 0.95) - 1), millis.get(REQUESTS - 1), REQUESTS);
    }

    private static void check(HttpResponse<String> response, String path) {
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** One gated sweep: strength x temperature x lr (10 each) x 5 misalignments x 20 seeds, all succeeded, 5 epochs each. */
    private static void populate(String url) throws Exception {
        String strengths = "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]";
        String temperatures = "[0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0]";
        String rates = "[0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]";
        String spec = """
                {"name": "large", "benchmark": {"kind": "synthetic-misalignment"}, "variants": ["gated-symile"],
                 "conditions": {"misalignment": [0.0, 0.25, 0.5, 0.75, 1.0]},
                 "search": {"space": {"gate.strength": {"values": %s}, "gate.temperature": {"values": %s}, "lr": {"values": %s}}},
                 "seeds": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}""".formatted(strengths, temperatures, rates);
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("insert into sweep (id, name, spec, state, max_parallel, retries, finished_at, project_id) values (1, 'large', '"
                    + spec.replace("'", "''") + "'::jsonb, 'SUCCEEDED', 2, 2, now(), (select min(id) from project))");
            s.execute("""
                    insert into trial (id, sweep_id, variant, params, params_hash, condition, condition_hash, seed, state, attempt,
                                       node, device, objective, queued_at, started_at, finished_at, heartbeat_at)
                    select n + 1, 1, 'gated-symile',
                           jsonb_build_object('gate.strength', (%1$s::jsonb ->> (cfg %% 10))::float8,
                                              'gate.temperature', (%2$s::jsonb ->> (cfg / 10 %% 10))::float8,
                                              'lr', (%3$s::jsonb ->> (cfg / 100))::float8),
                           md5('config' || cfg), jsonb_build_object('misalignment', cond * 0.25), md5('condition' || cond),
                           seed + 1, 'SUCCEEDED', 1, 'bench', 'cpu()',
                           0.5 + 0.3 * (1 - cond * 0.25) * (cfg %% 10) / 10.0 + 0.02 * random(),
                           now() - interval '1 hour', now() - interval '1 hour', now(), now()
                    from generate_series(0, 99999) as n,
                         lateral (select n / 100 as cfg, (n / 20) %% 5 as cond, n %% 20 as seed) k
                    """.formatted("'" + strengths + "'", "'" + temperatures + "'", "'" + rates + "'"));
            s.execute("""
                    insert into epoch_metric (trial_id, attempt, epoch, name, value)
                    select t, 1, e, m, random() from generate_series(1, 100000) t, generate_series(1, 5) e,
                         unnest(array['train_loss', 'val_loss', 'val_top1', 'logit_scale', 'epoch_seconds']) m
                    """);
            s.execute("insert into final_metric (trial_id, name, value) select id, 'test_top1', objective from trial");
            s.execute("select setval('trial_id_seq', 100100)");
            s.execute("vacuum analyze");
        }
    }
}
