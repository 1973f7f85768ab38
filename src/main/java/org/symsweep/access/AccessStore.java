package org.symsweep.access;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plain SQL over the tables of migration V5: accounts, teams, memberships, projects, secrets, audit. */
@ApplicationScoped
public class AccessStore {
    private final AgroalDataSource dataSource;

    public AccessStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Account(long id, String username, String passwordHash, boolean siteAdmin) {
    }

    public record Session(long accountId, String username, boolean siteAdmin, String csrfToken, OffsetDateTime lastSeenAt) {
    }

    public record Token(long id, long accountId, String username, boolean siteAdmin, String scope, OffsetDateTime lastUsedAt) {
    }

    public record TokenInfo(long id, String name, String scope, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    public record Share(long id, long sweepId) {
    }

    public record ShareInfo(long id, String label, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                            OffsetDateTime revokedAt) {
    }

    public record Project(long id, long teamId, String name) {
    }

    public record TeamMembership(long teamId, String teamName, Role role, List<Project> projects) {
    }

    public record Member(String username, Role role, OffsetDateTime since) {
    }

    /** Where a sweep sits: its project and team and who launched it (null for sweeps from before accounts). */
    public record SweepPlace(long sweepId, long projectId, long teamId, Long createdBy) {
    }

    public record AuditEvent(long id, OffsetDateTime at, String actor, String action, String targetType, Long targetId, Long teamId,
                             String detail) {
    }

    // --- accounts ------------------------------------------------------------------------------------

    public Optional<Account> account(String username) {
        return one("select id, username, password_hash, site_admin from account where lower(username) = lower(?)",
                AccessStore::account, username);
    }

    public Optional<Account> account(long id) {
        return one("select id, username, password_hash, site_admin from account where id = ?",
                AccessStore::account, id);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
    }

    public long createAccount(String username, String passwordHash, boolean siteAdmin) {
        return insert("insert into account (username, password_hash, site_admin) values (?, ?, ?) returning id", username, passwordHash, siteAdmin);
    }

    public void setPassword(long accountId, String passwordHash) {
        update("update account set password_hash = ? where id = ?", passwordHash, accountId);
    }

    public List<String> usernames() {
        return list("select username from account order by lower(username)", rs -> rs.getString(1));
    }

    public void recordLogin(long accountId) {
        update("update account set last_login_at = now() where id = ?", accountId);
    }

    // --- sessions ------------------------------------------------------------------------------------

    public void createSession(byte[] idHash, long accountId, String csrfToken, Duration lifetime) {
        update("insert into web_session (id_hash, account_id, csrf_token, expires_at) values (?, ?, ?, now() + make_interval(secs => ?))",
                idHash, accountId, csrfToken, (double) lifetime.toSeconds());
    }

    public Optional<Session> session(byte[] idHash) {
        return one("select a.id, a.username, a.site_admin, s.csrf_token, s.last_seen_at from web_session s join account a on a.id = s.account_id"
                        + " where s.id_hash = ? and s.expires_at > now()",
                rs -> new Session(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), time(rs, 5)), idHash);
    }

    /** Slides the session's expiry forward (idle timeout). */
    public void touchSession(byte[] idHash, Duration lifetime) {
        update("update web_session set last_seen_at = now(), expires_at = now() + make_interval(secs => ?) where id_hash = ?",
                (double) lifetime.toSeconds(), idHash);
    }

    public void deleteSession(byte[] idHash) {
        update("delete from web_session where id_hash = ?", (Object) idHash);
    }

    /** Signs an account out everywhere (after a password change). */
    public void deleteSessions(long accountId) {
        update("delete from web_session where account_id = ?", accountId);
    }

    public int deleteExpiredSessions() {
        return update("delete from web_session where expires_at <= now()");
    }

    // --- API tokens ----------------------------------------------------------------------------------

    public long createToken(long accountId, String name, byte[] hash, String scope, OffsetDateTime expiresAt) {
        return insert("insert into api_token (account_id, name, token_hash, scope, expires_at) values (?, ?, ?, ?, ?) returning id",
                accountId, name, hash, scope, expiresAt);
    }

    public Optional<Token> token(byte[] hash) {
        return one("select t.id, a.id, a.username, a.site_admin, t.scope, t.last_used_at from api_token t join account a on a.id = t.account_id"
                        + " where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())",
                rs -> new Token(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getString(5), time(rs, 6)), hash);
    }

    public void touchToken(long tokenId) {
        update("update api_token set last_used_at = now() where id = ?", tokenId);
    }

    public List<TokenInfo> tokens(long accountId) {
        return list("select id, name, scope, created_at, expires_at, last_used_at, revoked_at from api_token where account_id = ? order by id desc",
                rs -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), time(rs, 4), time(rs, 5), time(rs, 6), time(rs, 7)),
                accountId);
    }

    /** Revokes one of the account's own tokens; false when it has no such token. */
    public boolean revokeToken(long accountId, long tokenId) {
        return update("update api_token set revoked_at = coalesce(revoked_at, now()) where id = ? and account_id = ?", tokenId, accountId) == 1;
    }

    // --- share links ---------------------------------------------------------------------------------

    public long createShare(long sweepId, byte[] hash, String label, long createdBy, OffsetDateTime expiresAt) {
        return insert("insert into share_link (sweep_id, token_hash, label, created_by, expires_at) values (?, ?, ?, ?, ?) returning id",
                sweepId, hash, label, createdBy, expiresAt);
    }

    public Optional<Share> share(byte[] hash) {
        return one("select id, sweep_id from share_link where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > now())",
                rs -> new Share(rs.getLong(1), rs.getLong(2)), hash);
    }

    public List<ShareInfo> shares(long sweepId) {
        return list("select s.id, s.label, a.username, s.created_at, s.expires_at, s.revoked_at from share_link s"
                        + " left join account a on a.id = s.created_by where s.sweep_id = ? order by s.id desc",
                rs -> new ShareInfo(rs.getLong(1), rs.getString(2), rs.getString(3), time(rs, 4), time(rs, 5), time(rs, 6)), sweepId);
    }

    public boolean revokeShare(long sweepId, long shareId) {
        return update("update share_link set revoked_at = coalesce(revoked_at, now()) where id = ? and sweep_id = ?", shareId, sweepId) == 1;
    }

    // --- teams, members, projects ------------------------------------------------------------------------

    public Optional<Role> role(long teamId, long accountId) {
        return one("select role from membership where team_id = ? and account_id = ?", rs -> Role.parse(rs.getString(1)).orElseThrow(),
                teamId, accountId);
    }

    public List<TeamMembership> memberships(long accountId) {
        List<TeamMembership> teams = list("select t.id, t.name, m.role from membership m join team t on t.id = m.team_id"
                        + " where m.account_id = ? order by lower(t.name)",
                rs -> new TeamMembership(rs.getLong(1), rs.getString(2), Role.parse(rs.getString(3)).orElseThrow(), new ArrayList<>()), accountId);
        List<Project> projects = list("select p.id, p.team_id, p.name from project p join membership m on m.team_id = p.team_id"
                + " where m.account_id = ? order by lower(p.name)", rs -> new Project(rs.getLong(1), rs.getLong(2), rs.getString(3)), accountId);
        for (Project p : projects) {
            teams.stream().filter(t -> t.teamId() == p.teamId()).findFirst().ifPresent(t -> t.projects().add(p));
        }
        return teams;
    }

    public Optional<Long> teamByName(String name) {
        return one("select id from team where lower(name) = lower(?)", rs -> rs.getLong(1), name);
    }

    public Optional<String> teamName(long teamId) {
        return one("select name from team where id = ?", rs -> rs.getString(1), teamId);
    }

    /** A new team with its creator as admin and a first project named 'default'. */
    @Transactional
    public long createTeam(String name, long creator) {
        long team = insert("insert into team (name) values (?) returning id", name);
        update("insert into membership (team_id, account_id, role) values (?, ?, 'admin')", team, creator);
        update("insert into project (team_id, name) values (?, 'default')", team);
        return team;
    }

    public List<Member> members(long teamId) {
        return list("select a.username, m.role, m.created_at from membership m join account a on a.id = m.account_id"
                        + " where m.team_id = ? order by lower(a.username)",
                rs -> new Member(rs.getString(1), Role.parse(rs.getString(2)).orElseThrow(), time(rs, 3)), teamId);
    }

    public void setMember(long teamId, long accountId, Role role) {
        update("insert into membership (team_id, account_id, role) values (?, ?, ?)"
                + " on conflict (team_id, account_id) do update set role = excluded.role", teamId, accountId, role.id());
    }

    public boolean removeMember(long teamId, long accountId) {
        return update("delete from membership where team_id = ? and account_id = ?", teamId, accountId) == 1;
    }

    public long admins(long teamId) {
        return one("select count(*) from membership where team_id = ? and role = 'admin'", rs -> rs.getLong(1), teamId).orElse(0L);
    }

    public Optional<Project> project(long projectId) {
        return one("select id, team_id, name from project where id = ?", rs -> new Project(rs.getLong(1), rs.getLong(2), rs.getString(3)), projectId);
    }

    public Optional<Project> project(long teamId, String name) {
        return one("select id, team_id, name from project where team_id = ? and lower(name) = lower(?)",
                rs -> new Project(rs.getLong(1), rs.getLong(2), rs.getString(3)), teamId, name);
    }

    public long createProject(long teamId, String name) {
        return insert("insert into project (team_id, name) values (?, ?) returning id", teamId, name);
    }

    public void renameProject(long projectId, String name) {
        update("update project set name = ? where id = ?", name, projectId);
    }

    public long sweepsInProject(long projectId) {
        return one("select count(*) from sweep where project_id = ?", rs -> rs.getLong(1), projectId).orElse(0L);
    }

    /** Deletes the project only while it holds no sweep and no dataset (nothing a user stored goes with it); true if deleted. */
    public boolean deleteEmptyProject(long projectId) {
        return update("delete from project p where p.id = ? and not exists (select 1 from sweep s where s.project_id = p.id)"
                + " and not exists (select 1 from dataset d where d.project_id = p.id)", projectId) == 1;
    }

    public long datasetsInProject(long projectId) {
        return one("select count(*) from dataset where project_id = ?", rs -> rs.getLong(1), projectId).orElse(0L);
    }

    /** The projects of every team the account belongs to (what it may see). */
    public List<Long> visibleProjects(long accountId) {
        return list("select p.id from project p join membership m on m.team_id = p.team_id where m.account_id = ?", rs -> rs.getLong(1), accountId);
    }

    /** The projects the account may launch sweeps in (editor or admin of the team). */
    public List<Project> launchableProjects(long accountId) {
        return list("select p.id, p.team_id, p.name from project p join membership m on m.team_id = p.team_id"
                        + " where m.account_id = ? and m.role in ('editor', 'admin') order by p.id",
                rs -> new Project(rs.getLong(1), rs.getLong(2), rs.getString(3)), accountId);
    }

    public Optional<SweepPlace> sweepPlace(long sweepId) {
        return one("select s.id, s.project_id, p.team_id, s.created_by from sweep s join project p on p.id = s.project_id where s.id = ?",
                rs -> new SweepPlace(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Long) rs.getObject(4)), sweepId);
    }

    public Optional<Long> sweepOfTrial(long trialId) {
        return one("select sweep_id from trial where id = ?", rs -> rs.getLong(1), trialId);
    }

    public Optional<String> username(long accountId) {
        return one("select username from account where id = ?", rs -> rs.getString(1), accountId);
    }

    // --- audit ---------------------------------------------------------------------------------------

    public void audit(Long accountId, String actor, String action, String targetType, Long targetId, Long teamId, String detail) {
        update("insert into audit_event (account_id, actor, action, target_type, target_id, team_id, detail) values (?, ?, ?, ?, ?, ?, ?)",
                accountId, actor, action, targetType, targetId, teamId, detail);
    }

    public List<AuditEvent> auditOfTeam(long teamId, int page, int size) {
        return list("select id, at, actor, action, target_type, target_id, team_id, detail from audit_event where team_id = ?"
                + " order by at desc, id desc limit ? offset ?", AccessStore::auditEvent, teamId, size, (long) page * size);
    }

    public long auditCountOfTeam(long teamId) {
        return one("select count(*) from audit_event where team_id = ?", rs -> rs.getLong(1), teamId).orElse(0L);
    }

    public List<AuditEvent> auditOfSweep(long sweepId) {
        return list("select id, at, actor, action, target_type, target_id, team_id, detail from audit_event"
                + " where target_type = 'sweep' and target_id = ? order by at desc, id desc limit 500", AccessStore::auditEvent, sweepId);
    }

    private static AuditEvent auditEvent(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong(1), time(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5), (Long) rs.getObject(6),
                (Long) rs.getObject(7), rs.getString(8));
    }

    // --- JDBC chores ---------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static OffsetDateTime time(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : OffsetDateTime.ofInstant(value.toInstant(), ZoneOffset.UTC);
    }

    private <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> rows = list(sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    private long insert(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElseThrow();
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof OffsetDateTime time) {
                s.setTimestamp(i + 1, Timestamp.from(time.toInstant()));
            } else if (arg instanceof Instant instant) {
                s.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                s.setObject(i + 1, arg);
            }
        }
    }
}
