package org.symsweep.api;

import static org.symsweep.TestApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TestSweeps;

/**
 * Selection and comparison on results whose statistics are known (the SciPy-checked values of
 * PairedComparisonTest), stored as finished trials of a sweep.
 */
@QuarkusTest
class AnalysisResourceTest {
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void emptyDatabase() throws Exception {
        TestSweeps.reset(dataSource);
    }

    private long sweepWithResults() throws Exception {
        long id = given().contentType("application/json").body("""
                {"name": "gating", "benchmark": {"kind": "no-op"}, "variants": ["symile", "gated-symile"],
                 "conditions": {"p": [0.5, 1.0]}, "search": {"space": {"gate.strength": {"values": [0.25, 0.5]}}},
                 "seeds": [1, 2, 3, 4, 5]}""").post("/api/sweeps").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/sweeps/" + id + "/cancel").then().statusCode(200);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            TestSweeps.awaitNoRunningTrials(s);
            // Known outcomes replace whatever the no-op trials did.
            s.execute("update trial set state = 'SUCCEEDED', objective = null where sweep_id = " + id);
            try (PreparedStatement set = c.prepareStatement("update trial set objective = ? where sweep_id = ? and variant = ?"
                    + " and (condition->>'p')::float8 = ? and seed = ? and coalesce((params->>'gate.strength')::float8, -1) = ?")) {
                double[][] rows = {
                    // variant code, p, strength, values for seeds 1..5
                    {0, 1.0, -1, 0.61, 0.58, 0.64, 0.60, 0.59},
                    {1, 1.0, 0.5, 0.85, 0.86, 0.88, 0.83, 0.87},
                    {1, 1.0, 0.25, 0.70, 0.71, 0.69, 0.70, 0.70},
                    {0, 0.5, -1, 0.70, 0.72, 0.69, 0.71, 0.70},
                    {1, 0.5, 0.5, 0.71, 0.70, 0.70, 0.72, 0.69},
                    {1, 0.5, 0.25, 0.60, 0.61, 0.60, 0.59, 0.60},
                };
                for (double[] row : rows) {
                    for (int seed = 1; seed <= 5; seed++) {
                        set.setDouble(1, row[2 + seed]);
                        set.setLong(2, id);
                        set.setString(3, row[0] == 0 ? "symile" : "gated-symile");
                        set.setDouble(4, row[1]);
                        set.setLong(5, seed);
                        set.setDouble(6, row[2]);
                        set.addBatch();
                    }
                }
                set.executeBatch();
            }
        }
        return id;
    }

    @Test
    void comparisonIsPairedBySeedAndHolmAdjustedAcrossConditions() throws Exception {
        long id = sweepWithResults();
        JsonPath c = given().get("/api/sweeps/" + id + "/compare").then().statusCode(200).extract().jsonPath();
        assertThat(c.getString("a")).isEqualTo("symile");
        assertThat(c.getString("b")).isEqualTo("gated-symile");
        assertThat(c.getList("conditions")).hasSize(2);
        // p = 1.0, second row: gated's best configuration is strength 0.5.
        assertThat(c.getDouble("conditions[1].configB.params.'gate.strength'")).isEqualTo(0.5);
        assertThat(c.getDouble("conditions[1].meanDifference")).isEqualTo(0.254, within(1e-6));
        assertThat(c.getDouble("conditions[1].tLow")).isEqualTo(0.22409677106109596, within(1e-6));
        assertThat(c.getDouble("conditions[1].wilcoxonP")).isEqualTo(0.0625, within(1e-6));
        // Holm over the two conditions' signed-rank p-values (0.0625 and 1.0): 2 x 0.0625.
        assertThat(c.getDouble("conditions[1].wilcoxonHolmP")).isEqualTo(0.125, within(1e-6));
        // The verdict uses the paired t-test (scipy.stats.ttest_rel: 1.9166572874337553e-05 and 1.0), Holm-adjusted: x 2.
        assertThat(c.getDouble("conditions[1].tTestP")).isEqualTo(1.9166572874337553e-05, within(1e-9));
        assertThat(c.getDouble("conditions[1].holmP")).isEqualTo(2 * 1.9166572874337553e-05, within(1e-9));
        assertThat(c.getString("conditions[1].verdict"))
                .isEqualTo("Gated Symile beats Symile by 0.25 test top-1 (95% CI 0.22 to 0.28, 5 paired seeds, Holm-adjusted p < 0.001) at p = 1.0");
        assertThat(c.getString("conditions[0].verdict")).startsWith("No clear difference between Gated Symile and Symile");
        assertThat(c.getList("conditions[1].seeds")).hasSize(5);
        assertThat(c.getObject("crossing", Double.class)).isNull();
        assertThat(c.getDouble("robustnessB.mean")).isGreaterThan(c.getDouble("robustnessA.mean"));

        given().queryParam("a", "gated").get("/api/sweeps/" + id + "/compare").then().statusCode(400).body("errors[0].field", equalTo("a"));
        given().queryParam("a", "symile").queryParam("b", "symile").get("/api/sweeps/" + id + "/compare").then().statusCode(400);
        given().queryParam("confidence", "1.5").get("/api/sweeps/" + id + "/compare").then().statusCode(400)
                .body("errors[0].field", equalTo("confidence"));
        given().get("/api/sweeps/987654/compare").then().statusCode(404);
    }

    @Test
    void selectionRanksByTheLowerBoundAndListsTheTies() throws Exception {
        long id = sweepWithResults();
        JsonPath s = given().get("/api/sweeps/" + id + "/selection").then().statusCode(200).extract().jsonPath();
        assertThat(s.getString("rule")).isEqualTo("lower 95% confidence bound of the mean over seeds");
        assertThat(s.getList("groups")).hasSize(4); // 2 variants x 2 conditions
        assertThat(s.getString("groups[1].variant")).isEqualTo("gated-symile");
        assertThat(s.getDouble("groups[1].condition.p")).isEqualTo(1.0);
        assertThat(s.getDouble("groups[1].best.params.'gate.strength'")).isEqualTo(0.5);
        assertThat(s.getList("groups[1].tied")).hasSize(1);
        assertThat(s.getInt("groups[1].configurations")).isEqualTo(2);
        assertThat(s.getList("verdicts", String.class)).hasSize(2).anySatisfy(v -> assertThat(v).startsWith("Gated Symile beats Symile"));
        given().get("/api/sweeps/987654/selection").then().statusCode(404);
    }
}
