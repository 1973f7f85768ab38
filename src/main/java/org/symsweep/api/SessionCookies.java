package org.symsweep.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import org.symsweep.access.AuthConfig;

/** The session and share cookies: HTTP-only, SameSite=Strict, Secure over HTTPS (symsweep.auth.secure-cookie). */
@ApplicationScoped
public class SessionCookies {
    private final AuthConfig config;

    public SessionCookies(AuthConfig config) {
        this.config = config;
    }

    /** A cookie for the whole site; max age 0 clears it. */
    public NewCookie of(String name, String value, int maxAgeSeconds, UriInfo uri) {
        boolean secure = switch (config.secureCookie()) {
            case "always" -> true;
            case "never" -> false;
            default -> "https".equalsIgnoreCase(uri.getBaseUri().getScheme());
        };
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAgeSeconds).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
