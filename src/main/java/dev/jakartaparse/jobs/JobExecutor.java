package dev.jakartaparse.jobs;

import dev.jakartaparse.cloud.JobRequest;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.ParseException;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs jobs on the container's asynchronous EJB threads, so that the request that started one
 * answers at once, and records how each run ended.
 */
@Stateless
public class JobExecutor {
    private static final Logger LOG = Logger.getLogger(JobExecutor.class.getName());

    @Inject
    CloudCode cloud;

    @Inject
    JobStatusLog statusLog;

    @Inject
    ParseConfig config;

    @Asynchronous
    public void execute(String jobName, String statusId, Map<String, Object> params) {
        JobRequest request = new JobRequest(jobName, statusId, params, message -> statusLog.message(statusId, message));
        try {
            Object result = cloud.runJob(request);
            statusLog.succeeded(statusId, result);
        } catch (ParseException e) {
            statusLog.failed(statusId, e.clientMessage(config.enableSanitizedErrorResponse()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Job " + jobName + " (" + statusId + ") failed", e);
            statusLog.failed(statusId, e.getMessage());
        }
    }
}
