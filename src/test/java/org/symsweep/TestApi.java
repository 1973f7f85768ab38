package org.symsweep;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * RestAssured requests as the administrator, through the SYMSWEEP_ADMIN_TOKEN the test profile sets
 * (symsweep.admin.token): the API tests of sweeps and results run as a member of the default team.
 */
public final class TestApi {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String ADMIN_PASSWORD = "Quiet lantern over the sweep 42";

    private TestApi() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** A request with an API token. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** Signs in on the API as a browser would, then creates a token through the session (with its CSRF token). */
    public static String signInToken(String user, String password, String scope) {
        io.restassured.response.Response session = RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("username", user, "password", password)).post("/api/session");
        session.then().statusCode(200);
        return RestAssured.given().cookie(org.symsweep.access.Gatekeeper.SESSION_COOKIE, session.getCookie(org.symsweep.access.Gatekeeper.SESSION_COOKIE))
                .header(org.symsweep.access.Gatekeeper.CSRF_HEADER, session.jsonPath().getString("csrfToken"))
                .contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("name", "tests", "scope", scope))
                .post("/api/tokens").then().statusCode(201).extract().jsonPath().getString("token");
    }

    /** A request with no credentials at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
