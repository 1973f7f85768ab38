package org.symsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/**
 * A trial during which its server is killed (SIGKILL) again and again, as a trial that exhausts a node's memory
 * would have it: after the second lost node it is FAILED with that reason, even with retries 0, instead of being
 * queued for ever and taking every node down in turn.
 */
class PoisonTrialIT {
    private static final Map<String, String> FAST = Map.of(
            "SYMSWEEP_SCHEDULING_HEARTBEAT_INTERVAL", "1s",
            "SYMSWEEP_SCHEDULING_HEARTBEAT_TIMEOUT", "10s",
            "SYMSWEEP_SCHEDULING_SUPERVISE_INTERVAL", "1s");

    @Test
    void aTrialWhoseServerKeepsDyingIsFailedAfterTwoLostNodes() throws Exception {
        Path home = Files.createTempDirectory("symsweep-poison");
        try {
            String spec = """
                    {"name": "poison", "benchmark": {"kind": "no-op", "seconds": 600}, "variants": ["clip"],
                     "conditions": {"p": [0.5]}, "seeds": [1], "limits": {"retries": 0}}""";
            long sweep;
            try (ServerProcess server = ServerProcess.start(home, FAST)) {
                server.awaitHealthy(Duration.ofSeconds(90));
                sweep = JsonPath.from(server.postJson("/api/sweeps", spec).body()).getLong("id");
                awaitTrial(server, sweep, t -> t.getString("state").equals("RUNNING") && t.getInt("attempt") == 1);
                server.kill();
            }
            try (ServerProcess server = ServerProcess.start(home, FAST)) {
                server.awaitHealthy(Duration.ofSeconds(90));
                // The first loss: the trial runs again, as a new attempt.
                awaitTrial(server, sweep, t -> t.getString("state").equals("RUNNING") && t.getInt("attempt") == 2);
                server.kill();
            }
            try (ServerProcess server = ServerProcess.start(home, FAST)) {
                server.awaitHealthy(Duration.ofSeconds(90));
                JsonPath trial = awaitTrial(server, sweep, t -> t.getString("state").equals("FAILED"));
                assertThat(trial.getInt("attempt")).as("not started a third time").isEqualTo(2);
                assertThat(trial.getString("error")).isEqualTo("the server running this trial stopped 2 times while it ran;"
                        + " it is not started again, since it may be what stops the server (symsweep.limits.trials.max-node-losses = 2)");
                JsonPath detail = JsonPath.from(server.get("/api/trials/" + trial.getLong("id")).body());
                List<String> to = detail.getList("history.to", String.class);
                assertThat(to.get(to.size() - 1)).isEqualTo("FAILED");
                assertThat(detail.getList("history.note", String.class).get(to.size() - 1)).contains("stopped 2 times");
                // It stays failed: nothing queues it again while the server runs on.
                Thread.sleep(3000);
                assertThat(trialOf(server, sweep).getString("state")).isEqualTo("FAILED");
                server.stop();
            }
        } finally {
            TempFolders.delete(home);
        }
    }

    private static JsonPath trialOf(ServerProcess server, long sweep) throws Exception {
        return JsonPath.from(JsonPath.from(server.get("/api/sweeps/" + sweep + "/trials").body()).prettify()).setRootPath("items[0]");
    }

    private static JsonPath awaitTrial(ServerProcess server, long sweep, Predicate<JsonPath> reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonPath trial = null;
        while (System.nanoTime() < deadline) {
            trial = trialOf(server, sweep);
            if (trial.get() != null && reached.test(trial)) {
                return trial;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("trial of sweep " + sweep + " did not get there within 120 s: "
                + (trial == null ? "" : trial.prettify()) + "\nserver log:\n" + server.log());
    }
}
