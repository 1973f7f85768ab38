package org.symsweep.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.symsweep.TestApi.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TestApi;
import org.symsweep.TestSweeps;

/** Extensions and specs are refused by their sizes before their values are looked at; event streams are bounded and shared. */
@QuarkusTest
class RequestBudgetsTest {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    SweepEvents events;

    @BeforeEach
    @AfterEach
    void emptyDatabase() throws Exception {
        TestSweeps.reset(dataSource);
    }

    @Test
    void extendChecksSizesFirstAndCapsItsErrorList() {
        long id = post(noOp(0, "[1]"));
        StringBuilder many = new StringBuilder("{\"seeds\": [");
        for (int i = 0; i < 130_000; i++) {
            many.append(i == 0 ? "" : ",").append(i + 2);
        }
        given().contentType(ContentType.JSON).body(many.append("]}").toString()).when().post("/api/sweeps/" + id + "/extend")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("seeds"))
                .body("errors[0].message", equalTo("would have 130001 values (130000 added to 1); at most 1000 are allowed"));

        StringBuilder twice = new StringBuilder("{\"seeds\": [");
        for (int i = 0; i < 900; i++) {
            twice.append(i == 0 ? "" : ",").append(1);
        }
        given().contentType(ContentType.JSON).body(twice.append("]}").toString()).when().post("/api/sweeps/" + id + "/extend")
                .then().statusCode(400)
                .body("errors", hasSize(21))
                .body("errors[0].message", equalTo("1 is already part of the sweep"))
                .body("errors[20].message", equalTo("and 880 more"));

        StringBuilder conditions = new StringBuilder("{\"conditions\": {\"p\": [");
        for (int i = 0; i < 100_000; i++) {
            conditions.append(i == 0 ? "" : ",").append(i / 100_000.0);
        }
        given().contentType(ContentType.JSON).body(conditions.append("]}}").toString()).when().post("/api/sweeps/" + id + "/extend")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("conditions.p"))
                .body("errors[0].message", containsString("at most 100 are allowed"));
        given().when().get("/api/sweeps/" + id).then().statusCode(200).body("progress.total", equalTo(1));
    }

    @Test
    void specErrorsAreListedUpToTwentyThenCounted() {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            values.append(i == 0 ? "" : ",").append("\"x").append(i).append('"');
        }
        String spec = """
                {"name": "bad", "benchmark": {"kind": "no-op"}, "variants": ["clip"],
                 "search": {"space": {"lr": {"values": [%s]}}}, "seeds": [1]}""".formatted(values);
        given().contentType(ContentType.JSON).body(spec).when().post("/api/sweeps/plan")
                .then().statusCode(400)
                .body("errors", hasSize(21))
                .body("errors[0].field", equalTo("search.space.lr.values[0]"))
                .body("errors[20].message", equalTo("and 4,980 more"));
        String conditions = """
                {"name": "bad", "benchmark": {"kind": "no-op"}, "variants": ["clip"], "conditions": {"p": [%s]}, "seeds": [1]}"""
                .formatted("0.5,".repeat(101) + "0.5");
        given().contentType(ContentType.JSON).body(conditions).when().post("/api/sweeps/plan")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("conditions.p"))
                .body("errors[0].message", equalTo("has 102 values; at most 100 are allowed"));
    }

    @Test
    void eventStreamsShareOnePollPerSweepAndAreLimitedPerCaller() throws Exception {
        long id = post(noOp(30, "[1]"));
        HttpClient client = HttpClient.newHttpClient();
        List<Stream<String>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                HttpResponse<Stream<String>> response = client.send(stream(id), HttpResponse.BodyHandlers.ofLines());
                assertThat(response.statusCode()).isEqualTo(200);
                open.add(response.body());
                // Every watcher gets the sweep's current view, even one that joins after the poll started.
                assertThat(response.body().filter(line -> line.startsWith("data:")).findFirst()).get().asString().contains("\"id\":" + id);
            }
            assertThat(events.openAndPolled()).as("8 streams open, 1 sweep polled for all of them").containsExactly(8, 1);
            HttpResponse<String> refused = client.send(stream(id), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(refused.body()).contains("\"field\":\"events\"").contains("you have 8 event streams open")
                    .contains("symsweep.limits.streams.per-caller");
        } finally {
            open.forEach(Stream::close);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (events.openAndPolled()[0] > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events.openAndPolled()).as("closed streams free their places and stop the poll").containsExactly(0, 0);
        HttpResponse<Stream<String>> again = client.send(stream(id), HttpResponse.BodyHandlers.ofLines());
        assertThat(again.statusCode()).isEqualTo(200);
        again.body().close();
    }

    private static HttpRequest stream(long id) {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/sweeps/" + id + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestApi.ADMIN_TOKEN).build();
    }

    private static String noOp(double seconds, String seeds) {
        return """
                {"name": "budget", "benchmark": {"kind": "no-op", "seconds": %s}, "variants": ["clip"],
                 "conditions": {"p": [0.2]}, "seeds": %s, "limits": {"retries": 0}}""".formatted(seconds, seeds);
    }

    private static long post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/sweeps").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
