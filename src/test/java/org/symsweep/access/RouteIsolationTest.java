package org.symsweep.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symsweep.TestApi.anonymous;
import static org.symsweep.TestApi.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.symsweep.TestApi;
import org.symsweep.TableSnapshot;
import org.symsweep.TestSweeps;

/**
 * Every route that names a sweep, trial, team, project, token or share by id, taken from the application's own
 * OpenAPI document (so a new route joins without anyone listing it), tried by callers outside the team and below
 * the role needed, with every other spelling of the id (sign, leading zeros, 19+ digits, non-ASCII digits,
 * negative, max long, percent-encoded). Only the one plain spelling names an object; nothing a refused request
 * tried is stored, and every action that did happen is in its team's audit trail.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteIsolationTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void clean() throws Exception {
        TestSweeps.reset(dataSource);
    }

    private record Route(String method, String template, String contentType) {
    }

    private record Outcome(Route route, String caller, String path, int status, String body) {
        @Override
        public String toString() {
            return caller + " " + route.method + " " + path + " -> " + status + " " + body;
        }
    }

    @Test
    void onlyThePlainIdNamesAnObjectAndOnlyForThoseAllowed() throws Exception {
        TestSweeps.reset(dataSource);
        for (String user : List.of("ri-alice", "ri-bob", "ri-mallory")) {
            anonymous().contentType(ContentType.JSON).body(Map.of("username", user, "password", PASSWORD))
                    .header("Authorization", "Bearer " + org.symsweep.TestApi.ADMIN_TOKEN)
                    .post("/api/accounts").then().statusCode(201);
        }
        String alice = token("ri-alice");
        String bob = token("ri-bob");
        String mallory = token("ri-mallory");
        Response alpha = as(alice).contentType(ContentType.JSON).body(Map.of("name", "RI-Alpha")).post("/api/teams");
        alpha.then().statusCode(201);
        long team = alpha.jsonPath().getLong("id");
        long project = alpha.jsonPath().getLong("projects[0].id");
        as(alice).contentType(ContentType.JSON).body(Map.of("role", "viewer")).put("/api/teams/" + team + "/members/ri-bob").then().statusCode(200);
        as(mallory).contentType(ContentType.JSON).body(Map.of("name", "RI-Beta")).post("/api/teams").then().statusCode(201);
        long sweep = as(alice).contentType(ContentType.JSON).queryParam("project", project)
                .body("""
                        {"name": "alpha-only", "benchmark": {"kind": "no-op"}, "variants": ["symile"], "seeds": [1, 2]}""")
                .post("/api/sweeps").then().statusCode(201).extract().jsonPath().getLong("id");
        awaitEnded(alice, sweep);
        long trial = as(alice).get("/api/sweeps/" + sweep + "/trials").jsonPath().getLong("items[0].id");
        Response share = as(alice).contentType(ContentType.JSON).body(Map.of("label", "reviewers")).post("/api/sweeps/" + sweep + "/shares");
        share.then().statusCode(201);
        long shareId = share.jsonPath().getLong("id");
        long aliceTokenId = as(alice).get("/api/tokens").jsonPath().getLong("[0].id");
        long dataset = as(alice).contentType("application/octet-stream").queryParam("name", "paired")
                .body(org.symsweep.ml.data.NpyFiles.npz(org.symsweep.ml.data.NpyFiles.matrix("a", 20, 2, 0), org.symsweep.ml.data.NpyFiles.matrix("b", 20, 2, 1)))
                .post("/api/projects/" + project + "/datasets").then().statusCode(201).extract().jsonPath().getLong("id");

        List<Route> routes = routesWithIds();
        assertThat(routes).as("routes with ids found in the OpenAPI document").hasSizeGreaterThan(20);
        Map<String, Long> ids = Map.of("sweeps", sweep, "trials", trial, "teams", team, "tokens", aliceTokenId,
                "project", project, "share", shareId, "dataset", dataset);

        Map<String, String> before = TableSnapshot.of(dataSource);
        List<Outcome> through = new ArrayList<>();
        int sent = 0;
        for (Route route : routes) {
            // Another team's admin, with the plain id: exactly as for a sweep that does not exist.
            Outcome outsider = send(route, "mallory", mallory, fill(route.template, ids, null));
            sent++;
            if (outsider.status != 404) {
                through.add(outsider);
            }
            // A viewer of the team may read, never change.
            if (!route.method.equals("GET")) {
                Outcome viewer = send(route, "bob", bob, fill(route.template, ids, null));
                sent++;
                if (viewer.status != 403 && viewer.status != 404) {
                    through.add(viewer);
                }
            }
            // Any other spelling names nothing, for everyone, the sweep's owner included.
            for (Map.Entry<String, Long> param : paramsOf(route.template, ids).entrySet()) {
                for (String spelling : spellings(param.getValue())) {
                    for (Map.Entry<String, String> caller : Map.of("alice", alice, "bob", bob, "mallory", mallory).entrySet()) {
                        Outcome spelled = send(route, caller.getKey(), caller.getValue(),
                                fill(route.template, ids, Map.entry(param.getKey(), spelling)));
                        sent++;
                        // The largest id is a plain id of nothing: a role too low for the route may be told first.
                        // A control character is refused before any lookup (400), whoever asks.
                        boolean refused = spelled.status == 404 || spelled.status == 403 && spelling.equals(Long.toString(Long.MAX_VALUE))
                                || spelled.status == 400 && spelling.contains("%0A");
                        if (!refused || spelled.body.contains("Exception")) {
                            through.add(spelled);
                        }
                    }
                }
            }
        }
        assertThat(through).as("requests that were not refused as 404/403 (of " + sent + ")").isEmpty();
        assertThat(TableSnapshot.of(dataSource)).as("what is stored, after every refused request").isEqualTo(before);
        System.out.printf("Route isolation: %d routes with ids, %d requests, %d got through%n", routes.size(), sent, through.size());

        // What did happen is in the right team's trail, with the team named.
        as(alice).contentType(ContentType.JSON).body("{\"seeds\": [3]}").post("/api/sweeps/" + sweep + "/extend").then().statusCode(200);
        as(alice).delete("/api/sweeps/" + sweep + "/shares/" + shareId).then().statusCode(204);
        List<String> actions = as(alice).get("/api/teams/" + team + "/audit?size=200").jsonPath().getList("items.action");
        assertThat(actions).containsExactlyInAnyOrder("create", "set-role", "upload", "launch", "share", "extend", "unshare");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from audit_event where target_type in ('sweep', 'project', 'team') and team_id is null")) {
            rs.next();
            assertThat(rs.getLong(1)).as("audit rows about a team's objects without their team").isZero();
        }
    }

    /** The routes whose path names an object by id, with a content type they accept. */
    private List<Route> routesWithIds() throws Exception {
        JsonNode paths = JSON.readTree(anonymous().get("/q/openapi?format=json").then().statusCode(200).extract().asString()).path("paths");
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!PARAM.matcher(path.getKey()).find() || path.getKey().contains("{username}") && !path.getKey().startsWith("/api/teams/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                String type = content.isObject() && content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                routes.add(new Route(method, path.getKey(), type));
            }
        }
        return routes;
    }

    /** The id each path parameter stands for: {id} by the collection it follows, others by their name. */
    private static Map<String, Long> paramsOf(String template, Map<String, Long> ids) {
        Map<String, Long> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (name.equals("username")) {
                continue;
            }
            params.put(name, idFor(template, name, ids));
        }
        return params;
    }

    private static long idFor(String template, String name, Map<String, Long> ids) {
        if (!name.equals("id")) {
            Long id = ids.get(name);
            if (id == null) {
                throw new AssertionError("a route parameter this test does not know yet: {" + name + "} in " + template
                        + "; teach the test which object it names");
            }
            return id;
        }
        String collection = template.split("/")[2];
        Long id = ids.get(collection);
        if (id == null) {
            throw new AssertionError("a route with {id} under /api/" + collection + " this test does not know yet: " + template);
        }
        return id;
    }

    private static String fill(String template, Map<String, Long> ids, Map.Entry<String, String> spelled) {
        StringBuilder out = new StringBuilder();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("username") ? "ri-bob"
                    : spelled != null && spelled.getKey().equals(name) ? spelled.getValue()
                    : Long.toString(idFor(template, name, ids));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every other way to write {@code id} in a URL path, already percent-encoded where needed. */
    static List<String> spellings(long id) {
        String plain = Long.toString(id);
        StringBuilder arabic = new StringBuilder();
        StringBuilder fullWidth = new StringBuilder();
        for (char c : plain.toCharArray()) {
            arabic.append((char) ('\u0660' + (c - '0')));
            fullWidth.append((char) ('\uFF10' + (c - '0')));
        }
        return List.of("+" + plain, "%2B" + plain, "0" + plain, "0".repeat(19 - plain.length()) + plain,
                "0".repeat(25 - plain.length()) + plain, encode(arabic.toString()), encode(fullWidth.toString()), "-" + plain,
                "-1", "0", Long.toString(Long.MAX_VALUE), "9223372036854775808", "%20" + plain, plain + "%20",
                plain + ".0", "0x" + Long.toHexString(id), encode(plain + "\n"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Outcome send(Route route, String caller, String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token);
        HttpRequest.BodyPublisher body = route.contentType == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(route.contentType.contains("yaml") ? "seeds: [9]\n" : "{\"seeds\": [9], \"role\": \"admin\", \"name\": \"taken-over\"}");
        if (route.contentType != null) {
            request.header("Content-Type", route.contentType);
        }
        request.method(route.method, body);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body() == null ? "" : response.body();
        return new Outcome(route, caller, path, response.statusCode(), text.length() > 300 ? text.substring(0, 300) : text);
    }

    private String token(String user) {
        return TestApi.signInToken(user, PASSWORD, "write");
    }


    private static void awaitEnded(String token, long id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!as(token).get("/api/sweeps/" + id).jsonPath().getString("state").equals("RUNNING")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sweep " + id + " did not end");
    }
}
