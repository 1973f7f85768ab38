package org.symsweep.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.symsweep.TempFolders;

/**
 * A database from before accounts existed (migrated up to V4, holding sweeps with trials and metrics) is
 * migrated to the current schema: every sweep lands in the team and project named 'default', nothing lost.
 */
class AccessMigrationTest {
    private static Path dataDir;
    private static EmbeddedDatabase database;

    @BeforeAll
    static void databaseFromBeforeAccounts() throws Exception {
        dataDir = Files.createTempDirectory("symsweep-access-migration");
        database = EmbeddedDatabase.startThrowAway(dataDir);
        flyway("4").migrate();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (int id : new int[] {100, 200}) {
                s.executeUpdate("insert into sweep (id, name, spec, state) values (" + id + ", 'old " + id + "', '{\"name\": \"old\"}', 'SUCCEEDED')");
                s.executeUpdate("insert into trial (id, sweep_id, variant, params, params_hash, condition, condition_hash, seed, state, objective)"
                        + " values (" + (id + 1) + ", " + id + ", 'symile', '{}', 'p', '{}', 'c', 1, 'SUCCEEDED', 0.75)");
                s.executeUpdate("insert into epoch_metric (trial_id, attempt, epoch, name, value) values (" + (id + 1) + ", 1, 1, 'val_top1', 0.5)");
            }
        }
        flyway(null).migrate();
    }

    private static Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    @AfterAll
    static void stop() {
        database.close();
        TempFolders.delete(dataDir);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Test
    void everyExistingSweepIsInTheDefaultProjectWithItsTrialsAndMetrics() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select s.id, s.name, p.name, t.name, s.created_by,"
                     + " (select count(*) from trial where sweep_id = s.id), (select sum(objective) from trial where sweep_id = s.id),"
                     + " (select count(*) from epoch_metric m join trial tr on tr.id = m.trial_id where tr.sweep_id = s.id)"
                     + " from sweep s join project p on p.id = s.project_id join team t on t.id = p.team_id order by s.id")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString(2)).startsWith("old ");
                assertThat(rs.getString(3)).isEqualTo("default");
                assertThat(rs.getString(4)).isEqualTo("default");
                assertThat(rs.getObject(5)).isNull();
                assertThat(rs.getLong(6)).isEqualTo(1);
                assertThat(rs.getDouble(7)).isEqualTo(0.75);
                assertThat(rs.getLong(8)).isEqualTo(1);
            }
            assertThat(rows).isEqualTo(2);
        }
    }

    @Test
    void aSweepCannotBeStoredWithoutAProjectAnyMore() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    s.executeUpdate("insert into sweep (id, name, spec, state) values (300, 'orphan', '{}', 'RUNNING')"))
                    .hasMessageContaining("project_id");
        }
    }
}
