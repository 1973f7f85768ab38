package org.symsweep.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.symsweep.sweep.SweepState;

/** A stored sweep: the user's spec document exactly as sent, and the sweep's state. */
@Entity
@Table(name = "sweep")
public class Sweep extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sweep_id")
    @SequenceGenerator(name = "sweep_id", sequenceName = "sweep_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String name;

    /** The project (and through it the team) the sweep belongs to. */
    @Column(name = "project_id", nullable = false)
    public Long projectId;

    /** The account that launched it; null for sweeps stored before accounts existed. */
    @Column(name = "created_by")
    public Long createdBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public JsonNode spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public SweepState state;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** From the spec's limits, kept as columns because scheduling reads them at every trial's end. */
    @Column(name = "max_parallel", nullable = false)
    public int maxParallel;

    @Column(nullable = false)
    public int retries;

    /** A race for tied configurations (see RacingSpec): null or a zero budget when none runs. */
    @Column(name = "race_seeds_per_round")
    public Integer raceSeedsPerRound;

    @Column(name = "race_budget")
    public Integer raceBudget;

    @Column(name = "race_confidence")
    public Double raceConfidence;

    @Column(name = "race_rounds", nullable = false)
    public int raceRounds;

    @Version
    public long version;
}
