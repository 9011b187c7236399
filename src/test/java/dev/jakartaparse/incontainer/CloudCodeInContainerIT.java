package dev.jakartaparse.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.cloud.CloudLog;
import dev.jakartaparse.cloud.ServerApi;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.CloudTriggerInterceptor;
import dev.jakartaparse.cloud.runtime.Webhooks;
import dev.jakartaparse.core.spi.CloudTriggers;
import dev.jakartaparse.core.system.ExpiredRecordsCleaner;
import dev.jakartaparse.examples.ExampleCloudCode;
import dev.jakartaparse.jobs.JobLauncher;
import dev.jakartaparse.jobs.ScheduledJobs;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What only the container shows, checked inside it (Arquillian deploys the test WAR, with the
 * example Cloud Code, to a Liberty server of its own): the interceptor that runs triggers is bound
 * to the pipelines and runs them in order around the write, Cloud Code lives in the scopes it is
 * meant to, and the EJB timers fire.
 */
@ExtendWith(ArquillianExtension.class)
class CloudCodeInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(ZipImporter.class, "incontainer.war")
                .importFrom(new File("target/it-war/parse-server.war"))
                .as(WebArchive.class)
                .addClass(CloudCodeInContainerIT.class);
    }

    @Inject
    BeanManager beans;

    @Inject
    ServerApi api;

    @EJB
    ExpiredRecordsCleaner cleaner;

    @Test
    void theTriggerInterceptorIsBoundToThePipelines() {
        List<Interceptor<?>> interceptors =
                beans.resolveInterceptors(InterceptionType.AROUND_INVOKE, new AnnotationLiteral<CloudTriggers>() {});
        assertEquals(1, interceptors.size());
        assertEquals(CloudTriggerInterceptor.class, interceptors.get(0).getBeanClass());
    }

    @Test
    void beforeSaveRunsBeforeTheWriteAndAfterSaveAfterIt() {
        // The example's beforeSave caps scores at 1000, its afterSave counts saves per objectId.
        ServerApi.Caller master = api.asMaster();
        Map<String, Object> created = master.save("CloudScore", Map.of("score", 5000, "name", "in-container"));
        String id = (String) created.get("objectId");
        assertEquals(
                1000,
                ((Number) master.get("CloudScore", id).get("score")).intValue(),
                "saved as the trigger changed it");
        assertEquals(
                1,
                ((Number) master.run("afterSaveCount", Map.of("id", id))).intValue(),
                "afterSave saw the new objectId");
        master.save("CloudScore", Map.of("objectId", id, "score", 7));
        // One and the same application-scoped Cloud Code bean counted both saves.
        assertEquals(2, ((Number) master.run("afterSaveCount", Map.of("id", id))).intValue());

        ParseException refused = assertThrows(
                ParseException.class,
                () -> master.save("CloudScore", Map.of("score", -1, "name", "refused-in-container")));
        assertEquals(142, refused.code());
        assertEquals(
                0, master.count("CloudScore", Map.of("name", "refused-in-container")), "a refused save writes nothing");
    }

    @Test
    void cloudCodeServicesAreApplicationScoped() {
        for (Class<?> type : List.of(
                CloudCode.class,
                ServerApi.class,
                Webhooks.class,
                CloudLog.class,
                JobLauncher.class,
                ExampleCloudCode.class)) {
            assertEquals(
                    ApplicationScoped.class, beans.resolve(beans.getBeans(type)).getScope(), type.getName());
        }
    }

    @Test
    void theScheduleTimerRunsADueJob() throws InterruptedException {
        ServerApi.Caller master = api.asMaster();
        String tag = "arq-" + ObjectIds.newObjectId();
        master.save(
                "_JobSchedule",
                Map.of("jobName", "recordRun", "params", "{\"tag\":\"" + tag + "\"}", "startAfter", ObjectIds.now()));
        long end = System.currentTimeMillis() + 15_000;
        List<Map<String, Object>> runs = List.of();
        while (runs.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            runs = master.find("_JobStatus", Map.of("message", "recorded " + tag));
        }
        assertEquals(
                1, runs.size(), "the EJB timer of " + ScheduledJobs.class.getSimpleName() + " ran the job within 15 s");
        assertEquals("schedule", runs.get(0).get("source"));
    }

    @Test
    void theCleanerDeletesExpiredSessionsOnly() {
        ServerApi.Caller master = api.asMaster();
        Map<String, Object> user = Map.of("__type", "Pointer", "className", "_User", "objectId", "arqUser001");
        String expired = (String) master.save(
                        "_Session",
                        Map.of(
                                "sessionToken",
                                "r:arq-expired-" + ObjectIds.newObjectId(),
                                "user",
                                user,
                                "expiresAt",
                                ObjectIds.date(Instant.now().minusSeconds(60))))
                .get("objectId");
        String live = (String) master.save(
                        "_Session",
                        Map.of(
                                "sessionToken",
                                "r:arq-live-" + ObjectIds.newObjectId(),
                                "user",
                                user,
                                "expiresAt",
                                ObjectIds.date(Instant.now().plusSeconds(3600))))
                .get("objectId");
        cleaner.deleteExpiredRecords();
        List<Map<String, Object>> left =
                master.find("_Session", Map.of("objectId", Map.of("$in", List.of(expired, live))));
        assertEquals(1, left.size());
        assertTrue(live.equals(left.get(0).get("objectId")));
    }
}
