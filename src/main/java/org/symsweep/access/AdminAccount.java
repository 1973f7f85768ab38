package org.symsweep.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The first administrator, made at the first start: password from SYMSWEEP_ADMIN_PASSWORD, else generated
 * and written to the log this once. While SYMSWEEP_ADMIN_TOKEN is set, it is accepted as the admin's API
 * token (write scope), for scripts and automated checks.
 */
@ApplicationScoped
public class AdminAccount {
    private static final Logger LOG = Logger.getLogger(AdminAccount.class);
    private final AccessStore store;
    private final AdminConfig config;
    private volatile Long adminId;
    private volatile byte[] tokenHash;

    public AdminAccount(AccessStore store, AdminConfig config) {
        this.store = store;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        ensure();
    }

    /** Creates the admin account if it does not exist yet (idempotent; safe when several nodes start at once). */
    public synchronized void ensure() {
        config.token().filter(t -> !t.isBlank()).ifPresent(t -> tokenHash = Secrets.hash(t));
        String username = config.username();
        Optional<AccessStore.Account> existing = store.account(username);
        if (existing.isPresent()) {
            adminId = existing.get().id();
            return;
        }
        Optional<String> given = config.password().filter(p -> !p.isBlank());
        String password = given.orElseGet(() -> Secrets.generate("").substring(0, 24));
        String problem = Passwords.problem(password, username);
        if (problem != null) {
            // Refuse to start rather than create an administrator anyone could guess.
            throw new IllegalStateException("SYMSWEEP_ADMIN_PASSWORD (symsweep.admin.password) is not accepted: it " + problem
                    + ". Choose a longer, less common password that does not contain the user name '" + username + "'.");
        }
        long id;
        try {
            id = store.createAccount(username, Passwords.hash(password), true);
        } catch (IllegalStateException anotherNodeWasFaster) {
            adminId = store.account(username).orElseThrow(() -> anotherNodeWasFaster).id();
            return;
        }
        store.teamByName("default").ifPresent(team -> store.setMember(team, id, Role.ADMIN));
        adminId = id;
        store.audit(id, username, "create", "account", id, null, "first start");
        if (given.isPresent()) {
            LOG.infof("Created the administrator account '%s' with the password from SYMSWEEP_ADMIN_PASSWORD.", username);
        } else {
            // The one time this password is ever shown: it is stored only as an Argon2id hash.
            LOG.warnf("Created the administrator account '%s' with the generated password %s (shown only this once; "
                    + "set SYMSWEEP_ADMIN_PASSWORD before the first start to choose it).", username, password);
        }
    }

    /** The admin as caller when the token is SYMSWEEP_ADMIN_TOKEN. */
    public Optional<Caller> byAdminToken(String token) {
        byte[] expected = tokenHash;
        if (expected == null || adminId == null || !Secrets.sameHash(expected, Secrets.hash(token))) {
            return Optional.empty();
        }
        return Optional.of(Caller.token(adminId, config.username(), true, true));
    }
}
