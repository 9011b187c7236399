/**
 * Cloud Code jobs: starting a run, running it in the background on the container's asynchronous EJB
 * threads, its {@code _JobStatus} record, and the timer that runs the schedules Parse Dashboard keeps
 * in {@code _JobSchedule}, each due run claimed atomically so that it happens once however many
 * servers share the database.
 *
 * <p>May depend on {@code model}, {@code cloud} and {@code cloud.runtime} ({@code CloudCode} runs the
 * job), {@code core.schema}, {@code core.json}, the storage SPI (status and schedules are read and
 * written through it directly) and EJB. The core never imports jobs (ArchitectureTest).
 *
 * <p>Differs from Parse Server, which stores schedules but never runs them (an outside runner must):
 * here every server checks them every five seconds. Missed runs are not caught up.
 */
package dev.jakartaparse.jobs;
