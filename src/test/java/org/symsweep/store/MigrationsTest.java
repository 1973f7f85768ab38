package org.symsweep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/** The migrations in migrations/ applied to a brand-new, empty PostgreSQL. */
class MigrationsTest {
    private static Path dataDir;
    private static EmbeddedDatabase database;

    @BeforeAll
    static void migrateEmptyDatabase() throws Exception {
        dataDir = Files.createTempDirectory("symsweep-migrations");
        database = EmbeddedDatabase.startThrowAway(dataDir);
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void stop() {
        database.close();
        TempFolders.delete(dataDir);
    }

    @Test
    void createsTheSweepTablesAndAllElevenQuartzTables() throws SQLException {
        List<String> tables = strings("select table_name from information_schema.tables where table_schema = 'public'");
        assertThat(tables).contains("sweep", "trial", "epoch_metric", "final_metric", "trial_transition",
                "account", "team", "membership", "project", "api_token", "web_session", "share_link", "audit_event");
        assertThat(tables.stream().filter(t -> t.startsWith("qrtz_"))).containsExactlyInAnyOrder(
                "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers",
                "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps",
                "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks");
    }

    @Test
    void aTrialCannotBePlannedTwiceInOneSweep() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into sweep (id, name, spec, state, project_id) values (900, 'dup', '{}', 'RUNNING', (select min(id) from project))");
            String trial = "insert into trial (sweep_id, variant, params, params_hash, condition, condition_hash, seed, state)"
                    + " values (900, 'symile', '{}', 'p', '{}', 'c', 1, 'PLANNED')";
            s.executeUpdate(trial);
            assertThatThrownBy(() -> s.executeUpdate(trial)).hasMessageContaining("trial_unique_in_sweep");
        }
    }

    @Test
    void aMetricCannotBeRecordedTwiceForOneAttemptAndEpoch() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into sweep (id, name, spec, state, project_id) values (901, 'm', '{}', 'RUNNING', (select min(id) from project))");
            s.executeUpdate("insert into trial (id, sweep_id, variant, params, params_hash, condition, condition_hash, seed, state)"
                    + " values (9010, 901, 'clip', '{}', 'p', '{}', 'c', 1, 'RUNNING')");
            String metric = "insert into epoch_metric (trial_id, attempt, epoch, name, value) values (9010, 1, 3, 'val_top1', 0.5)";
            s.executeUpdate(metric);
            assertThatThrownBy(() -> s.executeUpdate(metric)).hasMessageContaining("epoch_metric_pkey");
            // A retry (next attempt) records its own curve beside the failed attempt's.
            s.executeUpdate("insert into epoch_metric (trial_id, attempt, epoch, name, value) values (9010, 2, 3, 'val_top1', 0.6)");
        }
    }

    @Test
    void unknownVariantsAndStatesAreRefusedByTheDatabaseToo() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into sweep (id, name, spec, state, project_id) values (902, 'v', '{}', 'RUNNING', (select min(id) from project))");
            assertThatThrownBy(() -> s.executeUpdate(
                    "insert into trial (sweep_id, variant, params, params_hash, condition, condition_hash, seed, state)"
                            + " values (902, 'blip', '{}', 'p', '{}', 'c', 1, 'PLANNED')"))
                    .hasMessageContaining("trial_variant_check");
            assertThatThrownBy(() -> s.executeUpdate("update sweep set state = 'DONE' where id = 902"))
                    .hasMessageContaining("sweep_state_check");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
