package org.symsweep.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.symsweep.ml.data.DatasetArchive;

/** Plain SQL over the dataset table of migration V8. */
@ApplicationScoped
public class DatasetStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Trials that will still read their sweep's data: a dataset they use cannot be deleted. */
    static final String ACTIVE_STATES = "('PLANNED', 'QUEUED', 'RUNNING')";

    private final AgroalDataSource dataSource;

    public DatasetStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored dataset as the API shows it. */
    public record Dataset(long id, long projectId, String name, long bytes, long dataBytes, long rows,
                          List<DatasetArchive.ArrayInfo> arrays, String uploadedBy, OffsetDateTime uploadedAt) {
    }

    /** The next id, taken before the file is written so that the file can be named by it. */
    long nextId() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select nextval('dataset_id_seq')");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** Inserts the row; false when the project already has a dataset of that name (the unique index decides). */
    boolean insert(long id, long projectId, String name, long bytes, DatasetArchive.Checked checked, Long uploadedBy) {
        String sql = "insert into dataset (id, project_id, name, bytes, data_bytes, rows, arrays, uploaded_by) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                + " on conflict (project_id, lower(name)) do nothing";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            s.setLong(2, projectId);
            s.setString(3, name);
            s.setLong(4, bytes);
            s.setLong(5, checked.dataBytes());
            s.setLong(6, checked.rows());
            s.setString(7, JSON.writeValueAsString(checked.arrays()));
            s.setObject(8, uploadedBy);
            return s.executeUpdate() == 1;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    public List<Dataset> ofProject(long projectId) {
        return list(SELECT + " where d.project_id = ? order by lower(d.name)", projectId);
    }

    public Optional<Dataset> find(long id) {
        List<Dataset> found = list(SELECT + " where d.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public Optional<Dataset> byName(long projectId, String name) {
        List<Dataset> found = list(SELECT + " where d.project_id = ? and lower(d.name) = lower(?)", projectId, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public boolean nameTaken(long projectId, String name) {
        return byName(projectId, name).isPresent();
    }

    /** Result of a delete: done, gone already, or refused because trials still need it (with how many). */
    public record Deletion(boolean deleted, long activeTrials) {
    }

    /**
     * Deletes the row unless a planned, queued or running trial of one of the project's sweeps uses it; the row
     * is locked while the trials are counted, so the answer holds at commit.
     */
    Deletion delete(long id) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long projectId;
                try (PreparedStatement s = c.prepareStatement("select project_id from dataset where id = ? for update")) {
                    s.setLong(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return new Deletion(false, 0);
                        }
                        projectId = rs.getLong(1);
                    }
                }
                long active;
                try (PreparedStatement s = c.prepareStatement("select count(*) from trial t join sweep w on w.id = t.sweep_id"
                        + " where w.project_id = ? and w.spec -> 'benchmark' ->> 'dataset_id' = ? and t.state in " + ACTIVE_STATES)) {
                    s.setLong(1, projectId);
                    s.setString(2, Long.toString(id));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        active = rs.getLong(1);
                    }
                }
                if (active > 0) {
                    c.rollback();
                    return new Deletion(false, active);
                }
                try (PreparedStatement s = c.prepareStatement("delete from dataset where id = ?")) {
                    s.setLong(1, id);
                    s.executeUpdate();
                }
                c.commit();
                return new Deletion(true, 0);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** Every dataset id (for the start-up check of orphan files). */
    Set<Long> ids() {
        Set<Long> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select id from dataset");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    private static final String SELECT = "select d.id, d.project_id, d.name, d.bytes, d.data_bytes, d.rows, d.arrays::text, a.username, d.uploaded_at"
            + " from dataset d left join account a on a.id = d.uploaded_by";

    private List<Dataset> list(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Dataset> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(9);
                    out.add(new Dataset(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            JSON.readValue(rs.getString(7), new TypeReference<List<DatasetArchive.ArrayInfo>>() { }),
                            rs.getString(8), OffsetDateTime.ofInstant(at.toInstant(), ZoneOffset.UTC)));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }
}
