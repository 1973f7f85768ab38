package org.symsweep.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.symsweep.TestApi.anonymous;
import static org.symsweep.TestApi.as;
import static org.symsweep.TestApi.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.symsweep.TestApi;
import org.symsweep.TestSweeps;

/**
 * Accounts, roles and links against every kind of resource: a team's sweeps, with their trials, summaries,
 * curves, analyses, exports, event streams and audit trail, answer 404 to anyone outside the team (never the
 * data), 403 to a member whose role is too low, and 401 to a caller with no credentials.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String SPEC = """
            {"name": "alpha-secret-sweep", "benchmark": {"kind": "no-op"}, "variants": ["symile", "gated-symile"],
             "conditions": {"p": [0.5]}, "seeds": [1, 2]}""";

    @Inject
    AgroalDataSource dataSource;

    private long alphaTeam;
    private long alphaProject;
    private String aliceToken;   // admin of Alpha
    private String carolToken;   // editor in Alpha
    private String bobToken;     // viewer in Alpha
    private String daveToken;    // editor in Alpha, not the author of carol's sweeps
    private String malloryToken; // admin of Beta, not in Alpha

    private boolean ready;

    /** Once, before the first test (RestAssured knows the server's port only from then on). */
    @BeforeEach
    void accountsAndTeams() throws Exception {
        if (ready) {
            return;
        }
        ready = true;
        TestSweeps.reset(dataSource);
        for (String user : List.of("alice", "bob", "carol", "dave", "mallory")) {
            given().contentType(ContentType.JSON).body(Map.of("username", user, "password", PASSWORD))
                    .post("/api/accounts").then().statusCode(201);
        }
        aliceToken = token("alice", "write");
        bobToken = token("bob", "write");
        carolToken = token("carol", "write");
        daveToken = token("dave", "write");
        malloryToken = token("mallory", "write");
        Response alpha = as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "Alpha")).post("/api/teams");
        alpha.then().statusCode(201);
        alphaTeam = alpha.jsonPath().getLong("id");
        alphaProject = alpha.jsonPath().getLong("projects[0].id");
        assertThat(alpha.jsonPath().getString("role")).isEqualTo("admin");
        for (String[] member : new String[][] {{"bob", "viewer"}, {"carol", "editor"}, {"dave", "editor"}}) {
            as(aliceToken).contentType(ContentType.JSON).body(Map.of("role", member[1]))
                    .put("/api/teams/" + alphaTeam + "/members/" + member[0]).then().statusCode(200);
        }
        as(malloryToken).contentType(ContentType.JSON).body(Map.of("name", "Beta")).post("/api/teams").then().statusCode(201);
    }

    @AfterAll
    void clean() throws Exception {
        TestSweeps.reset(dataSource);
    }

    private String token(String user, String scope) {
        return TestApi.signInToken(user, PASSWORD, scope);
    }


    private long launchAsCarol() throws Exception {
        long id = as(carolToken).contentType(ContentType.JSON).body(SPEC).queryParam("project", alphaProject)
                .post("/api/sweeps").then().statusCode(201).extract().jsonPath().getLong("id");
        waitUntilEnded(id);
        return id;
    }

    private void waitUntilEnded(long id) throws Exception {
        for (int i = 0; i < 600; i++) {
            String state = as(carolToken).get("/api/sweeps/" + id).jsonPath().getString("state");
            if (!state.equals("RUNNING")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sweep " + id + " did not end");
    }

    /** Every read a dashboard makes of one sweep. */
    private static List<String> sweepReads(long id, long trial) {
        return List.of("/api/sweeps/" + id, "/api/sweeps/" + id + "/trials", "/api/sweeps/" + id + "/summary",
                "/api/sweeps/" + id + "/curves", "/api/sweeps/" + id + "/selection",
                "/api/sweeps/" + id + "/compare?a=gated-symile&b=symile", "/api/sweeps/" + id + "/trials.csv",
                "/api/sweeps/" + id + "/summary.csv", "/api/sweeps/" + id + "/audit", "/api/sweeps/" + id + "/events",
                "/api/trials/" + trial);
    }

    private long firstTrial(long sweep) {
        return as(carolToken).get("/api/sweeps/" + sweep + "/trials").jsonPath().getLong("items[0].id");
    }

    @Test
    void anotherTeamGets404ForEveryResourceOfASweepAndNeverItsData() throws Exception {
        long id = launchAsCarol();
        long trial = firstTrial(id);
        for (String path : sweepReads(id, trial)) {
            Response answer = as(malloryToken).get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.asString()).as(path).doesNotContain("alpha-secret-sweep").doesNotContain("gated-symile");
            if (!path.endsWith("/events")) {
                assertThat(as(bobToken).get(path).statusCode()).as("viewer reads " + path).isEqualTo(200);
            }
        }
        // The viewer's event stream answers with the sweep's progress.
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/api/sweeps/" + id + "/events")).header("Authorization", "Bearer " + bobToken).build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body().filter(line -> line.startsWith("data:")).findFirst().orElseThrow()).contains("alpha-secret-sweep");
        // The same 404 as a sweep that does not exist, so ids cannot be probed.
        String missing = as(malloryToken).get("/api/sweeps/999999999").asString().replace("999999999", "N");
        assertThat(as(malloryToken).get("/api/sweeps/" + id).asString().replace(Long.toString(id), "N")).isEqualTo(missing);
        for (String action : List.of("pause", "resume", "cancel", "rerun-failed", "extend", "race", "shares")) {
            as(malloryToken).contentType(ContentType.JSON).body("{}").post("/api/sweeps/" + id + "/" + action).then().statusCode(404);
        }
        as(malloryToken).delete("/api/sweeps/" + id).then().statusCode(404);
        as(malloryToken).get("/api/sweeps").then().statusCode(200).body("items.id", not(hasItem((int) id)));
        as(malloryToken).get("/api/teams/" + alphaTeam).then().statusCode(404);
        as(malloryToken).get("/api/teams/" + alphaTeam + "/audit").then().statusCode(404);
        as(malloryToken).contentType(ContentType.JSON).body(SPEC).queryParam("project", alphaProject).post("/api/sweeps").then().statusCode(404);
        as(bobToken).get("/api/sweeps").then().statusCode(200).body("items.id", hasItem((int) id));
    }

    @Test
    void noCredentialsGet401Everywhere() throws Exception {
        long id = launchAsCarol();
        for (String path : sweepReads(id, firstTrial(id))) {
            anonymous().get(path).then().statusCode(401).body("errors[0].field", equalTo("Authorization"));
        }
        for (String path : List.of("/api/sweeps", "/api/teams", "/api/tokens", "/api/session", "/api/accounts")) {
            anonymous().get(path).then().statusCode(401);
        }
        anonymous().contentType(ContentType.JSON).body(SPEC).post("/api/sweeps").then().statusCode(401);
        anonymous().header("Authorization", "Bearer ssw_not-a-token").get("/api/sweeps").then().statusCode(401)
                .body("errors[0].message", containsString("unknown, expired or revoked"));
        // Which routes exist is not told to strangers: a made-up path answers like a real one.
        anonymous().get("/api/no-such-route").then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body("{}").post("/api/sweeps/" + id + "/no-such-action").then().statusCode(401);
        as(carolToken).get("/api/no-such-route").then().statusCode(404);
    }

    @Test
    void viewersReadEditorsControlAuthorsAndAdminsDelete() throws Exception {
        long id = launchAsCarol();
        as(bobToken).post("/api/sweeps/" + id + "/rerun-failed").then().statusCode(403)
                .body("errors[0].message", containsString("viewer"));
        as(bobToken).contentType(ContentType.JSON).body(SPEC).queryParam("project", alphaProject).post("/api/sweeps").then().statusCode(403);
        as(daveToken).post("/api/sweeps/" + id + "/rerun-failed").then().statusCode(200);
        as(bobToken).delete("/api/sweeps/" + id).then().statusCode(403);
        as(daveToken).delete("/api/sweeps/" + id).then().statusCode(403).body("errors[0].message", containsString("author"));
        as(carolToken).delete("/api/sweeps/" + id).then().statusCode(204);
        long other = launchAsCarol();
        as(aliceToken).delete("/api/sweeps/" + other).then().statusCode(204);
        // The trail names who did what.
        List<Map<String, Object>> events = as(bobToken).get("/api/teams/" + alphaTeam + "/audit?size=200").jsonPath().getList("items");
        assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "launch").containsEntry("actor", "carol (API token)")
                        .containsEntry("targetId", (int) id))
                .anySatisfy(e -> assertThat(e).containsEntry("action", "rerun-failed").containsEntry("actor", "dave (API token)"))
                .anySatisfy(e -> assertThat(e).containsEntry("action", "delete").containsEntry("actor", "carol (API token)"))
                .anySatisfy(e -> assertThat(e).containsEntry("action", "delete").containsEntry("actor", "alice (API token)")
                        .containsEntry("targetId", (int) other));
        // Only team admins manage members and projects.
        as(carolToken).contentType(ContentType.JSON).body(Map.of("role", "admin")).put("/api/teams/" + alphaTeam + "/members/carol")
                .then().statusCode(403);
        as(carolToken).contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/teams/" + alphaTeam + "/projects").then().statusCode(403);
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("role", "viewer")).put("/api/teams/" + alphaTeam + "/members/alice")
                .then().statusCode(409).body("errors[0].message", containsString("last admin"));
    }

    @Test
    void readTokensOnlyReadAndRevokedTokensStopWorking() throws Exception {
        long id = launchAsCarol();
        String read = token("carol", "read");
        as(read).get("/api/sweeps/" + id).then().statusCode(200);
        as(read).post("/api/sweeps/" + id + "/rerun-failed").then().statusCode(403).body("errors[0].message", containsString("read scope"));
        List<Map<String, Object>> tokens = as(carolToken).get("/api/tokens").jsonPath().getList("$");
        assertThat(tokens).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotContainKey("token"));
        assertThat(as(carolToken).get("/api/tokens").asString()).doesNotContain(read).doesNotContain(carolToken);
        Map<String, Object> used = tokens.stream().filter(t -> "read".equals(t.get("scope"))).findFirst().orElseThrow();
        assertThat(used.get("lastUsedAt")).isNotNull();
        as(carolToken).delete("/api/tokens/" + used.get("id")).then().statusCode(204);
        as(read).get("/api/sweeps/" + id).then().statusCode(401);
        // Another account's token cannot be revoked (and is not even seen).
        as(malloryToken).delete("/api/tokens/" + used.get("id")).then().statusCode(404);
    }

    @Test
    void browserSessionsNeedTheCsrfTokenToChangeAnything() throws Exception {
        long id = launchAsCarol();
        Response session = anonymous().contentType(ContentType.JSON).body(Map.of("username", "carol", "password", PASSWORD)).post("/api/session");
        String cookie = session.getCookie(Gatekeeper.SESSION_COOKIE);
        assertThat(session.getDetailedCookie(Gatekeeper.SESSION_COOKIE).isHttpOnly()).isTrue();
        assertThat(session.getDetailedCookie(Gatekeeper.SESSION_COOKIE).getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(session.asString()).doesNotContain(PASSWORD).doesNotContain(cookie);
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).get("/api/sweeps/" + id).then().statusCode(200);
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).post("/api/sweeps/" + id + "/rerun-failed").then().statusCode(403)
                .body("errors[0].field", equalTo(Gatekeeper.CSRF_HEADER));
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).header(Gatekeeper.CSRF_HEADER, "guess").post("/api/sweeps/" + id + "/rerun-failed")
                .then().statusCode(403);
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).header(Gatekeeper.CSRF_HEADER, session.jsonPath().getString("csrfToken"))
                .post("/api/sweeps/" + id + "/rerun-failed").then().statusCode(200);
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).header(Gatekeeper.CSRF_HEADER, session.jsonPath().getString("csrfToken"))
                .delete("/api/session").then().statusCode(204);
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).get("/api/sweeps/" + id).then().statusCode(401);
    }

    @Test
    void aShareLinkOpensOneSweepReadOnlyUntilRevoked() throws Exception {
        long id = launchAsCarol();
        long other = launchAsCarol();
        as(bobToken).contentType(ContentType.JSON).body("{}").post("/api/sweeps/" + id + "/shares").then().statusCode(403);
        Response created = as(carolToken).contentType(ContentType.JSON).body(Map.of("label", "reviewers", "expiresInHours", 24))
                .post("/api/sweeps/" + id + "/shares");
        created.then().statusCode(201);
        String token = created.jsonPath().getString("token");
        assertThat(created.jsonPath().getString("path")).isEqualTo("/#/shared/" + token);
        assertThat(as(carolToken).get("/api/sweeps/" + id + "/shares").asString()).doesNotContain(token).contains("reviewers");
        Response opened = anonymous().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/shared/session");
        opened.then().statusCode(200).body("sweepId", equalTo((int) id));
        String cookie = opened.getCookie(Gatekeeper.SHARE_COOKIE);
        for (String path : sweepReads(id, firstTrial(id))) {
            if (!path.endsWith("/events")) {
                // The audit trail names the team's members and links: the team's, not the link holder's.
                assertThat(anonymous().cookie(Gatekeeper.SHARE_COOKIE, cookie).get(path).statusCode()).as(path)
                        .isEqualTo(path.endsWith("/audit") ? 404 : 200);
            }
        }
        for (String path : sweepReads(other, firstTrial(other))) {
            assertThat(anonymous().cookie(Gatekeeper.SHARE_COOKIE, cookie).get(path).statusCode()).as(path).isEqualTo(404);
        }
        for (String path : List.of("/api/sweeps", "/api/teams", "/api/tokens", "/api/teams/" + alphaTeam + "/audit")) {
            anonymous().cookie(Gatekeeper.SHARE_COOKIE, cookie).get(path).then().statusCode(404);
        }
        anonymous().cookie(Gatekeeper.SHARE_COOKIE, cookie).post("/api/sweeps/" + id + "/cancel").then().statusCode(403);
        anonymous().cookie(Gatekeeper.SHARE_COOKIE, cookie).get("/api/session").then().statusCode(200).body("kind", equalTo("share"))
                .body("sharedSweepId", equalTo((int) id));
        long shareId = created.jsonPath().getLong("id");
        as(carolToken).delete("/api/sweeps/" + id + "/shares/" + shareId).then().statusCode(204);
        anonymous().cookie(Gatekeeper.SHARE_COOKIE, cookie).get("/api/sweeps/" + id).then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/shared/session").then().statusCode(404);
        anonymous().contentType(ContentType.JSON).body(Map.of("token", "not-a-share-token")).post("/api/shared/session").then().statusCode(404)
                .body(not(containsString("not-a-share-token")));
    }

    @Test
    void badAccountInputIsRefusedNamingTheFieldAndNothingIsStored() {
        given().contentType(ContentType.JSON).body(Map.of("username", "frank", "password", "short")).post("/api/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("password")).body(not(containsString("short")));
        given().contentType(ContentType.JSON).body(Map.of("username", "../etc", "password", PASSWORD)).post("/api/accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("username"));
        given().contentType(ContentType.JSON).body(Map.of("username", "alice", "password", PASSWORD)).post("/api/accounts").then().statusCode(409);
        as(carolToken).contentType(ContentType.JSON).body(Map.of("username", "frank", "password", PASSWORD)).post("/api/accounts").then().statusCode(403);
        as(carolToken).contentType(ContentType.JSON).body(Map.of("name", "t", "scope", "admin")).post("/api/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("scope"));
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("role", "owner")).put("/api/teams/" + alphaTeam + "/members/bob")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("role", "viewer")).put("/api/teams/" + alphaTeam + "/members/nobody")
                .then().statusCode(404).body("errors[0].field", equalTo("username"));
        given().get("/api/accounts").then().statusCode(200).body("$", not(hasItem("frank")));
        long before = given().get("/api/sweeps").jsonPath().getLong("total");
        as(carolToken).contentType(ContentType.JSON).body(SPEC).queryParam("project", "alpha").post("/api/sweeps")
                .then().statusCode(400).body("errors[0].field", equalTo("project")).body("errors[0].message", containsString("'alpha'"));
        as(carolToken).get("/api/sweeps?project=alpha").then().statusCode(400).body("errors[0].field", equalTo("project"));
        as(malloryToken).contentType(ContentType.JSON).body(SPEC).queryParam("project", 987654321).post("/api/sweeps")
                .then().statusCode(404).body("errors[0].field", equalTo("project"));
        assertThat(given().get("/api/sweeps").jsonPath().getLong("total")).isEqualTo(before);
    }

    @Test
    void changingThePasswordEndsEverySessionAndNeedsTheCurrentOne() {
        given().contentType(ContentType.JSON).body(Map.of("username", "gina", "password", PASSWORD)).post("/api/accounts").then().statusCode(201);
        Response session = anonymous().contentType(ContentType.JSON).body(Map.of("username", "gina", "password", PASSWORD)).post("/api/session");
        String cookie = session.getCookie(Gatekeeper.SESSION_COOKIE);
        String csrf = session.jsonPath().getString("csrfToken");
        RequestSpecification asGina = anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).header(Gatekeeper.CSRF_HEADER, csrf)
                .contentType(ContentType.JSON);
        asGina.body(Map.of("currentPassword", "not it at all", "newPassword", "a brand new passphrase")).put("/api/account/password")
                .then().statusCode(400).body("errors[0].field", equalTo("currentPassword")).body(not(containsString("not it at all")));
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).header(Gatekeeper.CSRF_HEADER, csrf).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "short")).put("/api/account/password")
                .then().statusCode(400).body("errors[0].field", equalTo("newPassword"));
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).header(Gatekeeper.CSRF_HEADER, csrf).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new passphrase")).put("/api/account/password")
                .then().statusCode(204);
        anonymous().cookie(Gatekeeper.SESSION_COOKIE, cookie).get("/api/session").then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body(Map.of("username", "gina", "password", PASSWORD)).post("/api/session").then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body(Map.of("username", "gina", "password", "a brand new passphrase")).post("/api/session")
                .then().statusCode(200);
    }

    @Test
    void teamAdminsRenameProjectsAndDeleteOnlyEmptyOnes() throws Exception {
        String projects = "/api/teams/" + alphaTeam + "/projects";
        long scratch = as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "scratch")).post(projects)
                .then().statusCode(201).extract().jsonPath().getLong("id");
        // Renaming: admins only, a valid and free name, a project of this team.
        as(carolToken).contentType(ContentType.JSON).body(Map.of("name", "renamed")).put(projects + "/" + scratch).then().statusCode(403);
        as(malloryToken).contentType(ContentType.JSON).body(Map.of("name", "renamed")).put(projects + "/" + scratch).then().statusCode(404);
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "  ")).put(projects + "/" + scratch).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "DEFAULT")).put(projects + "/" + scratch).then().statusCode(409)
                .body("errors[0].message", containsString("default"));
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "ablations")).put(projects + "/999999").then().statusCode(404)
                .body("errors[0].field", equalTo("project"));
        as(aliceToken).contentType(ContentType.JSON).body(Map.of("name", "ablations")).put(projects + "/" + scratch).then().statusCode(200)
                .body("name", equalTo("ablations"));
        assertThat(as(bobToken).get("/api/teams/" + alphaTeam).jsonPath().getList("projects.name", String.class))
                .contains("ablations").doesNotContain("scratch");
        // A project with a sweep is kept, and so is the sweep; an empty one goes.
        long id = as(carolToken).contentType(ContentType.JSON).body(SPEC).queryParam("project", scratch).post("/api/sweeps")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        waitUntilEnded(id);
        as(aliceToken).delete(projects + "/" + scratch).then().statusCode(409)
                .body("errors[0].field", equalTo("project"), "errors[0].message", containsString("holds 1 sweep"));
        as(carolToken).get("/api/sweeps/" + id).then().statusCode(200);
        as(carolToken).delete(projects + "/" + scratch).then().statusCode(403);
        as(carolToken).delete("/api/sweeps/" + id).then().statusCode(204);
        as(aliceToken).delete(projects + "/" + scratch).then().statusCode(204);
        assertThat(as(bobToken).get("/api/teams/" + alphaTeam).jsonPath().getList("projects.id", Long.class)).doesNotContain(scratch);
        List<Map<String, Object>> events = as(bobToken).get("/api/teams/" + alphaTeam + "/audit?size=200").jsonPath().getList("items");
        assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("action", "rename").containsEntry("targetType", "project"))
                .anySatisfy(e -> assertThat(e).containsEntry("action", "delete").containsEntry("targetType", "project"));
    }

    @Test
    void oversizedQueriesAreRefused() {
        given().get("/api/sweeps?name=" + "x".repeat(10_000)).then().statusCode(414);
        given().get("/api/sweeps?size=100000").then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (Response answer : List.of(given().get("/api/sweeps"), anonymous().get("/api/sweeps"), anonymous().get("/"))) {
            answer.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer").header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        given().get("/api/sweeps").then().header("Cache-Control", "no-store");
    }
}
