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

    /** A request with no credentials at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
