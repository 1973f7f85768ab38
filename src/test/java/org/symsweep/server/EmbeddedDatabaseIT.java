package org.symsweep.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/**
 * The packaged server's embedded PostgreSQL as an attacker and an unlucky user meet it: another OS user
 * cannot log in, the application is no superuser, settings are durable, and a postmaster killed with
 * SIGKILL is restarted by the server with every acknowledged write still there.
 */
class EmbeddedDatabaseIT {
    private static final Map<String, String> FAST = Map.of(
            "SYMSWEEP_SCHEDULING_HEARTBEAT_INTERVAL", "1s",
            "SYMSWEEP_SCHEDULING_HEARTBEAT_TIMEOUT", "10s",
            "SYMSWEEP_SCHEDULING_SUPERVISE_INTERVAL", "1s");

    private Path home;

    @BeforeEach
    void freshHome() throws Exception {
        home = Files.createTempDirectory("symsweep-db");
    }

    @AfterEach
    void removeHome() {
        TempFolders.delete(home);
    }

    @Test
    void onlyTheHolderOfTheGeneratedPasswordsGetsIn() throws Exception {
        try (ServerProcess server = ServerProcess.start(home, Map.of())) {
            server.awaitHealthy(Duration.ofSeconds(90));
            Path secrets = home.resolve("secrets/pgpass");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.getParent()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("pgsocket")))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("pgbin")))).isEqualTo("rwx------");
            List<String> pid = Files.readAllLines(home.resolve("pgdata/postmaster.pid"));
            int port = Integer.parseInt(pid.get(3).trim());
            assertThat(Path.of(pid.get(4).trim())).as("the socket folder").isEqualTo(home.resolve("pgsocket"));
            Map<String, String> passwords = passwords(secrets);
            assertThat(passwords.keySet()).containsExactlyInAnyOrder("postgres", "symsweep");
            assertThat(passwords.get("postgres")).isNotEqualTo(passwords.get("symsweep"));

            // No password, no way in, even as the superuser over loopback.
            for (String role : List.of("postgres", "symsweep")) {
                assertThatThrownBy(() -> connect(port, role, null)).isInstanceOf(SQLException.class)
                        .hasMessageContaining("password");
                assertThatThrownBy(() -> connect(port, role, "guess")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("password authentication failed");
            }

            // The application's own login: an ordinary role owning its database, and durable settings.
            try (Connection app = connect(port, "symsweep", passwords.get("symsweep")); Statement s = app.createStatement()) {
                assertThat(one(s, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
                assertThat(one(s, "select rolcreaterole::text from pg_roles where rolname = current_user")).isEqualTo("false");
                assertThat(one(s, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()")).isEqualTo("symsweep");
                assertThat(one(s, "select count(*)::text from pg_tables where schemaname = 'public' and tableowner <> 'symsweep'")).isEqualTo("0");
                assertThat(one(s, "show fsync")).isEqualTo("on");
                assertThat(one(s, "show synchronous_commit")).isEqualTo("on");
                assertThat(one(s, "show full_page_writes")).isEqualTo("on");
                assertThatThrownBy(() -> s.execute("copy (select 1) to program 'id'")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
            try (Connection admin = connect(port, "postgres", passwords.get("postgres")); Statement s = admin.createStatement()) {
                assertThat(one(s, "select string_agg(distinct auth_method, ',') from pg_hba_file_rules")).isEqualTo("scram-sha-256");
                assertThat(one(s, "show listen_addresses")).isEqualTo("127.0.0.1");
            }

            // Another OS user: neither the socket folder nor the TCP port lets it in.
            assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "runs another user only as root");
            assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")), "needs runuser");
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "needs psql");
            for (String role : List.of("postgres", "symsweep")) {
                Attempt socket = asNobody("psql", "-w", "-h", home.resolve("pgsocket").toString(), "-p", Integer.toString(port),
                        "-U", role, "-d", "postgres", "-c", "select 1");
                assertThat(socket.exit).as(socket.output).isNotZero();
                assertThat(socket.output).containsAnyOf("Permission denied", "No such file or directory", "password");
                Attempt tcp = asNobody("psql", "-w", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", role, "-d", "postgres", "-c", "select 1");
                assertThat(tcp.exit).as(tcp.output).isNotZero();
                assertThat(tcp.output).contains("no password supplied");
                Attempt reading = asNobody("cat", secrets.toString());
                assertThat(reading.exit).as(reading.output).isNotZero();
            }
            server.stop();
        }
    }

    @Test
    void aKilledPostmasterIsRestartedAndLosesNoAcknowledgedWrite() throws Exception {
        // Eight trials of three seconds, two at a time: some done, some running, some queued at the kill.
        String spec = """
                {"name": "outlives its database", "benchmark": {"kind": "no-op", "seconds": 3}, "variants": ["clip"],
                 "conditions": {"p": [0.1, 0.5]}, "seeds": [1, 2, 3, 4], "limits": {"max_parallel": 2}}""";
        try (ServerProcess server = ServerProcess.start(home, FAST)) {
            server.awaitHealthy(Duration.ofSeconds(90));
            HttpResponse<String> sweep = server.postJson("/api/sweeps", spec);
            assertThat(sweep.statusCode()).isEqualTo(201);
            long id = JsonPath.from(sweep.body()).getLong("id");
            SweepRecoveryIT.awaitProgress(server, id, s -> s.getInt("progress.byState.SUCCEEDED") >= 1
                    && s.getInt("progress.byState.RUNNING") >= 1, Duration.ofSeconds(120));
            Map<Long, Double> doneBefore = succeeded(server, id);
            HttpResponse<String> token = server.postJson("/api/tokens", "{\"name\": \"made just before the crash\", \"scope\": \"read\"}");
            assertThat(token.statusCode()).isEqualTo(201);
            String secret = JsonPath.from(token.body()).getString("token");

            ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim()))
                    .orElseThrow();
            long killed = System.nanoTime();
            postmaster.destroyForcibly(); // SIGKILL
            postmaster.onExit().get(10, TimeUnit.SECONDS);

            List<String> meanwhile = new ArrayList<>();
            HttpResponse<String> answer;
            while (true) {
                answer = server.get("/api/sweeps/" + id);
                if (answer.statusCode() == 200) {
                    break;
                }
                meanwhile.add(answer.statusCode() + " " + answer.headers().firstValue("Retry-After").orElse("-") + " " + answer.body());
                assertThat(System.nanoTime() - killed).as("serving again within 60 s; log:\n" + server.log())
                        .isLessThan(TimeUnit.SECONDS.toNanos(60));
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - killed) / 1e9;
            System.out.printf("kill -9 of the embedded postmaster -> first 200 from the API: %.2f s (%d answers meanwhile)%n",
                    seconds, meanwhile.size());
            // While it was down: 503, Retry-After, a plain message; never a 500.
            assertThat(meanwhile).allSatisfy(a -> assertThat(a).startsWith("503 5 {\"errors\":[")
                    .contains("the database is unavailable").doesNotContain("Exception"));
            // The watchdog logs its success once pg_ctl returns, which may come just after the first answer served.
            for (int i = 0; i < 300 && !server.log().contains("is running again on port"); i++) {
                Thread.sleep(100);
            }
            assertThat(server.log()).contains("restarting it on").contains("is running again on port");

            // Every acknowledged write is there: the token (and it works), the results stored before the kill.
            assertThat(server.get("/api/sweeps", secret).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/tokens").body()).contains("made just before the crash");
            JsonPath done = SweepRecoveryIT.awaitProgress(server, id, s -> s.getString("state").equals("SUCCEEDED"), Duration.ofSeconds(180));
            assertThat(done.getInt("progress.byState.SUCCEEDED")).isEqualTo(8);
            SweepRecoveryIT.assertEachTrialSucceededOnce(server, id, 8);
            Map<Long, Double> doneAfter = succeeded(server, id);
            long lost = doneBefore.entrySet().stream().filter(e -> !e.getValue().equals(doneAfter.get(e.getKey()))).count()
                    + (server.get("/api/tokens").body().contains("made just before the crash") ? 0 : 1);
            System.out.printf("acknowledged writes lost: %d of %d (the API token and the trial results stored before the kill)%n",
                    lost, doneBefore.size() + 1);
            assertThat(doneAfter).containsAllEntriesOf(doneBefore);
            assertThat(server.get("/q/health/live").statusCode()).isEqualTo(200);
            server.stop();
        }
    }

    @Test
    void aDataFolderOfAnEarlierVersionIsSecuredInPlaceWithNothingLost() throws Exception {
        // What earlier versions left: trust for everyone, the data in database 'postgres' owned by the superuser.
        Path data = home.resolve("pgdata");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start()) {
            String url = old.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.executeUpdate("insert into sweep (id, name, spec, state, project_id) values (900, 'from before', '{}', 'SUCCEEDED', (select min(id) from project))");
            }
        }
        try (ServerProcess server = ServerProcess.start(home, Map.of())) {
            server.awaitHealthy(Duration.ofSeconds(90));
            int port = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).trim());
            Map<String, String> passwords = passwords(home.resolve("secrets/pgpass"));
            try (Connection app = connect(port, "symsweep", passwords.get("symsweep")); Statement s = app.createStatement()) {
                assertThat(one(s, "select name from sweep where id = 900")).isEqualTo("from before");
                assertThat(one(s, "select count(*)::text from pg_tables where schemaname = 'public' and tableowner <> 'symsweep'")).isEqualTo("0");
                assertThat(one(s, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
            }
            assertThatThrownBy(() -> connect(port, "postgres", null)).isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThat(server.get("/api/tokens").statusCode()).isEqualTo(200);
            server.stop();
        }
    }

    @Test
    void whileAnExternalDatabaseIsDownTheApiAnswers503AndLivenessFailsOnlyAfterItsGrace() throws Exception {
        Path data = home.resolve("external");
        Map<String, String> environment = new HashMap<>(Map.of(
                "SYMSWEEP_DATABASE_LIVENESS_GRACE", "3s", "SYMSWEEP_DATABASE_PROBE_INTERVAL", "500ms", "DB_USER", "postgres"));
        EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
        int port = external.getPort();
        environment.put("DB_URL", external.getJdbcUrl("postgres", "postgres"));
        try (ServerProcess server = ServerProcess.start(home, environment)) {
            server.awaitHealthy(Duration.ofSeconds(90));
            assertThat(server.get("/api/sweeps").statusCode()).isEqualTo(200);
            external.close();

            HttpResponse<String> down = server.get("/api/sweeps");
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(down.body()).startsWith("{\"errors\":[").contains("the database is unavailable").doesNotContain("Exception");
            HttpResponse<String> created = server.postJson("/api/sweeps", """
                    {"name": "while down", "benchmark": {"kind": "no-op"}, "variants": ["clip"], "seeds": [1]}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(503);
            // Alive through a short outage, DOWN once it outlasts the grace: a supervisor restarts the process.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> live = server.get("/q/health/live");
            while (live.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                live = server.get("/q/health/live");
            }
            assertThat(live.statusCode()).as(live.body()).isEqualTo(503);
            assertThat(live.body()).contains("Database reachable within its grace period").contains("\"DOWN\"");

            external = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .setRegisterShutdownHook(false).start();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> again = server.get("/api/sweeps");
            while (again.statusCode() != 200 && System.nanoTime() < deadline) {
                assertThat(again.statusCode()).as(again.body()).isEqualTo(503);
                Thread.sleep(250);
                again = server.get("/api/sweeps");
            }
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            server.stop();
        } finally {
            external.close();
        }
    }

    private static Map<Long, Double> succeeded(ServerProcess server, long id) throws Exception {
        JsonPath page = JsonPath.from(server.get("/api/sweeps/" + id + "/trials?size=200").body());
        Map<Long, Double> results = new TreeMap<>();
        for (int i = 0; i < page.getList("items").size(); i++) {
            if ("SUCCEEDED".equals(page.getString("items[" + i + "].state"))) {
                results.put(page.getLong("items[" + i + "].id"), page.getDouble("items[" + i + "].objective"));
            }
        }
        return results;
    }

    private static Map<String, String> passwords(Path pgpass) throws Exception {
        Map<String, String> passwords = new HashMap<>();
        for (String line : Files.readAllLines(pgpass)) {
            String[] fields = line.split(":", 5);
            if (!line.startsWith("#") && fields.length == 5) {
                passwords.put(fields[3], fields[4]);
            }
        }
        return passwords;
    }

    private static Connection connect(int port, String role, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + (role.equals("postgres") ? "postgres" : "symsweep"), props);
    }

    private static String one(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private record Attempt(int exit, String output) {
    }

    private static Attempt asNobody(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Attempt(process.exitValue(), output);
    }
}
