package dev.jakartaparse.cloud;

import java.util.Map;
import java.util.function.Consumer;

/**
 * What a job receives: its name, the objectId of its {@code _JobStatus} record, its params, and
 * {@link #message(String)} to report progress there (Parse Dashboard shows it while the job runs).
 */
public final class JobRequest {
    private final String jobName;
    private final String jobId;
    private final Map<String, Object> params;
    private final Consumer<String> progress;

    public JobRequest(String jobName, String jobId, Map<String, Object> params, Consumer<String> progress) {
        this.jobName = jobName;
        this.jobId = jobId;
        this.params = params;
        this.progress = progress;
    }

    public String jobName() {
        return jobName;
    }

    /** The objectId of this run's _JobStatus. */
    public String jobId() {
        return jobId;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** Jobs run with the master key, as in Parse Server. */
    public boolean master() {
        return true;
    }

    /** Sets the run's status message; null or blank messages are ignored, as in Parse Server. */
    public void message(String message) {
        if (message != null && !message.isEmpty()) {
            progress.accept(message);
        }
    }
}
