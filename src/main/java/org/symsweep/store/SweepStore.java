package org.symsweep.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.symsweep.sweep.PlannedTrial;
import org.symsweep.sweep.SweepSpec;
import org.symsweep.sweep.SweepState;
import org.symsweep.sweep.TrialPlanner;
import org.symsweep.sweep.TrialState;

/** Stores sweeps with their planned trials, and answers the reads the API makes of them. */
@ApplicationScoped
public class SweepStore {
    private final EntityManager entityManager;

    public SweepStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores the sweep and all its planned trials in one transaction: either all of it exists or none. */
    @Transactional
    public Sweep create(SweepSpec spec, JsonNode document, long projectId, Long createdBy) {
        holdDataset(spec);
        OffsetDateTime now = OffsetDateTime.now();
        Sweep sweep = new Sweep();
        sweep.name = spec.name();
        sweep.projectId = projectId;
        sweep.createdBy = createdBy;
        sweep.spec = document;
        sweep.state = SweepState.RUNNING;
        sweep.maxParallel = spec.limits().maxParallel();
        sweep.retries = spec.limits().retries();
        spec.racing().ifPresent(race -> {
            sweep.raceSeedsPerRound = race.seedsPerRound();
            sweep.raceBudget = race.budget();
            sweep.raceConfidence = race.confidence();
        });
        sweep.createdAt = now;
        sweep.updatedAt = now;
        sweep.persist();
        persistTrials(sweep, TrialPlanner.plan(spec), Set.of(), now);
        entityManager.flush();
        return Sweep.findById(sweep.id);
    }

    /**
     * Holds the sweep's dataset (if it names one) until this transaction ends. A dataset is deleted only under a
     * row lock and only while no planned trial uses it: a delete that went first leaves no row here (refused), one
     * that comes later waits for this transaction and then sees its trials.
     */
    private void holdDataset(SweepSpec spec) {
        spec.benchmark().datasetId().ifPresent(datasetId -> {
            List<?> held = entityManager.createNativeQuery("select id from dataset where id = ?1 for share")
                    .setParameter(1, datasetId).getResultList();
            if (held.isEmpty()) {
                throw new org.symsweep.sweep.InvalidSpecException(List.of(new org.symsweep.sweep.FieldError("benchmark.dataset",
                        "the dataset '" + spec.benchmark().dataset().orElse("") + "' has been deleted")));
            }
        });
    }

    /**
     * Extends a sweep to a wider spec (more seeds, values or conditions): stores the new spec and plans only
     * the trials it did not have; the trials it had, with their results, stay as they are. A sweep that had
     * ended runs again. Returns how many trials were added, or empty for an unknown or cancelled sweep.
     */
    @Transactional
    public Optional<Integer> extend(long id, SweepSpec spec, JsonNode document) {
        Sweep sweep = entityManager.find(Sweep.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (sweep == null || sweep.state == SweepState.CANCELLED) {
            return Optional.empty();
        }
        holdDataset(spec);
        Set<String> existing = new HashSet<>(entityManager.createQuery(
                        "select concat(t.variant, '/', t.paramsHash, '/', t.conditionHash, '/', t.seed) from Trial t where t.sweep.id = :id",
                        String.class)
                .setParameter("id", id)
                .getResultList());
        OffsetDateTime now = OffsetDateTime.now();
        sweep.spec = document;
        sweep.name = spec.name();
        sweep.maxParallel = spec.limits().maxParallel();
        sweep.retries = spec.limits().retries();
        sweep.updatedAt = now;
        int added = persistTrials(sweep, TrialPlanner.plan(spec), existing, now);
        sweep = entityManager.find(Sweep.class, id); // the planning may have cleared the persistence context
        if (added > 0 && sweep.state.ended()) {
            sweep.state = SweepState.RUNNING;
            sweep.finishedAt = null;
        }
        entityManager.flush();
        return Optional.of(added);
    }

    private int persistTrials(Sweep sweep, List<PlannedTrial> plan, Set<String> existing, OffsetDateTime now) {
        long sweepId = sweep.id;
        int added = 0;
        for (PlannedTrial planned : plan) {
            String key = planned.variant().id() + "/" + planned.paramsHash() + "/" + planned.conditionHash() + "/" + planned.seed();
            if (existing.contains(key)) {
                continue;
            }
            Trial trial = new Trial();
            trial.sweep = sweep;
            trial.variant = planned.variant().id();
            trial.params = planned.params();
            trial.paramsHash = planned.paramsHash();
            trial.condition = planned.condition();
            trial.conditionHash = planned.conditionHash();
            trial.seed = planned.seed();
            trial.state = TrialState.PLANNED;
            trial.createdAt = now;
            entityManager.persist(trial);
            // Keep the persistence context small when a sweep plans thousands of trials.
            if (++added % 500 == 0) {
                entityManager.flush();
                entityManager.clear();
                sweep = entityManager.getReference(Sweep.class, sweepId);
            }
        }
        return added;
    }

    /** A page of the sweeps in the given projects, newest first. */
    @Transactional
    public List<Sweep> page(Collection<Long> projectIds, int page, int size) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return Sweep.find("projectId in ?1", Sort.descending("createdAt").and("id", Sort.Direction.Descending), projectIds)
                .page(Page.of(page, size))
                .list();
    }

    @Transactional
    public long count(Collection<Long> projectIds) {
        return projectIds.isEmpty() ? 0 : Sweep.count("projectId in ?1", projectIds);
    }

    @Transactional
    public Optional<Sweep> find(long id) {
        return Sweep.findByIdOptional(id);
    }

    /** How many of a sweep's trials are in each state; states with no trial count 0. */
    @Transactional
    public Map<TrialState, Long> trialCounts(long sweepId) {
        return trialCounts(List.of(sweepId)).get(sweepId);
    }

    /** The same for several sweeps in one query, for list pages. */
    @Transactional
    public Map<Long, Map<TrialState, Long>> trialCounts(Collection<Long> sweepIds) {
        Map<Long, Map<TrialState, Long>> bySweep = new HashMap<>();
        for (Long id : sweepIds) {
            Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
            for (TrialState state : TrialState.values()) {
                counts.put(state, 0L);
            }
            bySweep.put(id, counts);
        }
        if (sweepIds.isEmpty()) {
            return bySweep;
        }
        // Plain SQL so that PostgreSQL counts from the (sweep, state) index alone.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select sweep_id, state, count(*) from trial where sweep_id = any(?1) group by sweep_id, state")
                .setParameter(1, sweepIds.toArray(Long[]::new))
                .getResultList();
        for (Object[] row : rows) {
            bySweep.get(((Number) row[0]).longValue()).put(TrialState.valueOf((String) row[1]), ((Number) row[2]).longValue());
        }
        return bySweep;
    }

    /**
     * The best single succeeded objective of each sweep so far (max when {@code maximize} says so for the sweep,
     * else min), for list pages; sweeps without a succeeded trial are absent.
     */
    @Transactional
    public Map<Long, Double> bestObjectives(Collection<Long> sweepIds, java.util.function.LongPredicate maximize) {
        Map<Long, Double> best = new HashMap<>();
        if (sweepIds.isEmpty()) {
            return best;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select sweep_id, max(objective), min(objective) from trial where sweep_id = any(?1) and state = 'SUCCEEDED'"
                                + " and objective is not null group by sweep_id")
                .setParameter(1, sweepIds.toArray(Long[]::new))
                .getResultList();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            best.put(id, ((Number) (maximize.test(id) ? row[1] : row[2])).doubleValue());
        }
        return best;
    }

    /**
     * Deletes a sweep with its trials and metrics unless one of its trials is queued or running.
     * The row lock keeps a trial from being queued while the delete decides.
     */
    @Transactional
    public DeleteOutcome delete(long id) {
        Sweep sweep = entityManager.find(Sweep.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (sweep == null) {
            return DeleteOutcome.NOT_FOUND;
        }
        long busy = Trial.count("sweep.id = ?1 and state in ?2", id, List.of(TrialState.QUEUED, TrialState.RUNNING));
        if (busy > 0) {
            return DeleteOutcome.BUSY;
        }
        // The foreign keys cascade to trials and their metrics inside the database.
        entityManager.createNativeQuery("delete from sweep where id = ?1").setParameter(1, id).executeUpdate();
        return DeleteOutcome.DELETED;
    }

    public enum DeleteOutcome {
        DELETED,
        NOT_FOUND,
        BUSY
    }
}
