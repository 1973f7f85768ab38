package org.symsweep.orchestration;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one trial attempt. Its data are strings (the JDBC store keeps them as properties): the
 * trial id and the attempt it starts. The class name is stored with every job: do not rename or move it.
 */
@Dependent
public class TrialJob implements Job {
    static final String TRIAL = "trial";
    static final String ATTEMPT = "attempt";

    @Inject
    TrialWorker worker;

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        long trialId = Long.parseLong(data.getString(TRIAL));
        int attempt = Integer.parseInt(data.getString(ATTEMPT));
        worker.run(trialId, attempt, context.isRecovering());
    }
}
