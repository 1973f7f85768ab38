package org.symsweep;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.symsweep.ml.train.BenchmarkCommand;
import org.symsweep.ml.train.EvaluateCommand;
import org.symsweep.ml.train.TrialCommand;
import org.symsweep.store.EmbeddedDatabase;
import org.symsweep.store.SymsweepHome;

/**
 * Starts the server, or without it runs one trial ({@code trial SPEC.json}) or evaluates the
 * objectives on given embeddings ({@code evaluate EMBEDDINGS.json}). With no {@code DB_URL} it first starts the embedded PostgreSQL in the data folder
 * (under {@code SYMSWEEP_HOME}), points the datasource at it, and stops it after the server has stopped,
 * so that no trial or sweep write is cut off by the database going away first.
 */
@QuarkusMain
public final class SymsweepMain {
    private static final Logger LOG = Logger.getLogger(SymsweepMain.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    SymsweepMain() {
    }

    public static void main(String... args) {
        // DJL must never try to download anything: natives come from the jars on the class path.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        if (args.length > 0 && args[0].equals("trial")) {
            System.exit(TrialCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("bench")) {
            try {
                System.exit(BenchmarkCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }
        if (args.length > 0 && args[0].equals("evaluate")) {
            System.exit(EvaluateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Optional<EmbeddedDatabase> embedded = Optional.empty();
        if (externalDatabaseConfigured()) {
            LOG.info("Using the PostgreSQL server at DB_URL; no embedded database is started");
        } else {
            Path home = SymsweepHome.resolve();
            embedded = Optional.of(EmbeddedDatabase.startPersistent(home));
            EmbeddedDatabase db = embedded.get();
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", db.user());
            System.setProperty("quarkus.datasource.password", db.password());
            LOG.infof("Embedded PostgreSQL started on 127.0.0.1 port %d with data in %s (role '%s', passwords in %s)",
                    db.port(), db.layout().dataDir(), db.user(), db.layout().secretsFile());
            // On SIGTERM the JVM runs its hooks and halts without returning here: stop the database from a
            // hook of our own, once Quarkus (whose hook runs alongside) has finished shutting down.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitServerStopped();
                db.close();
            }, "embedded-postgres-stop"));
        }
        int[] exitCode = {0};
        try {
            Quarkus.run(Server.class, (code, failure) -> exitCode[0] = code, args);
        } finally {
            embedded.ifPresent(EmbeddedDatabase::close);
        }
        System.exit(exitCode[0]);
    }

    private static void awaitServerStopped() {
        Thread waiter = new Thread(() -> {
            Application application = Application.currentApplication();
            if (application != null && application.isStarted()) {
                application.awaitShutdown();
            }
        }, "await-server-stopped");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(SHUTDOWN_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean externalDatabaseConfigured() {
        return notBlank(System.getenv("DB_URL")) || notBlank(System.getProperty("quarkus.datasource.jdbc.url"));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** Runs until the process is asked to stop. */
    public static final class Server implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
