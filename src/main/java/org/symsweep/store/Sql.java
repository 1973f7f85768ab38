package org.symsweep.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The few JDBC chores the stores' plain SQL repeats: binding arguments, counting updates, reading a column of ids. */
final class Sql {
    private Sql() {
    }

    /** Binds arguments in order; null binds SQL NULL of the column's type. */
    static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    /** The first column of every row, as longs (ids, seeds). */
    static List<Long> longs(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            List<Long> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
            return values;
        }
    }
}
