package org.symsweep.api;

import static org.symsweep.TestApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.symsweep.TestSweeps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class SweepResourceTest {
    private static final String VALID = """
            {"name": "gate vs no gate", "benchmark": {"kind": "binary-xor"},
             "variants": ["symile", "gated-symile"], "seeds": [0, 1, 2]}""";

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void emptyDatabase() throws Exception {
        TestSweeps.reset(dataSource);
    }

    @Test
    void createStoresTheSweepWithOneTrialPerVariantAndSeed() throws SQLException {
        ExtractableResponse<Response> created = given().contentType(ContentType.JSON).body(VALID)
                .when().post("/api/sweeps")
                .then().statusCode(201)
                .body("name", equalTo("gate vs no gate"))
                .body("state", equalTo("RUNNING"))
                .body("spec.variants", hasSize(2))
                .body("progress.total", equalTo(6))
                .body("progress.done", equalTo(0))
                .extract();
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/sweeps/" + id);

        given().when().get("/api/sweeps/" + id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("spec.benchmark.kind", equalTo("binary-xor"))
                .body("progress.done", equalTo(0));
        assertThat(count("select count(*) from trial where sweep_id = " + id)).isEqualTo(6);
        assertThat(count("select count(distinct seed) from trial where sweep_id = " + id)).isEqualTo(3);
        assertThat(count("select count(distinct params_hash) from trial where sweep_id = " + id)).isEqualTo(1);
    }

    @Test
    void theFullGrammarPostedAsJsonOrYamlPlansTheSameTrials() throws SQLException {
        given().contentType(ContentType.JSON).body(org.symsweep.sweep.SweepGrammarTest.EXAMPLE)
                .when().post("/api/sweeps")
                .then().statusCode(201)
                .body("progress.total", equalTo(495));
        String yaml = """
                name: gate strength vs misalignment (yaml)
                benchmark: {kind: synthetic-misalignment}
                variants: [clip, symile, gated-symile]
                conditions: {misalignment: [0.0, 0.25, 0.5, 0.75, 1.0]}
                search:
                  strategy: grid
                  space:
                    gate.strength: {values: [0.25, 0.5, 0.75]}
                    gate.neutral: {values: [random_trainable, ones, none]}
                    contrastive_scale: {values: [64, 128, 256]}
                    embedding_dim: {values: [64]}
                    gate.key_dim: {values: [64]}
                    negatives: {values: [32]}
                    lr: {values: [0.00875]}
                seeds: [420, 421, 422]
                training: {epochs: 10, patience: 5}
                objective: {metric: test_top1, direction: maximize}
                limits: {max_parallel: 2, retries: 2}
                """;
        long id = given().contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/sweeps")
                .then().statusCode(201)
                .body("progress.total", equalTo(495))
                .body("spec.search.space.'gate.strength'.values", hasSize(3))
                .extract().jsonPath().getLong("id");
        assertThat(count("select count(*) from trial where sweep_id = " + id + " and variant = 'gated-symile'")).isEqualTo(405);
        assertThat(count("select count(*) from trial where sweep_id = " + id + " and variant = 'clip'")).isEqualTo(45);
    }

    @Test
    void aSpecCanBeCountedWithoutStoringIt() throws SQLException {
        given().contentType(ContentType.JSON).body(org.symsweep.sweep.SweepGrammarTest.EXAMPLE)
                .when().post("/api/sweeps/plan")
                .then().statusCode(200).body("trials", equalTo(495));
        given().contentType(ContentType.JSON).body("{\"name\": \"\"}").when().post("/api/sweeps/plan")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("name"));
        assertNothingStored();
    }

    @Test
    void badYamlAndBadGrammarAreRefusedNamingTheField() throws SQLException {
        given().contentType("application/yaml").body("name: [unclosed".getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/sweeps")
                .then().statusCode(400).body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("not valid YAML"));
        given().contentType("application/yaml").body("""
                name: n
                benchmark: {kind: binary-xor}
                variants: [gated-symile]
                seeds: [1]
                search: {space: {gate.strength: {values: [2.0]}}}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/sweeps")
                .then().statusCode(400).body("errors[0].field", equalTo("search.space.gate.strength.values[0]"));
        assertNothingStored();
    }

    @Test
    void listIsPagedNewestFirst() {
        for (int i = 0; i < 5; i++) {
            post("""
                    {"name": "sweep %d", "benchmark": {"kind": "synthetic-misalignment"},
                     "variants": ["clip"], "seeds": [420]}""".formatted(i)).then().statusCode(201);
        }
        given().queryParam("page", 0).queryParam("size", 2)
                .when().get("/api/sweeps")
                .then().statusCode(200)
                .body("items.name", equalTo(List.of("sweep 4", "sweep 3")))
                .body("total", equalTo(5))
                .body("totalPages", equalTo(3))
                .body("items[0].progress.total", equalTo(1));
        given().queryParam("page", 2).queryParam("size", 2)
                .when().get("/api/sweeps")
                .then().statusCode(200)
                .body("items.name", equalTo(List.of("sweep 0")));
    }

    @Test
    void deleteRemovesACancelledSweepAndItsTrials() throws Exception {
        long id = post(VALID).then().statusCode(201).extract().jsonPath().getLong("id");
        given().when().delete("/api/sweeps/" + id).then().statusCode(409);
        given().when().post("/api/sweeps/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("select count(*) from trial where state = 'RUNNING' and sweep_id = " + id) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        given().when().delete("/api/sweeps/" + id).then().statusCode(204);
        given().when().get("/api/sweeps/" + id).then().statusCode(404)
                .body("errors[0].field", equalTo("id"))
                .body("errors[0].message", containsString("no sweep with id " + id));
        assertThat(count("select count(*) from trial where sweep_id = " + id)).isZero();
        given().when().delete("/api/sweeps/" + id).then().statusCode(404);
    }

    @Test
    void deleteRefusesASweepWithARunningTrial() throws SQLException {
        long id = post(VALID).then().statusCode(201).extract().jsonPath().getLong("id");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update trial set state = 'RUNNING' where id = (select min(id) from trial where sweep_id = " + id + ")");
        }
        given().when().delete("/api/sweeps/" + id).then().statusCode(409)
                .body("errors[0].message", containsString("cancel it"));
        assertThat(count("select count(*) from trial where sweep_id = " + id)).isEqualTo(6);
    }

    @Test
    void unknownIdsAnswer404WithAJsonBody() {
        given().when().get("/api/sweeps/987654321").then().statusCode(404)
                .contentType(ContentType.JSON).body("errors[0].field", equalTo("id"));
        given().when().get("/api/sweeps/not-a-number").then().statusCode(404).contentType(ContentType.JSON);
        given().when().get("/api/no-such-thing").then().statusCode(404).contentType(ContentType.JSON);
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": \"x\",", "body", "not valid JSON"),
                Arguments.of("not an object", "[1, 2]", "$", "must be a JSON object"),
                Arguments.of("duplicated key", """
                        {"name": "a", "name": "b", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [0]}""",
                        "body", "Duplicate field 'name'"),
                Arguments.of("unknown field", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [0], "colour": "red"}""",
                        "colour", "not a known field"),
                Arguments.of("unknown benchmark field", """
                        {"name": "a", "benchmark": {"kind": "binary-xor", "size": 3}, "variants": ["clip"], "seeds": [0]}""",
                        "benchmark.size", "not a known field"),
                Arguments.of("missing name", """
                        {"benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [0]}""",
                        "name", "is required"),
                Arguments.of("name of wrong type", """
                        {"name": 42, "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [0]}""",
                        "name", "must be a text, got the number 42"),
                Arguments.of("name over 200 characters", """
                        {"name": "%s", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [0]}"""
                        .formatted("n".repeat(201)), "name", "201 characters; at most 200"),
                Arguments.of("unknown benchmark", """
                        {"name": "a", "benchmark": {"kind": "mnist"}, "variants": ["clip"], "seeds": [0]}""",
                        "benchmark.kind", "'mnist' is not a benchmark; allowed: binary-xor, synthetic-misalignment, features"),
                Arguments.of("features without path", """
                        {"name": "a", "benchmark": {"kind": "features"}, "variants": ["clip"], "seeds": [0]}""",
                        "benchmark.dataset", "is required for kind features"),
                Arguments.of("empty variants", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": [], "seeds": [0]}""",
                        "variants", "must not be empty"),
                Arguments.of("unknown variant", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip", "blip"], "seeds": [0]}""",
                        "variants[1]", "'blip' is not a variant; allowed: clip, symile, gated-symile"),
                Arguments.of("duplicated variant", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip", "clip"], "seeds": [0]}""",
                        "variants[1]", "listed twice"),
                Arguments.of("variants of wrong type", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": "clip", "seeds": [0]}""",
                        "variants", "got the text 'clip'"),
                Arguments.of("empty seeds", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": []}""",
                        "seeds", "must not be empty"),
                Arguments.of("duplicated seed", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [1, 2, 1]}""",
                        "seeds[2]", "seed 1 is listed twice"),
                Arguments.of("fractional seed", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [1.5]}""",
                        "seeds[0]", "must be an integer"),
                Arguments.of("negative seed", """
                        {"name": "a", "benchmark": {"kind": "binary-xor"}, "variants": ["clip"], "seeds": [-1]}""",
                        "seeds[0]", "-1 is out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void badSpecIsRefusedNamingTheFieldAndNothingIsStored(String label, String body, String field, String message)
            throws SQLException {
        post(body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("errors.field", org.hamcrest.Matchers.hasItem(field))
                .body("errors.message", org.hamcrest.Matchers.hasItem(containsString(message)))
                .body(not(containsString("Exception")));
        assertNothingStored();
    }

    @Test
    void everyErrorInASpecIsReportedAtOnce() {
        post("""
                {"name": "", "benchmark": {"kind": "binary-xor"}, "variants": ["x"], "seeds": [-3]}""")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("name", "variants[0]", "seeds[0]")));
    }

    @Test
    void bodyOverOneMebibyteIsRefused() throws SQLException {
        String padding = " ".repeat(1024 * 1024);
        post(VALID + padding).then().statusCode(413)
                .contentType(ContentType.JSON)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("at most 1 MiB"));
        assertNothingStored();
    }

    @Test
    void bodyOverTheHardCapIsStillAnsweredWithJson() throws SQLException {
        post(VALID + " ".repeat(3 * 1024 * 1024)).then().statusCode(413)
                .contentType(ContentType.JSON)
                .body("errors[0].field", equalTo("body"));
        assertNothingStored();
    }

    @Test
    void chunkedBodyOverOneMebibyteIsRefused() throws Exception {
        byte[] body = (VALID + " ".repeat(1024 * 1024)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // No Content-Length: the body arrives chunked and is measured once read.
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/sweeps"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + org.symsweep.TestApi.ADMIN_TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"field\":\"body\"").contains("at most 1 MiB");
        assertNothingStored();
    }

    @Test
    void wrongContentTypeIsRefused() throws SQLException {
        given().contentType(ContentType.TEXT).body(VALID).when().post("/api/sweeps")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("errors[0].field", equalTo("Content-Type"));
        assertNothingStored();
    }

    @Test
    void badPagingIsRefusedNamingTheParameter() {
        given().queryParam("size", 0).when().get("/api/sweeps").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().queryParam("size", 201).when().get("/api/sweeps").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().queryParam("page", -1).when().get("/api/sweeps").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        given().queryParam("page", "first").when().get("/api/sweeps").then().statusCode(400)
                .contentType(ContentType.JSON);
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/sweeps");
    }

    private void assertNothingStored() throws SQLException {
        assertThat(count("select count(*) from sweep")).isZero();
        assertThat(count("select count(*) from trial")).isZero();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
