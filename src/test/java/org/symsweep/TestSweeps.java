package org.symsweep;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Empties the database between tests of the one Quarkus application they share: sweeps are cancelled first
 * and their running trials allowed to stop (they do at their next epoch), so no trial of one test trains on
 * in the background of the next.
 */
public final class TestSweeps {
    private TestSweeps() {
    }

    /** Waits (up to a minute) until no trial is running any more. */
    public static void awaitNoRunningTrials(Statement s) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("select count(*) from trial where state = 'RUNNING' and heartbeat_at is not null")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    public static void reset(DataSource dataSource) throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("update sweep set state = 'CANCELLED' where state in ('RUNNING', 'PAUSED')");
            s.execute("update trial set state = 'CANCELLED' where state in ('PLANNED', 'QUEUED')");
            awaitNoRunningTrials(s);
            s.execute("delete from sweep");
        }
    }
}
