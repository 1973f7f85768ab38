package org.symsweep.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * Liveness that follows the database. A short outage is survived (the embedded database is restarted by
 * its watchdog, the API answers 503 meanwhile), so liveness stays UP; a database unreachable for longer
 * than {@code symsweep.database.liveness-grace} (default 2 minutes) is one this process cannot bring back,
 * so liveness turns DOWN and a supervisor (systemd, Kubernetes) restarts the process.
 */
@Liveness
@ApplicationScoped
public class DatabaseLiveness implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(DatabaseLiveness.class);

    private final AgroalDataSource dataSource;
    private final Duration grace;
    private final Duration probeInterval;
    private volatile Instant unreachableSince;
    private ScheduledExecutorService probe;

    public DatabaseLiveness(AgroalDataSource dataSource,
                            @ConfigProperty(name = "symsweep.database.liveness-grace", defaultValue = "2m") Duration grace,
                            @ConfigProperty(name = "symsweep.database.probe-interval", defaultValue = "5s") Duration probeInterval) {
        this.dataSource = dataSource;
        this.grace = grace;
        this.probeInterval = probeInterval;
    }

    void start(@Observes StartupEvent event) {
        probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "symsweep-database-probe");
            thread.setDaemon(true);
            return thread;
        });
        probe.scheduleWithFixedDelay(this::probe, probeInterval.toMillis(), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (probe != null) {
            probe.shutdownNow();
        }
    }

    /** Times the outage from the first failed probe, not from the first liveness request. */
    void probe() {
        boolean reachable;
        try (Connection c = dataSource.getConnection()) {
            reachable = c.isValid((int) Math.max(1, probeInterval.toSeconds()));
        } catch (Exception e) {
            reachable = false;
        }
        if (reachable) {
            if (unreachableSince != null) {
                LOG.infof("The database is reachable again after %d s", Duration.between(unreachableSince, Instant.now()).toSeconds());
            }
            unreachableSince = null;
        } else if (unreachableSince == null) {
            unreachableSince = Instant.now();
            LOG.warnf("The database is unreachable; liveness turns DOWN if it stays so for %s", grace);
        }
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = unreachableSince;
        long seconds = since == null ? 0 : Duration.between(since, Instant.now()).toSeconds();
        return HealthCheckResponse.named("Database reachable within its grace period")
                .status(since == null || seconds < grace.toSeconds())
                .withData("unreachableSeconds", seconds)
                .withData("graceSeconds", grace.toSeconds())
                .build();
    }
}
