package org.symsweep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.server.ServerProcess;

/**
 * The dashboard with a 10,000-trial sweep (Gated Symile: 9 strengths x 10 learning rates, Symile: 10 learning
 * rates; 5 misalignments; 20 seeds; 20 epochs of 3 metrics each, 600,000 metric rows), opened in headless
 * Chromium against the packaged server: how long each part of the page takes to appear and how long the
 * main thread is blocked. Run with {@code ./mvnw verify -Pbench -Dit.test=DashboardBench}.
 */
class DashboardBench {
    @Test
    void largeSweepPage() throws Exception {
        Path data = Files.createTempDirectory("bench-db");
        Path home = Files.createTempDirectory("bench-home");
        String password = "Bench lantern over the kettle 77";
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
             ServerProcess server = ServerProcess.start(home, Map.of("DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                     "DB_USER", "postgres", "SYMSWEEP_WORKERS_CPU_SLOTS", "1", "SYMSWEEP_ADMIN_PASSWORD", password))) {
            server.awaitHealthy(Duration.ofSeconds(120));
            populate(postgres.getJdbcUrl("postgres", "postgres"));
            Path log = home.resolve("bench.log");
            ProcessBuilder browser = new ProcessBuilder("node", "e2e/bench.mjs", "http://127.0.0.1:" + server.port(), "1")
                    .directory(Path.of("ui").toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            browser.environment().put("ADMIN_PASSWORD", password);
            Process run = browser.start();
            assertThat(run.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(log);
            System.out.println(output);
            assertThat(run.exitValue()).as(output).isZero();
            server.stop();
        } finally {
            TempFolders.delete(data);
            TempFolders.delete(home);
        }
    }

    private static void populate(String url) throws Exception {
        String spec = """
                {"name": "ten thousand", "benchmark": {"kind": "synthetic-misalignment"}, "variants": ["symile", "gated-symile"],
                 "conditions": {"misalignment": [0.0, 0.25, 0.5, 0.75, 1.0]},
                 "search": {"space": {"gate.strength": {"values": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]},
                                      "lr": {"values": [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]}}},
                 "seeds": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}""";
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("insert into sweep (id, name, spec, state, max_parallel, retries, finished_at, project_id) values (1, 'ten thousand', '"
                    + spec.replace("'", "''") + "'::jsonb, 'SUCCEEDED', 2, 2, now(), (select min(id) from project))");
            // Configurations 0-89 gated (strength cfg % 9, lr cfg / 9), 90-99 Symile (lr cfg - 90).
            s.execute("""
                    insert into trial (id, sweep_id, variant, params, params_hash, condition, condition_hash, seed, state, attempt,
                                       node, device, objective, queued_at, started_at, finished_at, heartbeat_at)
                    select n + 1, 1, case when cfg < 90 then 'gated-symile' else 'symile' end,
                           case when cfg < 90 then jsonb_build_object('gate.strength', 0.1 * (cfg % 9 + 1), 'lr', lrs[cfg / 9 + 1])
                                else jsonb_build_object('lr', lrs[cfg - 89]) end,
                           md5('config' || cfg), jsonb_build_object('misalignment', cond * 0.25), md5('condition' || cond),
                           seed + 1, 'SUCCEEDED', 1, 'bench', 'cpu()',
                           case when cfg < 90 then 0.55 + 0.3 * (cfg % 9) / 9.0 * (1 - cond * 0.2) else 0.6 - 0.1 * cond end + 0.03 * random(),
                           now() - interval '1 hour', now() - interval '1 hour', now(), now()
                    from generate_series(0, 9999) as n,
                         lateral (select n / 100 as cfg, (n / 20) % 5 as cond, n % 20 as seed,
                                  array[0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1] as lrs) k
                    """);
            s.execute("""
                    insert into epoch_metric (trial_id, attempt, epoch, name, value)
                    select t, 1, e, m, random() from generate_series(1, 10000) t, generate_series(1, 20) e,
                         unnest(array['train_loss', 'val_loss', 'val_top1']) m
                    """);
            s.execute("insert into final_metric (trial_id, name, value) select id, 'test_top1', objective from trial");
            s.execute("select setval('trial_id_seq', 10100)");
            s.execute("vacuum analyze");
        }
    }
}
