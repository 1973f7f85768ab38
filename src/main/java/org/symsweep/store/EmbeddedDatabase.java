package org.symsweep.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server (binaries from Maven Central) running from a data folder, reachable only with
 * the generated passwords (see {@link EmbeddedAccess}), the application working as an ordinary role. The
 * persistent one is durable (every acknowledged commit is on disk) and watched: if its postmaster dies, it is
 * started again on the same folder and port. Throw-away ones, for tests, trade durability for speed.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
    private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(10);

    /** The folders and files of one embedded database. */
    public record Layout(Path dataDir, Path socketDir, Path secretsFile, Path binariesDir) {
        /** Under {@code SYMSWEEP_HOME}: pgdata/, pgsocket/, secrets/pgpass, and the binaries in pgbin/. */
        public static Layout under(Path home) {
            return new Layout(home.resolve("pgdata"), home.resolve("pgsocket"), home.resolve("secrets").resolve("pgpass"),
                    home.resolve("pgbin"));
        }

        /** As {@link #under}, but the binaries in zonky's shared folder: tests start many databases. */
        public static Layout throwAway(Path folder) {
            Layout own = under(folder);
            return new Layout(own.dataDir, own.socketDir, own.secretsFile, null);
        }
    }

    private final Layout layout;
    private final int port;
    private final DatabaseSecrets secrets;
    private final PostgresBinaries binaries;
    private final Map<String, String> settings;
    private final EmbeddedPostgres postgres;
    private final Object lifecycle = new Object();
    private boolean closed;
    private Thread watchdog;

    private EmbeddedDatabase(Layout layout, int port, DatabaseSecrets secrets, PostgresBinaries binaries,
                             Map<String, String> settings, EmbeddedPostgres postgres) {
        this.layout = layout;
        this.port = port;
        this.secrets = secrets;
        this.binaries = binaries;
        this.settings = settings;
        this.postgres = postgres;
    }

    /** The server's database under {@code SYMSWEEP_HOME}: durable, and restarted if it dies. */
    public static EmbeddedDatabase startPersistent(Path home) {
        EmbeddedDatabase db = start(Layout.under(home), true);
        db.watch();
        return db;
    }

    /** A test's database in {@code folder}, deleted with it: same access rules, no fsync. */
    public static EmbeddedDatabase startThrowAway(Path folder) {
        return start(Layout.throwAway(folder), false);
    }

    static EmbeddedDatabase start(Layout layout, boolean durable) {
        Path dataDir = layout.dataDir();
        try {
            Files.createDirectories(dataDir);
            DatabaseSecrets.privateFolder(dataDir);
            DatabaseSecrets.privateFolder(layout.socketDir());
            if (layout.binariesDir() != null) {
                DatabaseSecrets.privateFolder(layout.binariesDir());
            }
            stopOrphan(dataDir);
            DatabaseSecrets secrets = DatabaseSecrets.loadOrCreate(layout.secretsFile(), List.of(EmbeddedAccess.SUPERUSER, EmbeddedAccess.OWNER));
            PostgresBinaries binaries = PostgresBinaries.in(layout.binariesDir());
            Map<String, String> settings = settings(durable);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.zonkyFolder())
                    .setPgBinaryResolver(binaries)
                    .setDataDirectoryCustomizer(dir -> EmbeddedAccess.prepare(dir.toPath(), layout.socketDir(), secrets, binaries))
                    // zonky's readiness probe logs in as the superuser, now with its password
                    .setConnectConfig("password", secrets.password(EmbeddedAccess.SUPERUSER))
                    // Stopped by close(), after the server is done with it, not by a racing JVM hook.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            if (layout.binariesDir() != null) {
                DatabaseSecrets.privateFolder(layout.binariesDir()); // zonky makes its folder writable by all (0722)
            }
            try {
                EmbeddedAccess.grantOwnership(postgres.getPort(), secrets);
            } catch (SQLException e) {
                postgres.close();
                throw new IOException("could not set up the application's role and database: " + e.getMessage(), e);
            }
            return new EmbeddedDatabase(layout, postgres.getPort(), secrets, binaries, settings, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
                    + " (as root it needs unprivileged user namespaces; otherwise set DB_URL)", e);
        }
    }

    /**
     * Given on the command line, so they win over zonky's test defaults ({@code -F}, which turns fsync off,
     * and synchronous_commit=off): the persistent database loses no acknowledged commit to a crash.
     */
    private static Map<String, String> settings(boolean durable) {
        Map<String, String> settings = new LinkedHashMap<>();
        String on = durable ? "on" : "off";
        settings.put("fsync", on);
        settings.put("synchronous_commit", on);
        settings.put("full_page_writes", on);
        settings.put("timezone", "UTC");
        settings.put("max_connections", "300");
        return settings;
    }

    /**
     * A server killed without its shutdown (SIGKILL, a crash) leaves its PostgreSQL running on the data
     * folder, holding it. Stop that orphan cleanly (its clients died with the server) before starting anew.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = postmaster(dataDir);
        if (orphan.isEmpty()) {
            return; // no pid file, or a stale one of a process long gone: PostgreSQL removes it on start
        }
        long pid = orphan.get().pid();
        LOG.warnf("Stopping the embedded PostgreSQL (pid %d) left running by a server that did not shut down", pid);
        orphan.get().destroy(); // SIGTERM: smart shutdown, quick since its clients are gone
        try {
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL left running on " + dataDir + " (pid " + pid + ") did not stop within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the PostgreSQL left running on " + dataDir, e);
        }
    }

    /** The live postmaster named by the data folder's pid file, if any. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException absentOrUnreadable) {
            return Optional.empty(); // PostgreSQL judges a damaged pid file itself
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> !zombie(p.pid()))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
    }

    /** A killed postmaster waits as a zombie until its parent (init) reaps it: dead all the same. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException noProcFileSystem) {
            return false;
        }
    }

    /** Checks twice a second that the postmaster lives; restarts it on the same folder and port if not. */
    private void watch() {
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(WATCH_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (lifecycle) {
                    if (closed) {
                        return;
                    }
                }
                if (postmaster(layout.dataDir()).isEmpty()) {
                    restartUntilUp();
                }
            }
        }, "embedded-postgres-watchdog");
        thread.setDaemon(true);
        watchdog = thread;
        thread.start();
    }

    private void restartUntilUp() {
        LOG.errorf("The embedded PostgreSQL (port %d) is not running; restarting it on %s", port, layout.dataDir());
        long started = System.nanoTime();
        Duration backoff = Duration.ofMillis(250);
        for (int attempt = 1; ; attempt++) {
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                try {
                    restart();
                    LOG.infof("The embedded PostgreSQL is running again on port %d (attempt %d, %d ms after it was found down)",
                            port, attempt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                } catch (IOException e) {
                    LOG.warnf("Restarting the embedded PostgreSQL failed (attempt %d): %s; trying again in %d ms",
                            attempt, e.getMessage(), backoff.toMillis());
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_RESTART_BACKOFF) > 0 ? MAX_RESTART_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /**
     * {@code pg_ctl start} with the first start's settings and port. PostgreSQL replays its write-ahead log
     * (crash recovery), so every commit it had acknowledged is there again. It refuses while backends of the
     * dead postmaster still hold its shared memory; they notice the death and leave within moments.
     */
    private void restart() throws IOException {
        EmbeddedAccess.prepare(layout.dataDir(), layout.socketDir(), secrets, binaries);
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port)));
        settings.forEach((key, value) -> {
            options.add("-c");
            options.add(key + "=" + value);
        });
        Process ctl = new ProcessBuilder(binaries.command("pg_ctl",
                List.of("-D", layout.dataDir().toString(), "-o", String.join(" ", options), "-w", "-t", "30", "start")))
                .redirectErrorStream(true)
                // The postmaster keeps pg_ctl's output as its log: the server's own output, never a pipe left unread.
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            if (!ctl.waitFor(45, TimeUnit.SECONDS)) {
                ctl.destroyForcibly();
                throw new IOException("pg_ctl start did not finish within 45 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (ctl.exitValue() != 0) {
            throw new IOException("pg_ctl start exited with " + ctl.exitValue());
        }
    }

    /** The application's connection: its own role and database, over 127.0.0.1. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedAccess.DATABASE;
    }

    public String user() {
        return EmbeddedAccess.OWNER;
    }

    public String password() {
        return secrets.password(EmbeddedAccess.OWNER);
    }

    public int port() {
        return port;
    }

    public Layout layout() {
        return layout;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (watchdog != null) {
            watchdog.interrupt();
        }
        synchronized (lifecycle) {
            try {
                // zonky's pg_ctl stop: also stops a postmaster the watchdog started, it goes by the data folder.
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL cleanly", e);
            }
        }
    }
}
