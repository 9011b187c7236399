package dev.jakartaparse.jobs;

import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.core.system.SystemStore;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the jobs scheduled in {@code _JobSchedule} (Parse Dashboard's "Schedule a job"). Every five
 * seconds each server looks for due schedules and claims each due slot with one atomic
 * findOneAndUpdate on {@code lastRun}: of several servers on one database exactly one wins and runs
 * the job; the state lives in the database, so a restart loses nothing.
 */
@Singleton
@Startup
public class ScheduledJobs {
    private static final Logger LOG = Logger.getLogger(ScheduledJobs.class.getName());

    @Inject
    SystemStore store;

    @Inject
    CloudCode cloud;

    @Inject
    JobLauncher launcher;

    /** Schedules already reported as unusable, so that the log says it once, not every five seconds. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void runDueJobs() {
        try {
            Instant now = Instant.now();
            for (Map<String, Object> stored : store.jobSchedules()) {
                runIfDue(stored, now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not check the job schedules; will try again in five seconds", e);
        }
    }

    private void runIfDue(Map<String, Object> stored, Instant now) {
        String id = String.valueOf(stored.get("objectId"));
        JobSchedule schedule;
        try {
            schedule = JobSchedule.from(stored);
        } catch (IllegalArgumentException e) {
            reportOnce(id, "Job schedule " + id + " cannot run: " + e.getMessage());
            return;
        }
        Optional<Instant> slot = schedule.dueSlot(now);
        if (slot.isEmpty()) {
            return;
        }
        if (schedule.jobName() == null || !cloud.jobNames().contains(schedule.jobName())) {
            reportOnce(id, "Job schedule " + id + " names job \"" + schedule.jobName() + "\", which is not deployed");
            return;
        }
        if (claim(schedule, slot.get())) {
            launcher.start(schedule.jobName(), schedule.paramsMap(), JobLauncher.SOURCE_SCHEDULE);
        }
    }

    /** Moves lastRun from what we read to this slot; false when another server did it first. */
    private boolean claim(JobSchedule schedule, Instant slot) {
        return store.claimScheduledRun(schedule.objectId(), schedule.lastRun(), slot.toEpochMilli());
    }

    private void reportOnce(String id, String message) {
        if (reported.add(id + message)) {
            LOG.warning(message);
        }
    }
}
