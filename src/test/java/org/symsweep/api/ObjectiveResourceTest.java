package org.symsweep.api;

import static org.symsweep.TestApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObjectiveResourceTest {
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Test
    void evaluatesTwoModalitiesAgainstHandComputedValues() {
        // Two modalities, two rows: a = [[1,0],[0,1]], b = [[1,0],[0,1]], s = 0 (scale 1).
        // Symile with M = 2 is CLIP's one-directional InfoNCE: each row's logits are [1, 0] (positive first),
        // loss = log(e + 1) - 1 for both anchors. CLIP adds both directions and halves: the same value.
        JsonPath result = given().contentType(ContentType.JSON)
                .body("{\"embeddings\": [[[1,0],[0,1]], [[1,0],[0,1]]], \"logScale\": 0}")
                .when().post("/api/objectives/evaluate")
                .then().statusCode(200).extract().jsonPath().using(DOUBLES);
        double expected = Math.log(Math.E + 1) - 1;
        assertThat(result.getDouble("symileNSquaredLoss")).isCloseTo(expected, within(1e-9));
        assertThat(result.getDouble("clipLoss")).isCloseTo(expected, within(1e-9));
        assertThat(result.getList("retrievalScores")).isEqualTo(List.of(List.of(1.0, 0.0), List.of(0.0, 1.0)));
    }

    @Test
    void retrievalScoresAreTheMipOfEachCandidateWithTheQueryProduct() {
        // Three modalities; candidate rows from the first, queries from the product of the other two.
        JsonPath result = given().contentType(ContentType.JSON)
                .body("{\"embeddings\": [[[1,2],[3,4]], [[1,1],[2,0]], [[0.5,2],[1,1]]], \"logScale\": 0.5}")
                .when().post("/api/objectives/evaluate")
                .then().statusCode(200).extract().jsonPath().using(DOUBLES);
        // query 0 product = [0.5, 2]; query 1 product = [2, 0].
        assertThat(result.getDouble("retrievalScores[0][0]")).isCloseTo(1 * 0.5 + 2 * 2, within(1e-9));
        assertThat(result.getDouble("retrievalScores[0][1]")).isCloseTo(3 * 0.5 + 4 * 2, within(1e-9));
        assertThat(result.getDouble("retrievalScores[1][0]")).isCloseTo(2, within(1e-9));
        assertThat(result.getDouble("retrievalScores[1][1]")).isCloseTo(6, within(1e-9));
    }

    @Test
    void badShapesAreRefusedNamingTheProblem() {
        expect400("{\"embeddings\": [[[1,0]]], \"logScale\": 0}", "embeddings", "1 modalities; 2 to 8");
        expect400("{\"embeddings\": [[[1,0],[0,1]], [[1,0]]], \"logScale\": 0}", "embeddings[1]", "has 1 rows but embeddings[0] has 2");
        expect400("{\"embeddings\": [[[1,0],[0,1]], [[1,0],[0,1,2]]], \"logScale\": 0}", "embeddings[1][1]", "has 3 values");
        expect400("{\"embeddings\": [[[1,0]], [[1,\"x\"]]], \"logScale\": 0}", "embeddings[1][0][1]", "must be a number");
        expect400("{\"embeddings\": [[[1,0]], [[1,0]]]}", "logScale", "is required");
        expect400("{\"embeddings\": [[[1,0]], [[1,0]]], \"logScale\": 0, \"x\": 1}", "x", "not a known field");
        StringBuilder nine = new StringBuilder("{\"embeddings\": [");
        for (int m = 0; m < 9; m++) {
            nine.append(m == 0 ? "" : ",").append("[[1]]");
        }
        expect400(nine.append("], \"logScale\": 0}").toString(), "embeddings", "9 modalities");
    }

    private static void expect400(String body, String field, String message) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/objectives/evaluate")
                .then().statusCode(400)
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }
}
