package org.symsweep.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.symsweep.sweep.TrialState;

/** One planned (variant, configuration, condition, seed) trial of a sweep, with its run state. */
@Entity
@Table(name = "trial")
public class Trial extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "trial_id")
    @SequenceGenerator(name = "trial_id", sequenceName = "trial_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "sweep_id")
    public Sweep sweep;

    /** The variant's spec name (clip, symile, gated-symile). */
    @Column(nullable = false, length = 16)
    public String variant;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> params;

    @Column(name = "params_hash", nullable = false, length = 64)
    public String paramsHash;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> condition;

    @Column(name = "condition_hash", nullable = false, length = 64)
    public String conditionHash;

    @Column(nullable = false)
    public long seed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TrialState state;

    @Column(nullable = false)
    public int attempt;

    /** Failed attempts so far; they count against the sweep's retry limit (crashed nodes' attempts do not). */
    @Column(nullable = false)
    public int failures;

    public String node;
    public String device;
    public Double objective;

    @Column(name = "queued_at")
    public OffsetDateTime queuedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    public String error;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
