package org.symsweep.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Who may log in to the embedded PostgreSQL, and as whom the application works there.
 * <ul>
 * <li>Before the server starts: its settings file (TCP on 127.0.0.1 only, the socket in a private folder,
 * SCRAM passwords) and a {@code pg_hba.conf} that accepts SCRAM-SHA-256 passwords and nothing else. A data
 * folder still trusting everyone (fresh from initdb, or made by an earlier Symsweep) first gets its superuser's
 * password, set in single-user mode, so that no moment exists where the server listens without passwords.</li>
 * <li>After it starts: the application's role ({@code symsweep}: no superuser, no role or database creation),
 * its database, and every table, sequence, view and function of that database's schema owned by it. A data
 * folder of an earlier Symsweep kept its data in the {@code postgres} database as the superuser: that database
 * is renamed and handed over in place, nothing copied, nothing lost.</li>
 * </ul>
 */
final class EmbeddedAccess {
    static final String SUPERUSER = "postgres";
    static final String OWNER = "symsweep";
    static final String DATABASE = "symsweep";
    private static final Logger LOG = Logger.getLogger(EmbeddedAccess.class);
    private static final String SETTINGS_FILE = "symsweep.conf";
    private static final String HBA = """
            # Written by Symsweep at every start: password (SCRAM-SHA-256) logins only, through the socket in its
            # private folder or over 127.0.0.1. Passwords: see the password file under SYMSWEEP_HOME/secrets.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            """;

    private EmbeddedAccess() {
    }

    /** Runs between initdb and the server's start (zonky's data-folder customiser). */
    static void prepare(Path dataDir, Path socketDir, DatabaseSecrets secrets, PostgresBinaries binaries) {
        try {
            writeSettings(dataDir, socketDir);
            Path hba = dataDir.resolve("pg_hba.conf");
            if (!Files.exists(hba) || !Files.readString(hba).equals(HBA)) {
                // Trusting (new, or from an earlier version): give the superuser its password before anyone can connect.
                setSuperuserPassword(dataDir, secrets, binaries);
                Files.writeString(hba, HBA);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not secure the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static void writeSettings(Path dataDir, Path socketDir) throws IOException {
        Files.writeString(dataDir.resolve(SETTINGS_FILE), """
                # Written by Symsweep at every start.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '%s'
                unix_socket_permissions = 0700
                password_encryption = 'scram-sha-256'
                """.formatted(socketDir.toString().replace("'", "''")));
        Path conf = dataDir.resolve("postgresql.conf");
        String include = "include_if_exists = '" + SETTINGS_FILE + "'";
        if (!Files.readString(conf).contains(include)) {
            Files.writeString(conf, "\n# Symsweep's settings (listening, socket folder, passwords)\n" + include + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** {@code postgres --single}: no socket, no port, only this process; the verifier, not the password, goes in. */
    private static void setSuperuserPassword(Path dataDir, DatabaseSecrets secrets, PostgresBinaries binaries) throws IOException {
        String statement = "ALTER ROLE " + SUPERUSER + " PASSWORD '" + ScramVerifier.of(secrets.password(SUPERUSER)) + "';\n";
        Process single = new ProcessBuilder(binaries.command("postgres",
                List.of("--single", "-D", dataDir.toString(), "-c", "exit_on_error=on", SUPERUSER)))
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = single.getOutputStream()) {
            in.write(statement.getBytes(StandardCharsets.UTF_8));
        } catch (IOException exitedEarly) {
            // Its output says why.
        }
        String output = readAll(single.getInputStream());
        try {
            if (!single.waitFor(60, TimeUnit.SECONDS)) {
                single.destroyForcibly();
                throw new IOException("setting the superuser's password did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the superuser's password", e);
        }
        if (single.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("setting the superuser's password failed (exit " + single.exitValue() + "): " + output.strip());
        }
    }

    private static String readAll(InputStream stream) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs once the server accepts connections: the application's role, its database, and their ownership. */
    static void grantOwnership(int port, DatabaseSecrets secrets) throws SQLException {
        try (Connection admin = superuser(port, "template1", secrets); Statement s = admin.createStatement()) {
            String verifier = ScramVerifier.of(secrets.password(OWNER));
            if (!exists(admin, "select 1 from pg_roles where rolname = ?", OWNER)) {
                s.execute("CREATE ROLE " + OWNER + " LOGIN");
            }
            // Every start: whatever was changed by hand, the role is an ordinary one with the stored password.
            s.execute("ALTER ROLE " + OWNER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + verifier + "'");
            if (!exists(admin, "select 1 from pg_database where datname = ?", DATABASE)) {
                if (holdsEarlierData(port, secrets)) {
                    LOG.info("Handing the data of an earlier version (database 'postgres', kept by the superuser) to the role '" + OWNER + "'");
                    renameWhenIdle(admin, SUPERUSER, DATABASE);
                    s.execute("CREATE DATABASE " + SUPERUSER);
                } else {
                    s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
                }
            }
            s.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + OWNER);
        }
        try (Connection db = superuser(port, DATABASE, secrets)) {
            handOver(db);
        }
    }

    private static boolean holdsEarlierData(int port, DatabaseSecrets secrets) throws SQLException {
        try (Connection old = superuser(port, SUPERUSER, secrets); Statement s = old.createStatement();
             ResultSet rs = s.executeQuery("select to_regclass('public.flyway_schema_history') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** A database cannot be renamed while a session is in it; the only one possible is zonky's readiness probe, ending. */
    private static void renameWhenIdle(Connection admin, String from, String to) throws SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE " + from + " RENAME TO " + to);
                return;
            } catch (SQLException busy) {
                last = busy;
                try (Statement s = admin.createStatement()) {
                    s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + from + "' and pid <> pg_backend_pid()");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
        throw last;
    }

    /** Everything in the schema not yet owned by the application's role. Tables first: their own sequences follow them. */
    private static void handOver(Connection db) throws SQLException {
        List<String> statements = new ArrayList<>();
        statements.add("ALTER SCHEMA public OWNER TO " + OWNER);
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' when 'S' then 'SEQUENCE'
                                      else 'TABLE' end, c.oid::regclass::text
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                  and c.relowner <> (select oid from pg_roles where rolname = '%s')
                  and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                                       and d.objid = c.oid and d.deptype in ('a', 'i')))
                order by c.relkind = 'S', c.relkind <> 'r'
                """.formatted(OWNER))) {
            while (rs.next()) {
                statements.add("ALTER " + rs.getString(1) + " " + rs.getString(2) + " OWNER TO " + OWNER);
            }
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select case p.prokind when 'p' then 'PROCEDURE' else 'FUNCTION' end, p.oid::regprocedure::text
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = 'public' and p.proowner <> (select oid from pg_roles where rolname = '%s')
                """.formatted(OWNER))) {
            while (rs.next()) {
                statements.add("ALTER " + rs.getString(1) + " " + rs.getString(2) + " OWNER TO " + OWNER);
            }
        }
        int moved = 0;
        try (Statement s = db.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
                moved++;
            }
        }
        if (moved > 1) {
            LOG.infof("Handed %d schema objects to the role '%s'", moved - 1, OWNER);
        }
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Connection superuser(int port, String database, DatabaseSecrets secrets) throws SQLException {
        return connect(port, database, SUPERUSER, secrets.password(SUPERUSER));
    }

    static Connection connect(int port, String database, String role, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
    }
}
