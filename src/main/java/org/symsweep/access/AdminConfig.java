package org.symsweep.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The first administrator ({@code symsweep.admin.*}; SYMSWEEP_ADMIN_PASSWORD and SYMSWEEP_ADMIN_TOKEN in the environment). */
@ApplicationScoped
public class AdminConfig {
    @ConfigProperty(name = "symsweep.admin.username", defaultValue = "admin")
    String username;

    /** The first admin's password, used when the account is created; generated and logged once when absent. */
    @ConfigProperty(name = "symsweep.admin.password")
    Optional<String> password;

    /** Accepted as the admin's API token (write scope) while set. */
    @ConfigProperty(name = "symsweep.admin.token")
    Optional<String> token;

    public String username() {
        return username;
    }

    public Optional<String> password() {
        return password;
    }

    public Optional<String> token() {
        return token;
    }
}
