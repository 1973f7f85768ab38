package org.symsweep.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.symsweep.TestApi.anonymous;
import static org.symsweep.TestApi.given;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Signing in under attack, with the test profile's sizes: slowed after 3 failures for a name (300 ms, doubling
 * up to 600 ms), 10 failures per client address, one password check at a time with 2 waiting. The tests speak
 * for different clients through X-Forwarded-For (the test profile trusts the loopback proxy).
 */
@QuarkusTest
class SignInTest {
    private static final String PASSWORD = "correct horse battery";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccessStore store;

    @Inject
    SignInThrottle throttle;

    private static void createAccount(String username) {
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD)).post("/api/accounts").then().statusCode(201);
    }

    private static Response signIn(String client, String username, String password) {
        return anonymous().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/session");
    }

    /** One refused sign-in, its answer checked: 401 with the one message, never echoing the password. */
    private static void refused(String client, String username, String password) {
        signIn(client, username, password).then().statusCode(401).body("errors[0].field", equalTo("password"))
                .body("errors[0].message", equalTo("user name or password is wrong")).body(not(containsString(password)));
    }

    /** Whether the server makes the next attempt for this name wait at least this long before checking it. */
    private void waitsAtLeast(String username, long millis) {
        assertThat(throttle.nextDelay(username)).as("the wait before the next attempt for " + username)
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(millis));
    }

    @Test
    void unknownAndKnownNamesGetTheSameAnswersAndAreSlowedAlike() {
        createAccount("erin");
        String known = signIn("198.51.100.1", "erin", "wrong guess 0").asString();
        String unknown = signIn("198.51.100.2", "erik", "wrong guess 0").asString();
        assertThat(unknown).isEqualTo(known);
        for (int i = 1; i < 3; i++) {
            refused("198.51.100.1", "erin", "wrong guess " + i);
            refused("198.51.100.2", "erik", "wrong guess " + i);
        }
        // After 3 failures each further attempt for the name waits first (first-delay 300 ms), existing or not:
        // the wait the server will apply is read from it, not timed with the clock.
        waitsAtLeast("erin", 300);
        refused("198.51.100.1", "erin", "wrong guess 3");
        waitsAtLeast("erik", 300);
        refused("198.51.100.2", "erik", "wrong guess 3");
        // Delays go with the name, whoever asks, and a name differing only in case is the same name.
        waitsAtLeast("ERIK", 600);
        refused("198.51.100.3", "ERIK", "wrong guess 4");
        // The right password still gets in (after its wait), and then the name's failures are forgotten.
        signIn("198.51.100.4", "erin", PASSWORD).then().statusCode(200).body("username", equalTo("erin"));
        refused("198.51.100.1", "erin", "wrong guess 5");
        signIn("198.51.100.4", "erin", PASSWORD).then().statusCode(200);
        // Only the existing account's failures are in the audit trail; the passwords never are.
        assertThat(auditDetails("sign-in-failed")).isNotEmpty().noneMatch(d -> d.contains("wrong guess"));
    }

    @Test
    void anAnonymousClientCannotLockAPersonOut() {
        createAccount("gwen");
        // Someone guesses gwen's password from many addresses, more often than the old lock allowed (10).
        for (int i = 0; i < 11; i++) {
            refused("203.0.113." + (100 + i % 3), "gwen", "guess number " + i);
        }
        // Guessing stays slow: every attempt now waits the full max-delay (600 ms) before it is even checked.
        waitsAtLeast("gwen", 600);
        refused("203.0.113.103", "gwen", "guess number 11");
        // gwen, from her own address, is only slowed (at most max-delay), never locked out.
        signIn("192.0.2.77", "gwen", PASSWORD).then().statusCode(200).body("username", equalTo("gwen"));
        // Nor is the site administrator, the name every attacker tries first.
        for (int i = 0; i < 11; i++) {
            refused("203.0.113." + (110 + i % 3), "admin", "guess number " + i);
        }
        signIn("192.0.2.78", "admin", org.symsweep.TestApi.ADMIN_PASSWORD).then().statusCode(200);
    }

    @Test
    void eachClientAddressHasItsOwnBudgetOfFailures() {
        // Ten failures (any names, known or not) use up one address's budget ...
        for (int i = 0; i < 10; i++) {
            refused("203.0.113.50", "someone-" + i, "guess " + i);
        }
        Response refused = signIn("203.0.113.50", "someone-else", "guess 10");
        refused.then().statusCode(429).header("Retry-After", notNullValue())
                .body("errors[0].message", containsString("too many failed sign-ins from your address"))
                .body("errors[0].message", containsString("at most 10"));
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 6);
        // ... even for the right password of a real account, until it refills ...
        createAccount("hana");
        signIn("203.0.113.50", "hana", PASSWORD).then().statusCode(429);
        // ... while another address is answered as usual.
        signIn("203.0.113.51", "hana", PASSWORD).then().statusCode(200);
    }

    @Test
    void weakOrCommonPasswordsOrOnesWithTheUserNameAreRefusedAndNothingIsStored() throws Exception {
        for (String[] refused : new String[][] {
                {"ivan", "password1234", "common"}, {"ivan", "qwertyuiop", "common"}, {"ivan", "ivan-the-great-sweeper", "user name"},
                {"ivan", "IVAN-the-great-sweeper", "user name"}, {"ivan", "short", "at least 10"}}) {
            given().contentType(ContentType.JSON).body(Map.of("username", refused[0], "password", refused[1])).post("/api/accounts")
                    .then().statusCode(400).body("errors[0].field", equalTo("password"))
                    .body("errors[0].message", containsString(refused[2])).body(not(containsString(refused[1])));
        }
        given().get("/api/accounts").then().statusCode(200).body("$", not(org.hamcrest.Matchers.hasItem("ivan")));
        assertThat(count("select count(*) from account where lower(username) = 'ivan'")).isZero();
        // Changing to a weak password is refused too, and the old one keeps working.
        createAccount("judy");
        Response session = signIn("192.0.2.90", "judy", PASSWORD);
        session.then().statusCode(200);
        for (String weak : List.of("iloveyou2024", "judy1990judy")) {
            anonymous().cookie(Gatekeeper.SESSION_COOKIE, session.getCookie(Gatekeeper.SESSION_COOKIE))
                    .header(Gatekeeper.CSRF_HEADER, session.jsonPath().getString("csrfToken")).contentType(ContentType.JSON)
                    .body(Map.of("currentPassword", PASSWORD, "newPassword", weak)).put("/api/account/password")
                    .then().statusCode(400).body("errors[0].field", equalTo("newPassword")).body(not(containsString(weak)));
        }
        signIn("192.0.2.90", "judy", PASSWORD).then().statusCode(200);
    }

    @Test
    void aWeakFirstAdministratorPasswordStopsTheStartWithAClearMessage() throws Exception {
        AdminConfig config = new AdminConfig();
        config.username = "root";
        config.password = Optional.of("root-password-2024");
        config.token = Optional.empty();
        assertThatThrownBy(() -> new AdminAccount(store, config).ensure())
                .hasMessageContaining("SYMSWEEP_ADMIN_PASSWORD").hasMessageContaining("not accepted")
                .hasMessageContaining("user name").hasMessageNotContaining("root-password-2024");
        config.password = Optional.of("letmein12345");
        assertThatThrownBy(() -> new AdminAccount(store, config).ensure()).hasMessageContaining("too easy to guess");
        assertThat(count("select count(*) from account where username = 'root'")).isZero();
    }

    @Test
    void theHashingPoolRefusesBeyondItsBoundWith503() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/session");
        int refused = 0;
        int attempts = 0;
        for (int round = 0; round < 5 && refused == 0; round++) {
            // 24 sign-ins at once, each from its own address: no client budget applies, only the pool's (1 + 2).
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "10.9." + round + "." + i)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"flood-" + round + "-" + i + "\", \"password\": \"x\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> future : answers) {
                HttpResponse<String> answer = future.join();
                attempts++;
                assertThat(answer.statusCode()).as(answer.body()).isIn(401, 503);
                if (answer.statusCode() == 503) {
                    refused++;
                    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(answer.body()).contains("too many password checks at once: at most 1 run at a time with 2 waiting");
                }
            }
        }
        assertThat(refused).as("refused of " + attempts).isPositive();
    }

    private List<String> auditDetails(String action) {
        List<String> details = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select coalesce(detail, '') from audit_event where action = '" + action + "'")) {
            while (rs.next()) {
                details.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return details;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
