package org.symsweep;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Every application table's row count and a digest of its rows (last-used times left out, since reading
 * with a token or session touches them), to show that a batch of refused requests stored nothing.
 */
public final class TableSnapshot {
    private TableSnapshot() {
    }

    public static Map<String, String> of(DataSource dataSource) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = current_schema()"
                    + " and table_type = 'BASE TABLE' and table_name not like 'qrtz%' and table_name not like 'flyway%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                String columns = switch (table) {
                    case "api_token" -> "id, account_id, name, scope, revoked_at";
                    case "web_session" -> "account_id";
                    default -> "*";
                };
                try (ResultSet rs = s.executeQuery("select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), ''))"
                        + " from (select " + columns + " from " + table + ") t")) {
                    rs.next();
                    tables.put(table, rs.getLong(1) + " rows " + rs.getString(2));
                }
            }
        }
        return tables;
    }
}
