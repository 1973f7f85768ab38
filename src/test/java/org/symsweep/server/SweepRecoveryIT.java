package org.symsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/**
 * Servers started as separate processes, killed with SIGKILL mid-sweep: the sweep still completes, with
 * every trial counted exactly once, whether the same server restarts or another node carries on.
 */
class SweepRecoveryIT {
    /** Quicker failure detection than production's defaults, so the test does not wait half a minute. */
    private static final Map<String, String> FAST = Map.of(
            "SYMSWEEP_SCHEDULING_HEARTBEAT_INTERVAL", "1s",
            "SYMSWEEP_SCHEDULING_HEARTBEAT_TIMEOUT", "10s",
            "SYMSWEEP_SCHEDULING_SUPERVISE_INTERVAL", "1s");

    private final List<Path> folders = new java.util.ArrayList<>();

    @BeforeEach
    void noFolders() {
        folders.clear();
    }

    @AfterEach
    void removeFolders() {
        folders.forEach(TempFolders::delete);
    }

    @Test
    void aServerKilledMidSweepAndRestartedFinishesItWithEveryTrialCountedOnce() throws Exception {
        Path home = folder("symsweep-crash");
        // Twelve real trainings of a small XOR, two at a time.
        String spec = """
                {"name": "crash me", "benchmark": {"kind": "binary-xor", "rows": 2000},
                 "variants": ["symile", "gated-symile"], "conditions": {"p": [0.5, 1.0]},
                 "search": {"space": {"contrastive_scale": {"values": [100]}}},
                 "seeds": [1, 2, 3], "training": {"epochs": 30}, "limits": {"max_parallel": 2}}""";
        long id;
        try (ServerProcess server = ServerProcess.start(home, FAST)) {
            server.awaitHealthy(Duration.ofSeconds(90));
            id = created(server.postJson("/api/sweeps", spec).body());
            awaitProgress(server, id, sweep -> sweep.getInt("progress.byState.SUCCEEDED") >= 2
                    && sweep.getInt("progress.byState.RUNNING") >= 1, Duration.ofSeconds(180));
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(home, FAST)) {
            server.awaitHealthy(Duration.ofSeconds(90));
            JsonPath done = awaitProgress(server, id, sweep -> sweep.getString("state").equals("SUCCEEDED"), Duration.ofSeconds(300));
            assertThat(done.getInt("progress.byState.SUCCEEDED")).isEqualTo(12);
            Set<Integer> attempts = assertEachTrialSucceededOnce(server, id, 12);
            assertThat(attempts).as("the trial killed mid-run ran again as a new attempt").contains(2);
            server.stop();
        }
    }

    @Test
    void twoNodesShareASweepAndOneCarriesOnWhenTheOtherIsKilled() throws Exception {
        Path data = folder("symsweep-shared-db");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start()) {
            Map<String, String> environment = new HashMap<>(FAST);
            environment.put("DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            environment.put("DB_USER", "postgres");
            // Sixteen trials of two seconds, four at a time: both nodes' two slots are needed.
            String spec = """
                    {"name": "two nodes", "benchmark": {"kind": "no-op", "seconds": 2}, "variants": ["clip"],
                     "conditions": {"p": [0.1, 0.5]}, "seeds": [1, 2, 3, 4, 5, 6, 7, 8], "limits": {"max_parallel": 4}}""";
            try (ServerProcess a = ServerProcess.start(folder("node-a"), environment);
                 ServerProcess b = ServerProcess.start(folder("node-b"), environment)) {
                a.awaitHealthy(Duration.ofSeconds(90));
                b.awaitHealthy(Duration.ofSeconds(90));
                long id = created(a.postJson("/api/sweeps", spec).body());
                awaitProgress(b, id, sweep -> nodes(b, id).size() == 2 && sweep.getInt("progress.byState.SUCCEEDED") >= 4,
                        Duration.ofSeconds(120));
                a.kill();
                JsonPath done = awaitProgress(b, id, sweep -> sweep.getString("state").equals("SUCCEEDED"), Duration.ofSeconds(180));
                assertThat(done.getInt("progress.byState.SUCCEEDED")).isEqualTo(16);
                assertEachTrialSucceededOnce(b, id, 16);
                assertThat(nodes(b, id)).hasSize(2);
                b.stop();
            }
        }
    }

    /** Checks every trial through the API: SUCCEEDED, with one SUCCEEDED in its history; returns the attempts seen. */
    static Set<Integer> assertEachTrialSucceededOnce(ServerProcess server, long id, int trials) throws Exception {
        JsonPath page = JsonPath.from(server.get("/api/sweeps/" + id + "/trials?size=200").body());
        assertThat(page.getInt("total")).isEqualTo(trials);
        Set<Integer> attempts = new HashSet<>();
        for (int i = 0; i < trials; i++) {
            assertThat(page.getString("items[" + i + "].state")).isEqualTo("SUCCEEDED");
            assertThat(page.getObject("items[" + i + "].objective", Double.class)).isNotNull();
            attempts.add(page.getInt("items[" + i + "].attempt"));
            JsonPath trial = JsonPath.from(server.get("/api/trials/" + page.getLong("items[" + i + "].id")).body());
            assertThat(trial.getList("history.to", String.class).stream().filter("SUCCEEDED"::equals).count())
                    .as("trial %s history %s", page.getLong("items[" + i + "].id"), trial.getList("history")).isEqualTo(1);
        }
        JsonPath summary = JsonPath.from(server.get("/api/sweeps/" + id + "/summary?size=200").body());
        assertThat(summary.getList("items.n", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(trials);
        return attempts;
    }

    private static Set<String> nodes(ServerProcess server, long id) {
        try {
            JsonPath page = JsonPath.from(server.get("/api/sweeps/" + id + "/trials?size=200").body());
            Set<String> nodes = new HashSet<>(page.getList("items.node", String.class));
            nodes.remove(null);
            return nodes;
        } catch (Exception e) {
            return Set.of();
        }
    }

    static JsonPath awaitProgress(ServerProcess server, long id, java.util.function.Predicate<JsonPath> reached, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath sweep = null;
        while (System.nanoTime() < deadline) {
            sweep = JsonPath.from(server.get("/api/sweeps/" + id).body());
            if (reached.test(sweep)) {
                return sweep;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("sweep " + id + " did not get there within " + timeout + ": "
                + (sweep == null ? "" : sweep.prettify()) + "\nserver log:\n" + server.log());
    }

    private static long created(String body) {
        return JsonPath.from(body).getLong("id");
    }

    private Path folder(String prefix) throws Exception {
        Path folder = Files.createTempDirectory(prefix);
        folders.add(folder);
        return folder;
    }
}
