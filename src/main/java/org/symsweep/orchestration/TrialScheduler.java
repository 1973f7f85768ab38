package org.symsweep.orchestration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.symsweep.store.TrialStore;

/**
 * Hands trials to Quartz. Each queued trial is one job in the clustered PostgreSQL job store, keyed by trial
 * and attempt and asking for recovery, so any node may run it and a dead node's job runs again elsewhere.
 * Jobs are scheduled in the same transaction that marks their trials QUEUED (the job store is
 * container-managed): a trial is queued exactly when its job exists.
 */
@ApplicationScoped
public class TrialScheduler {
    static final String GROUP = "trials";

    private final Scheduler quartz;
    private final TrialStore trials;

    public TrialScheduler(Scheduler quartz, TrialStore trials) {
        this.quartz = quartz;
        this.trials = trials;
    }

    /** Queues as many of the sweep's planned trials as its parallel limit allows; returns how many. */
    @Transactional
    public int dispatch(long sweepId) {
        return dispatch(sweepId, false);
    }

    /** The same after a trial ended: {@code batched} tops the queue up in larger, rarer steps (see TrialStore). */
    @Transactional
    public int dispatch(long sweepId, boolean batched) {
        List<TrialStore.Queued> queued = trials.queueNext(sweepId, batched);
        for (TrialStore.Queued trial : queued) {
            schedule(trial, Duration.ZERO);
        }
        return queued.size();
    }

    /** Schedules the job of a trial already marked QUEUED in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(TrialStore.Queued trial, Duration delay) {
        JobDetail job = JobBuilder.newJob(TrialJob.class)
                .withIdentity(key(trial))
                .usingJobData(TrialJob.TRIAL, Long.toString(trial.trialId()))
                .usingJobData(TrialJob.ATTEMPT, Integer.toString(trial.attempt()))
                .requestRecovery(true)
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key(trial).getName(), GROUP)
                .startAt(new Date(System.currentTimeMillis() + delay.toMillis()))
                // A trial whose time passed while every node was down still runs, as soon as one is up.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            quartz.scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule trial " + trial.trialId() + " attempt " + trial.attempt(), e);
        }
    }

    /** Removes the jobs of trials that were un-queued (paused or cancelled); a job already running is not affected. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unschedule(List<TrialStore.Queued> unqueued) {
        try {
            quartz.deleteJobs(unqueued.stream().map(TrialScheduler::key).toList());
        } catch (SchedulerException e) {
            // A leftover job is harmless: it finds its trial no longer queued and ends without running it.
            throw new IllegalStateException("could not remove the jobs of " + unqueued.size() + " trials", e);
        }
    }

    static JobKey key(TrialStore.Queued trial) {
        return new JobKey("trial-" + trial.trialId() + "-attempt-" + trial.attempt(), GROUP);
    }

    /** Back-off before the retry that follows the given number of failures: base, 2 x base, 4 x base, ... up to max. */
    public static Duration backoff(int failures, Duration base, Duration max) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = base.toMillis() << doublings;
        return millis < 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
