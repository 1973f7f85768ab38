package org.symsweep.orchestration;

import static org.symsweep.TestApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.TestSweeps;

/** Sweeps posted to the API run through Quartz, PostgreSQL and DJL to their end, as a user sees them. */
@QuarkusTest
class SweepRunTest {
    /** 2 variants x 2 conditions x 2 seeds of a tiny XOR: eight real trainings of three epochs. */
    static final String XOR = """
            {"name": "tiny xor", "benchmark": {"kind": "binary-xor", "rows": 256},
             "variants": ["symile", "gated-symile"], "conditions": {"p": [0.5, 1.0]},
             "search": {"space": {"contrastive_scale": {"values": [64]}}},
             "seeds": [1, 2], "training": {"epochs": 3}, "limits": {"max_parallel": 2, "retries": 1}}""";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void emptyDatabase() throws Exception {
        TestSweeps.reset(dataSource);
    }

    @Test
    void aSmallXorSweepPostedAsJsonOrYamlRunsToItsEndWithTheSameNumbers() throws Exception {
        long json = post(XOR, ContentType.JSON.toString());
        String yaml = """
                name: tiny xor (yaml)
                benchmark: {kind: binary-xor, rows: 256}
                variants: [symile, gated-symile]
                conditions: {p: [0.5, 1.0]}
                search: {space: {contrastive_scale: {values: [64]}}}
                seeds: [1, 2]
                training: {epochs: 3}
                limits: {max_parallel: 2, retries: 1}
                """;
        long fromYaml = post(yaml, "application/yaml");
        JsonPath done = awaitEnd(json);
        assertThat(done.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("progress.byState.SUCCEEDED")).isEqualTo(8);
        assertThat(awaitEnd(fromYaml).getInt("progress.byState.SUCCEEDED")).isEqualTo(8);

        JsonPath summary = given().queryParam("order", "variant").get("/api/sweeps/" + json + "/summary")
                .then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("total")).isEqualTo(4); // 2 variants x 2 conditions, one configuration each
        for (int row = 0; row < 4; row++) {
            String at = "items[" + row + "].";
            assertThat(summary.getInt(at + "n")).isEqualTo(2);
            double mean = summary.getDouble(at + "mean");
            assertThat(summary.getDouble(at + "ciLow")).isLessThanOrEqualTo(mean);
            assertThat(summary.getDouble(at + "ciHigh")).isGreaterThanOrEqualTo(mean);
            assertThat(summary.getDouble(at + "bootstrapLow")).isLessThanOrEqualTo((float) mean);
            assertThat(summary.getDouble(at + "bootstrapHigh")).isGreaterThanOrEqualTo((float) mean);
            assertThat(summary.getDouble(at + "min")).isLessThanOrEqualTo(mean);
            assertThat(summary.getDouble(at + "max")).isGreaterThanOrEqualTo(mean);
        }
        assertThat(summary.getList("items.variant")).containsExactly("gated-symile", "gated-symile", "symile", "symile");

        // Every trial ran once, and the same (variant, condition, seed) gave the same numbers in both sweeps.
        assertThat(query("select count(*) from trial where sweep_id in (" + json + ", " + fromYaml + ") and attempt <> 1")).isZero();
        assertThat(objectives(json)).isEqualTo(objectives(fromYaml));

        JsonPath trials = given().queryParam("variant", "gated-symile").queryParam("size", 10)
                .get("/api/sweeps/" + json + "/trials").then().statusCode(200).extract().jsonPath();
        assertThat(trials.getInt("total")).isEqualTo(4);
        long trialId = trials.getLong("items[0].id");
        JsonPath trial = given().get("/api/trials/" + trialId).then().statusCode(200).extract().jsonPath();
        assertThat(trial.getList("epochs")).hasSize(3);
        assertThat(trial.getDouble("epochs[2].metrics.gate_alpha")).isBetween(0.0, 1.0);
        assertThat(trial.getDouble("metrics.test_top1")).isEqualTo(trial.getDouble("trial.objective"));
        assertThat(trial.getList("history.to", String.class)).containsExactly("QUEUED", "RUNNING", "SUCCEEDED");
    }

    @Test
    void aTrialThatThrowsIsRetriedWithItsReasonThenFailedAndCanBeRunAgain() throws Exception {
        // Headers and sizes are fine, so the sweep is accepted; the NaN shows only when a trial reads the values.
        // Under the data root the test profile configures (symsweep.data.roots).
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target/test-data-root")), "bad-features").toAbsolutePath();
        Path file = folder.resolve("features.npz");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : List.of("audio", "image")) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name + ".npy"));
                zip.write(org.symsweep.ml.data.FeatureBombs.header("<f4", 20, 2));
                java.nio.ByteBuffer values = java.nio.ByteBuffer.allocate(20 * 2 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 40; i++) {
                    values.putFloat(name.equals("audio") && i == 3 ? Float.NaN : i);
                }
                zip.write(values.array());
                zip.closeEntry();
            }
        }
        long id = post("""
                {"name": "bad file", "benchmark": {"kind": "features", "path": "%s"},
                 "variants": ["clip"], "seeds": [1], "limits": {"retries": 2}}""".formatted(file), ContentType.JSON.toString());
        JsonPath done = awaitEnd(id);
        assertThat(done.getInt("progress.byState.FAILED")).isEqualTo(1);
        JsonPath trial = given().get("/api/sweeps/" + id + "/trials").then().extract().jsonPath();
        assertThat(trial.getInt("items[0].attempt")).isEqualTo(3);
        assertThat(trial.getInt("items[0].failures")).isEqualTo(3);
        // The reason without the file's name or path: the team reads trial errors, the log keeps the details.
        assertThat(trial.getString("items[0].error")).startsWith("the dataset's arrays could not be read:")
                .contains("has a NaN at row 1, column 1").doesNotContain("features.npz").doesNotContain(folder.toString());
        long trialId = trial.getLong("items[0].id");
        List<String> history = given().get("/api/trials/" + trialId).then().extract().jsonPath().getList("history.to");
        assertThat(history).containsExactly("QUEUED", "RUNNING", "QUEUED", "RUNNING", "QUEUED", "RUNNING", "FAILED");

        given().post("/api/sweeps/" + id + "/rerun-failed").then().statusCode(200).body("trials", equalTo(1));
        awaitEnd(id);
        JsonPath again = given().get("/api/trials/" + trialId).then().extract().jsonPath();
        assertThat(again.getInt("trial.attempt")).isEqualTo(6);
        assertThat(again.getString("trial.state")).isEqualTo("FAILED");
        TempFolders.delete(folder);
    }

    @Test
    void aDivergedTrialFailsAtOnceWithItsReasonAndItsSweepSaysFailed() throws Exception {
        long id = post("""
                {"name": "diverges", "benchmark": {"kind": "binary-xor", "rows": 256}, "variants": ["symile"], "seeds": [1],
                 "search": {"space": {"contrastive_scale": {"values": [64]}, "logit_scale_init": {"values": [100]}}},
                 "training": {"epochs": 3}, "limits": {"retries": 2}}""", ContentType.JSON.toString());
        assertThat(awaitEnd(id).getString("state")).as("a sweep whose trial failed").isEqualTo("FAILED");
        JsonPath trial = given().get("/api/sweeps/" + id + "/trials").then().extract().jsonPath();
        assertThat(trial.getString("items[0].state")).isEqualTo("FAILED");
        assertThat(trial.getInt("items[0].attempt")).isEqualTo(1);
        assertThat(trial.getString("items[0].error")).startsWith("diverged");
    }

    @Test
    void pauseStopsNewTrialsAndResumeFinishesThem() throws Exception {
        long id = post(noOp("pause me", 0.3, "[1, 2, 3, 4, 5, 6]", 1), ContentType.JSON.toString());
        awaitCount(id, "SUCCEEDED", 1);
        given().post("/api/sweeps/" + id + "/pause").then().statusCode(200).body("state", equalTo("PAUSED"));
        given().post("/api/sweeps/" + id + "/pause").then().statusCode(409)
                .body("errors[0].message", containsString("it is PAUSED"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (query("select count(*) from trial where sweep_id = " + id + " and state in ('QUEUED', 'RUNNING')") > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long ended = query("select count(*) from trial where sweep_id = " + id + " and state = 'SUCCEEDED'");
        Thread.sleep(1000);
        assertThat(query("select count(*) from trial where sweep_id = " + id + " and state <> 'PLANNED'")).isEqualTo(ended);
        assertThat(ended).isLessThan(6);

        given().post("/api/sweeps/" + id + "/resume").then().statusCode(200).body("state", equalTo("RUNNING"));
        assertThat(awaitEnd(id).getInt("progress.byState.SUCCEEDED")).isEqualTo(6);
    }

    @Test
    void cancelStopsARunningTrialWithinAnEpochAndKeepsWhatItMeasured() throws Exception {
        // Five epochs of one second each.
        long id = post(noOp("cancel me", 5, "[1, 2, 3]", 1), ContentType.JSON.toString());
        awaitCount(id, "RUNNING", 1);
        Thread.sleep(1500);
        given().post("/api/sweeps/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
        awaitCount(id, "CANCELLED", 3);
        long running = query("select id from trial where sweep_id = " + id + " and started_at is not null");
        JsonPath trial = given().get("/api/trials/" + running).then().extract().jsonPath();
        assertThat(trial.getString("trial.state")).isEqualTo("CANCELLED");
        // Cancelled during its second epoch, it stops at the next epoch boundary instead of running all five,
        // and keeps the epochs it measured.
        assertThat(trial.getList("epochs").size()).isBetween(1, 3);
        given().post("/api/sweeps/" + id + "/resume").then().statusCode(409);
    }

    @Test
    void extendRunsOnlyTheNewTrials() throws Exception {
        long id = post(noOp("extend me", 0, "[1, 2]", 2), ContentType.JSON.toString());
        awaitEnd(id);
        Map<Long, String> before = finishTimes(id);
        given().contentType(ContentType.JSON).body("{\"seeds\": [3], \"conditions\": {\"p\": [0.9]}}")
                .post("/api/sweeps/" + id + "/extend").then().statusCode(200)
                .body("trials", equalTo(4)); // seed 3 at p = 0.2, and seeds 1 to 3 at p = 0.9
        JsonPath done = awaitEnd(id);
        assertThat(done.getInt("progress.byState.SUCCEEDED")).isEqualTo(6);
        Map<Long, String> after = finishTimes(id);
        before.forEach((trial, finished) -> assertThat(after.get(trial)).isEqualTo(finished));
        given().contentType(ContentType.JSON).body("{\"seeds\": [3]}").post("/api/sweeps/" + id + "/extend")
                .then().statusCode(400).body("errors[0].field", equalTo("seeds"))
                .body("errors[0].message", containsString("already part of the sweep"));
        given().contentType(ContentType.JSON).body("{\"seeds\": [3]}").post("/api/sweeps/987654/extend")
                .then().statusCode(404);
    }

    @Test
    void successiveHalvingStopsWeakConfigurationsEarly() throws Exception {
        long id = post("""
                {"name": "asha", "benchmark": {"kind": "no-op"}, "variants": ["clip"], "seeds": [1],
                 "search": {"strategy": "successive-halving", "trials": 9, "seed": 7, "min_epochs": 1, "max_epochs": 9,
                            "reduction_factor": 3, "space": {"lr": {"log-uniform": [0.0001, 1.0]}}},
                 "objective": {"metric": "val_top1"}, "limits": {"max_parallel": 1}}""", ContentType.JSON.toString());
        awaitEnd(id);
        long pruned = query("select count(*) from trial where sweep_id = " + id + " and state = 'PRUNED'");
        assertThat(pruned).isPositive();
        assertThat(query("select count(*) from trial t where sweep_id = " + id + " and state = 'PRUNED' and"
                + " (select max(epoch) from epoch_metric m where m.trial_id = t.id) not in (1, 3)")).isZero();
        // The configuration closest to the known best learning rate (0.01) trains to the end.
        assertThat(query("select count(*) from (select state from trial where sweep_id = " + id
                + " order by abs(log((params->>'lr')::float8 / 0.01)) limit 1) best where state = 'SUCCEEDED'")).isEqualTo(1);
    }

    @Test
    void racingSpendsFreshSeedsOnlyOnConfigurationsTiedWithTheBestUntilTheBudgetIsSpent() throws Exception {
        // No-op trials: lr 0.01 and 0.0101 are nearly equally good (never separate), 0.0001 is clearly worse.
        long id = post("""
                {"name": "race", "benchmark": {"kind": "no-op"}, "variants": ["clip"], "conditions": {"p": [0.5]},
                 "search": {"space": {"lr": {"values": [0.01, 0.0101, 0.0001]}}}, "seeds": [1, 2, 3],
                 "limits": {"max_parallel": 3}}""", ContentType.JSON.toString());
        awaitEnd(id);
        JsonPath selection = given().get("/api/sweeps/" + id + "/selection").then().statusCode(200).extract().jsonPath();
        List<Double> tiedRates = selection.getList("groups[0].tied.params.lr", Double.class);
        assertThat(tiedRates).containsExactlyInAnyOrder(0.01, 0.0101);

        given().contentType(ContentType.JSON).body("{\"seeds_per_round\": 1, \"budget\": 7}")
                .post("/api/sweeps/" + id + "/race").then().statusCode(200)
                .body("trials", equalTo(2)).body("sweep.state", equalTo("RUNNING"));
        // Rounds follow one another as trials end: 2 + 2 + 2 trials, then 1 left cannot pay a round of 2.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (query("select count(*) from trial where sweep_id = " + id) < 15 || !awaitEnd(id).getString("state").equals("SUCCEEDED")
                || query("select coalesce(race_budget, -1) from sweep where id = " + id) != 0) {
            assertThat(System.nanoTime()).as("race did not finish").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(query("select count(*) from trial where sweep_id = " + id)).isEqualTo(15);
        assertThat(query("select count(*) from trial where sweep_id = " + id + " and (params->>'lr')::float8 = 0.0001")).isEqualTo(3);
        assertThat(query("select count(*) from trial where sweep_id = " + id + " and seed in (4, 5, 6)"
                + " and (params->>'lr')::float8 in (0.01, 0.0101)")).isEqualTo(6);
        assertThat(query("select race_rounds from sweep where id = " + id)).isEqualTo(3);
        given().contentType(ContentType.JSON).body("{\"seeds_per_round\": 0}").post("/api/sweeps/" + id + "/race")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("seeds_per_round", "budget"));
    }

    @Test
    void trialsAndSummaryExportAsCsvWithAColumnPerConditionAndParameter() throws Exception {
        long id = post("""
                {"name": "export, with a comma", "benchmark": {"kind": "no-op"}, "variants": ["clip"], "conditions": {"p": [0.2, 0.6]},
                 "search": {"space": {"lr": {"values": [0.01, 0.001]}}}, "seeds": [1, 2, 3], "limits": {"max_parallel": 4}}""",
                ContentType.JSON.toString());
        awaitEnd(id);
        io.restassured.response.Response trials = given().get("/api/sweeps/" + id + "/trials.csv");
        assertThat(trials.statusCode()).isEqualTo(200);
        assertThat(trials.contentType()).startsWith("text/csv");
        assertThat(trials.header("Content-Disposition")).contains("sweep-" + id + "-trials.csv");
        List<String> lines = trials.asString().lines().toList();
        assertThat(lines).hasSize(1 + 12);
        assertThat(lines.get(0)).isEqualTo("trial,variant,p,lr,seed,state,attempt,objective,started_at,finished_at,error");
        assertThat(lines.subList(1, 13)).allSatisfy(line -> assertThat(line.split(",")[5]).isEqualTo("SUCCEEDED"));
        List<String> summary = given().get("/api/sweeps/" + id + "/summary.csv").then().statusCode(200).extract().asString().lines().toList();
        assertThat(summary.get(0)).isEqualTo("variant,config_id,p,lr,n,mean,sd,sem,ci_low,ci_high,bootstrap_low,bootstrap_high,min,max");
        assertThat(summary).hasSize(1 + 4); // 2 learning rates x 2 conditions
        assertThat(summary.subList(1, 5)).allSatisfy(line -> assertThat(line.split(",")[4]).isEqualTo("3"));
        given().get("/api/sweeps/987654/trials.csv").then().statusCode(404);

        // Learning curves averaged over the three seeds: one per configuration and condition, five epochs each.
        JsonPath curves = given().queryParam("metric", "val_top1").get("/api/sweeps/" + id + "/curves").then().statusCode(200)
                .extract().jsonPath();
        assertThat(curves.getList("$")).hasSize(4);
        assertThat(curves.getList("[0].points")).hasSize(5);
        assertThat(curves.getInt("[0].points[0].n")).isEqualTo(3);
        assertThat(curves.getInt("[0].points[4].epoch")).isEqualTo(5);
        given().queryParam("metric", "nope").get("/api/sweeps/" + id + "/curves").then().statusCode(400)
                .body("errors[0].field", equalTo("metric"));
        // The best configurations first: the no-op benchmark peaks at lr = 0.01, so with one curve asked, it is lr 0.01's.
        JsonPath best = given().queryParam("order", "best").queryParam("limit", 1).get("/api/sweeps/" + id + "/curves").then().statusCode(200)
                .extract().jsonPath();
        assertThat(best.getList("$")).hasSize(1);
        assertThat(best.getDouble("[0].params.lr")).isEqualTo(0.01);
        given().queryParam("order", "worst").get("/api/sweeps/" + id + "/curves").then().statusCode(400).body("errors[0].field", equalTo("order"));
        given().queryParam("limit", 201).get("/api/sweeps/" + id + "/curves").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("limit", "ten").get("/api/sweeps/" + id + "/curves").then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void trialListsRefuseUnknownFiltersByName() throws Exception {
        long id = post(noOp("filters", 0, "[1]", 1), ContentType.JSON.toString());
        given().queryParam("state", "DONE").get("/api/sweeps/" + id + "/trials").then().statusCode(400)
                .body("errors[0].field", equalTo("state")).body("errors[0].message", containsString("SUCCEEDED"));
        given().queryParam("variant", "gated").get("/api/sweeps/" + id + "/trials").then().statusCode(400)
                .body("errors[0].field", equalTo("variant"));
        given().queryParam("params.nope", "1").get("/api/sweeps/" + id + "/trials").then().statusCode(400)
                .body("errors[0].field", equalTo("params.nope"));
        given().queryParam("colour", "red").get("/api/sweeps/" + id + "/trials").then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        given().queryParam("params.lr", "0.010").get("/api/sweeps/" + id + "/trials").then().statusCode(200)
                .body("total", equalTo(1));
        given().queryParam("params.lr", "0.02").get("/api/sweeps/" + id + "/trials").then().statusCode(200)
                .body("total", equalTo(0));
        given().get("/api/sweeps/987654/trials").then().statusCode(404);
        given().get("/api/sweeps/987654/summary").then().statusCode(404);
        given().get("/api/trials/987654").then().statusCode(404);
    }

    @Test
    void progressStreamsAsServerSentEvents() throws Exception {
        long id = post(noOp("stream", 0.2, "[1, 2, 3]", 1), ContentType.JSON.toString());
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/sweeps/" + id + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + org.symsweep.TestApi.ADMIN_TOKEN).build();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
                client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonPath> events = response.body().filter(line -> line.startsWith("data:"))
                .map(line -> JsonPath.from(line.substring(5)))
                .takeWhile(event -> !event.getString("state").equals("SUCCEEDED"))
                .limit(100)
                .toList();
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(event.getLong("id")).isEqualTo(id));
        assertThat(awaitEnd(id).getInt("progress.done")).isEqualTo(3);
    }

    static String noOp(String name, double seconds, String seeds, int maxParallel) {
        return """
                {"name": "%s", "benchmark": {"kind": "no-op", "seconds": %s}, "variants": ["clip"],
                 "conditions": {"p": [0.2]}, "search": {"space": {"lr": {"values": [0.01]}}},
                 "seeds": %s, "limits": {"max_parallel": %d}}""".formatted(name, seconds, seeds, maxParallel);
    }

    private static long post(String body, String contentType) {
        return given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post("/api/sweeps")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static JsonPath awaitEnd(long id) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            JsonPath sweep = given().get("/api/sweeps/" + id).then().statusCode(200).extract().jsonPath();
            if (!sweep.getString("state").equals("RUNNING") && !sweep.getString("state").equals("PAUSED")) {
                return sweep;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sweep " + id + " did not end in 120 s: " + sweep.prettify());
            }
            Thread.sleep(100);
        }
    }

    private static void awaitCount(long id, String state, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (given().get("/api/sweeps/" + id).then().extract().jsonPath().getInt("progress.byState." + state) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sweep " + id + " never had " + count + " trials " + state);
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Double> objectives(long sweep) throws SQLException {
        Map<String, Double> values = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select variant, condition::text, seed, objective from trial where sweep_id = " + sweep)) {
            while (rs.next()) {
                values.put(rs.getString(1) + rs.getString(2) + rs.getLong(3), rs.getDouble(4));
            }
        }
        return values;
    }

    private Map<Long, String> finishTimes(long sweep) throws SQLException {
        Map<Long, String> times = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, finished_at::text || '/' || attempt from trial where sweep_id = " + sweep)) {
            while (rs.next()) {
                times.put(rs.getLong(1), rs.getString(2));
            }
        }
        return times;
    }

    private long query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
