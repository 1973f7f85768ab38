package org.symsweep.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.symsweep.TestApi.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;
import org.symsweep.TestSweeps;
import org.symsweep.ml.data.FeatureBombs;

/**
 * Requests that cost more than the test-sized limits (application.properties, %test.symsweep.limits.*) are
 * refused before the work starts: no 5xx, nothing stored, and the heap stays small where believing the
 * request would have taken gigabytes.
 */
@QuarkusTest
class CostLimitsTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    EvaluationSlots evaluations;

    private Path folder;

    @BeforeEach
    void setUp() throws Exception {
        TestSweeps.reset(dataSource);
        // Under the data root the test profile configures (symsweep.data.roots): server paths elsewhere are refused.
        folder = Files.createTempDirectory(Files.createDirectories(java.nio.file.Path.of("target/test-data-root")), "cost-limits").toAbsolutePath();
    }

    @AfterEach
    void tearDown() {
        TempFolders.delete(folder);
    }

    @Test
    void theEvaluateBombOfIssue13IsRefusedByItsCostBeforeAnythingIsAllocated() {
        // 8 modalities x 8 rows x 9 dims: 3 KB of JSON, 8^7 tuples per anchor, about 13 GB as the loss computes it.
        String bomb = embeddings(8, 8, 9, 0);
        long before = usedHeap();
        given().contentType(ContentType.JSON).body(bomb).when().post("/api/objectives/evaluate")
                .then().statusCode(413)
                .body("errors[0].field", equalTo("embeddings"))
                .body("errors[0].message", containsString("8 modalities of 8 rows of 9 values need about 12.4 GiB"))
                .body("errors[0].message", containsString("2097152 tuples per anchor"))
                .body("errors[0].message", containsString("at most 64.0 MiB is allowed (symsweep.limits.evaluate.memory)"));
        assertThat(usedHeap() - before).as("heap growth for a request that would need 13 GB").isLessThan(32L << 20);
        // A smaller one of the same kind runs: 3 modalities of 8 rows.
        given().contentType(ContentType.JSON).body(embeddings(3, 8, 9, 0)).when().post("/api/objectives/evaluate")
                .then().statusCode(200);
    }

    @Test
    void evaluationsBeyondTheConcurrencyLimitAreAnswered429WithRetryAfter() {
        int taken = 0;
        while (evaluations.tryTake()) {
            taken++; // as if that many evaluations were running
        }
        try {
            assertThat(taken).isEqualTo(2);
            given().contentType(ContentType.JSON).body(embeddings(2, 2, 2, 0)).when().post("/api/objectives/evaluate")
                    .then().statusCode(429)
                    .header("Retry-After", "2")
                    .body("errors[0].field", equalTo("evaluate"))
                    .body("errors[0].message", containsString("2 evaluations are running, the most this server runs at once"
                            + " (symsweep.limits.evaluate.concurrency)"));
        } finally {
            for (int i = 0; i < taken; i++) {
                evaluations.give();
            }
        }
        given().contentType(ContentType.JSON).body(embeddings(2, 2, 2, 0)).when().post("/api/objectives/evaluate").then().statusCode(200);
    }

    @Test
    void nonFiniteResultsAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(embeddings(2, 2, 2, 1e308)).when().post("/api/objectives/evaluate")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("logScale"))
                .body("errors[0].message", containsString("is 1.0E308; exp(logScale) scales the logits and must be a finite number,"
                        + " so at most 709.78"));
        // Finite scale, but scaled logits overflow: exp(700) x 1e6.
        given().contentType(ContentType.JSON).body("{\"embeddings\": [[[1000,0],[0,1]], [[1000,0],[0,1]]], \"logScale\": 700}")
                .when().post("/api/objectives/evaluate")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("logScale"))
                .body("errors[0].message", containsString("the scaled logits overflow"));
        given().contentType(ContentType.JSON).body("{\"embeddings\": [[[1e200,0],[0,1]], [[1e200,0],[0,1]]], \"logScale\": 0}")
                .when().post("/api/objectives/evaluate")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("embeddings"))
                .body("errors[0].message", containsString("overflow"));
    }

    @Test
    void featureFileBombsAreRefusedWhenTheSweepIsPlannedOrPostedAndNothingIsStored() throws Exception {
        long sweepsBefore = count("sweep");
        Path header = FeatureBombs.folderWith(folder.resolve("header"), FeatureBombs.headerLengthBomb());
        Path zipBomb = FeatureBombs.zipBomb(folder.resolve("bomb.npz"), 8_000_000);
        Path values = FeatureBombs.folderWith(folder.resolve("values"), FeatureBombs.header("<f4", 3_000_000, 2));
        Path liar = FeatureBombs.lyingZip(folder.resolve("liar.npz"), 3_000_000, 1000);
        long before = usedHeap();
        // The messages name the limit, never the server's files or their arrays.
        for (String route : new String[] {"/api/sweeps/plan", "/api/sweeps"}) {
            refused(route, features(header), 413, "declares a header of 2147483647 bytes; at most 10000 are read"
                    + " (symsweep.limits.features.max-header-bytes)");
            refused(route, features(zipBomb), 413, "an array declares 128000128 bytes uncompressed; at most 16787232 are read");
            refused(route, features(values), 413, "an array has 6000000 values; at most 4000000 are read"
                    + " (symsweep.limits.features.max-array-values)");
            refused(route, features(liar), 400, "an array promises 12000000 bytes of data but holds at most 1000");
        }
        assertThat(usedHeap() - before).as("heap growth; believed, these files need 2 GB, 128 MB, 24 MB and 12 MB").isLessThan(32L << 20);
        assertThat(count("sweep")).isEqualTo(sweepsBefore);
    }

    @Test
    void aTrialEstimatedOverItsSlotsMemoryIsRefusedWithTheEstimateAndRowsAreCapped() throws Exception {
        long sweepsBefore = count("sweep");
        String big = """
                {"name": "big", "benchmark": {"kind": "synthetic-misalignment", "rows": 1000000}, "variants": ["clip"],
                 "seeds": [1]}""";
        for (String route : new String[] {"/api/sweeps/plan", "/api/sweeps"}) {
            given().contentType(ContentType.JSON).body(big).when().post(route)
                    .then().statusCode(413)
                    .body("errors[0].field", equalTo("benchmark"))
                    .body("errors[0].message", containsString("estimated to hold 3,480 MiB of data; a worker slot may hold 256 MiB"
                            + " (symsweep.limits.trials.slot-memory)"));
        }
        given().contentType(ContentType.JSON).body(big.replace("1000000", "1000001")).when().post("/api/sweeps/plan")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("benchmark.rows"))
                .body("errors[0].message", containsString("an integer from 0 to 1000000"));
        assertThat(count("sweep")).isEqualTo(sweepsBefore);
    }

    private static void refused(String route, String spec, int status, String message) {
        Response response = given().contentType(ContentType.JSON).body(spec).when().post(route);
        assertThat(response.statusCode()).as(route + ": " + response.body().asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("errors[0].field")).isEqualTo("benchmark.path");
        assertThat(response.jsonPath().getString("errors[0].message")).contains(message);
    }

    private static String features(Path path) {
        return """
                {"name": "bomb", "benchmark": {"kind": "features", "path": "%s"}, "variants": ["clip"], "seeds": [1]}"""
                .formatted(path.toString());
    }

    static String embeddings(int modalities, int rows, int dim, double logScale) {
        StringBuilder body = new StringBuilder("{\"embeddings\": [");
        for (int m = 0; m < modalities; m++) {
            body.append(m == 0 ? "[" : ",[");
            for (int i = 0; i < rows; i++) {
                body.append(i == 0 ? "[" : ",[");
                for (int d = 0; d < dim; d++) {
                    body.append(d == 0 ? "" : ",").append(((m + 1) * (i + 2) * (d + 3)) % 7 / 7.0);
                }
                body.append("]");
            }
            body.append("]");
        }
        return body.append("], \"logScale\": ").append(logScale).append("}").toString();
    }

    private long count(String table) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
