package dev.jakartaparse.jobs;

import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Starts a job run: records it in _JobStatus, hands it to {@link JobExecutor} to run in the
 * background, and returns the status objectId at once (the X-Parse-Job-Status-Id header).
 */
@ApplicationScoped
public class JobLauncher {
    /** _JobStatus.source of runs started by POST /jobs, as Parse Server records them. */
    public static final String SOURCE_API = "api";
    /** _JobStatus.source of runs started by a _JobSchedule. */
    public static final String SOURCE_SCHEDULE = "schedule";

    @Inject
    CloudCode cloud;

    @Inject
    JobStatusLog statusLog;

    @Inject
    JobExecutor executor;

    /** 141 "Invalid job." when no job of that name is deployed. */
    public String start(String jobName, Map<String, Object> params, String source) {
        if (jobName == null || !cloud.jobNames().contains(jobName)) {
            throw new ParseException(ParseError.SCRIPT_FAILED, "Invalid job.");
        }
        String statusId = statusLog.running(jobName, source);
        executor.execute(jobName, statusId, params);
        return statusId;
    }
}
