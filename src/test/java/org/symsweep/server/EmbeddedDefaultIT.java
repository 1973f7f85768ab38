package org.symsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/**
 * The README's run command with no configuration: the packaged server starts its embedded PostgreSQL
 * in SYMSWEEP_HOME, becomes healthy, stops the database with itself, and finds its sweeps after a restart.
 */
class EmbeddedDefaultIT {
    private Path home;

    @BeforeEach
    void freshHome() throws Exception {
        home = Files.createTempDirectory("symsweep-home");
    }

    @AfterEach
    void removeHome() {
        TempFolders.delete(home);
    }

    @Test
    void theTrialCommandOfThePackagedJarTrainsAndPrintsJson() throws Exception {
        Path spec = home.resolve("trial.json");
        Files.writeString(spec, """
                {"variant": "symile", "benchmark": {"kind": "binary-xor", "p": 1.0, "rows": 2000},
                 "training": {"epochs": 3}, "seed": 0}""");
        Path out = home.resolve("trial.out");
        Process trial = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("symsweep.app.jar", "target/quarkus-app/quarkus-run.jar"), "trial", spec.toString(), "--quiet")
                .redirectOutput(out.toFile())
                .redirectError(home.resolve("trial.err").toFile())
                .start();
        assertThat(trial.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(trial.exitValue()).as(Files.readString(home.resolve("trial.err"))).isZero();
        assertThat(Files.readString(out)).contains("\"outcome\" : \"COMPLETED\"").contains("\"test_top1\"");
    }

    @Test
    void sweepPostedBeforeARestartIsThereAfterIt() throws Exception {
        long id;
        try (ServerProcess server = ServerProcess.start(home, Map.of())) {
            Duration startup = server.awaitHealthy(Duration.ofSeconds(60));
            System.out.printf("first start (initdb + migrations) healthy after %d ms%n", startup.toMillis());
            HttpResponse<String> created = server.postJson("/api/sweeps", """
                    {"name": "survives restarts", "benchmark": {"kind": "binary-xor"},
                     "variants": ["clip", "symile"], "seeds": [7, 8]}""");
            assertThat(created.statusCode()).isEqualTo(201);
            id = Long.parseLong(created.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
            assertThat(server.get("/").body()).contains("Symsweep");
            assertThat(server.get("/q/health/ready").body()).contains("Database connections health check");
            // The training engine loads inside the packaged server too.
            HttpResponse<String> objectives = server.postJson("/api/objectives/evaluate",
                    "{\"embeddings\": [[[1,0],[0,1]], [[1,0],[0,1]]], \"logScale\": 0}");
            assertThat(objectives.statusCode()).isEqualTo(200);
            assertThat(objectives.body()).contains("symileNSquaredLoss");
            // The first start made the admin account and showed its generated password, once.
            assertThat(server.log()).containsOnlyOnce("Created the administrator account 'admin' with the generated password");
            // 143 = 128 + SIGTERM: how a JVM reports an orderly stop on a signal.
            assertThat(server.stop()).isIn(0, 143);
        }
        // The embedded database went down with the server: its pid file is gone.
        assertThat(home.resolve("pgdata/postmaster.pid")).doesNotExist();

        try (ServerProcess server = ServerProcess.start(home, Map.of())) {
            Duration startup = server.awaitHealthy(Duration.ofSeconds(60));
            System.out.printf("restart healthy after %d ms%n", startup.toMillis());
            HttpResponse<String> found = server.get("/api/sweeps/" + id);
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains("\"name\":\"survives restarts\"").contains("\"total\":4");
            assertThat(server.log()).doesNotContain("generated password");
            server.stop();
        }
    }
}
