package dev.jakartaparse.examples;

import dev.jakartaparse.cloud.AfterDelete;
import dev.jakartaparse.cloud.AfterDeleteFile;
import dev.jakartaparse.cloud.AfterFind;
import dev.jakartaparse.cloud.AfterLiveQueryEvent;
import dev.jakartaparse.cloud.AfterLogin;
import dev.jakartaparse.cloud.AfterLogout;
import dev.jakartaparse.cloud.AfterSave;
import dev.jakartaparse.cloud.AfterSaveFile;
import dev.jakartaparse.cloud.BeforeConnect;
import dev.jakartaparse.cloud.BeforeDelete;
import dev.jakartaparse.cloud.BeforeDeleteFile;
import dev.jakartaparse.cloud.BeforeFind;
import dev.jakartaparse.cloud.BeforeLogin;
import dev.jakartaparse.cloud.BeforeSave;
import dev.jakartaparse.cloud.BeforeSaveFile;
import dev.jakartaparse.cloud.BeforeSubscribe;
import dev.jakartaparse.cloud.CloudFunction;
import dev.jakartaparse.cloud.CloudLog;
import dev.jakartaparse.cloud.ConnectRequest;
import dev.jakartaparse.cloud.DeleteRequest;
import dev.jakartaparse.cloud.FileRequest;
import dev.jakartaparse.cloud.FindRequest;
import dev.jakartaparse.cloud.FunctionRequest;
import dev.jakartaparse.cloud.Job;
import dev.jakartaparse.cloud.JobRequest;
import dev.jakartaparse.cloud.LiveQueryEventRequest;
import dev.jakartaparse.cloud.LoginRequest;
import dev.jakartaparse.cloud.LogoutRequest;
import dev.jakartaparse.cloud.SaveRequest;
import dev.jakartaparse.cloud.ServerApi;
import dev.jakartaparse.cloud.SubscribeRequest;
import dev.jakartaparse.cloud.Validator;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Cloud Code the black-box tests run against (built into the test server's WAR only, never
 * into the product): a function, a beforeSave that edits and one that rejects, an afterSave and
 * delete triggers, written the way an application writes its own.
 */
@ApplicationScoped
public class ExampleCloudCode {
    private final Map<String, Integer> afterSaves = new ConcurrentHashMap<>();
    private final Map<String, List<String>> jobRuns = new ConcurrentHashMap<>();
    private final List<String> fileEvents = new CopyOnWriteArrayList<>();

    @Inject
    ServerApi api;

    @Inject
    CloudLog log;

    private final Map<String, Integer> logins = new ConcurrentHashMap<>();
    private final Map<String, Integer> logouts = new ConcurrentHashMap<>();

    /** Banned users cannot log in. */
    @BeforeLogin
    void refuseBanned(LoginRequest req) {
        if (String.valueOf(req.user().get("username")).startsWith("banned_")) {
            throw new ParseException(101, "this user is banned");
        }
    }

    @AfterLogin
    void countLogin(LoginRequest req) {
        logins.merge(String.valueOf(req.user().get("objectId")), 1, Integer::sum);
    }

    @AfterLogout
    void countLogout(LogoutRequest req) {
        if (req.session().get("user") instanceof Map<?, ?> user) {
            logouts.merge(String.valueOf(user.get("objectId")), 1, Integer::sum);
        }
    }

    @CloudFunction("sessionCounts")
    public Map<String, Object> sessionCounts(FunctionRequest req) {
        String id = String.valueOf(req.params().get("id"));
        return Map.of("logins", logins.getOrDefault(id, 0), "logouts", logouts.getOrDefault(id, 0));
    }

    @CloudFunction("hello")
    public Map<String, Object> hello(FunctionRequest req) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("greeting", "Hello " + req.params().getOrDefault("name", "world") + "!");
        out.put("user", req.userId());
        out.put("master", req.master());
        return out;
    }

    @CloudFunction(value = "whoami", requireUser = true)
    public String whoami(FunctionRequest req) {
        return req.userId();
    }

    /** No result: the client gets {} and the SDK undefined. */
    @CloudFunction("noResult")
    public void noResult(FunctionRequest req) {}

    /** An empty Optional is no result too; a present one is the result. */
    @CloudFunction("maybeResult")
    public Optional<String> maybeResult(FunctionRequest req) {
        return Optional.ofNullable((String) req.params().get("say"));
    }

    /** null is a result: {"result":null}. */
    @CloudFunction("nullResult")
    public Object nullResult(FunctionRequest req) {
        return null;
    }

    @CloudFunction(value = "adminOnly", requireMaster = true)
    public int adminOnly(FunctionRequest req) {
        return 42;
    }

    @CloudFunction("fails")
    public Object fails(FunctionRequest req) {
        if (Boolean.TRUE.equals(req.params().get("parse"))) {
            throw new ParseException(177, "custom failure");
        }
        throw new IllegalStateException("something broke");
    }

    /**
     * A job that reports progress, may take its time, and leaves a trace per tag on this server
     * (read back with the function jobRuns), so tests can count where and how often it ran.
     */
    @Job("recordRun")
    public String recordRun(JobRequest req) throws InterruptedException {
        String tag = String.valueOf(req.params().get("tag"));
        req.message("working on " + tag);
        if (req.params().get("sleepMillis") instanceof Number n) {
            Thread.sleep(n.longValue());
        }
        jobRuns.computeIfAbsent(tag, k -> new CopyOnWriteArrayList<>()).add(req.jobId());
        return "recorded " + tag;
    }

    @Job("failingJob")
    public void failingJob(JobRequest req) {
        if (Boolean.TRUE.equals(req.params().get("parse"))) {
            throw new ParseException(177, "job refused");
        }
        throw new IllegalStateException("job broke");
    }

    /** The _JobStatus ids of the recordRun runs with this tag that ran on this server. */
    @CloudFunction("jobRuns")
    public List<String> jobRuns(FunctionRequest req) {
        return jobRuns.getOrDefault(String.valueOf(req.params().get("tag")), List.of());
    }

    /** Validators: a required number from a fixed set, a default, a login. */
    @CloudFunction("rate")
    @Validator(
            requireUser = true,
            fields = {
                @Validator.Field(
                        value = "stars",
                        type = Number.class,
                        required = true,
                        options = {"1", "2", "3", "4", "5"}),
                @Validator.Field(value = "comment", type = String.class, defaultValue = "none")
            })
    public Map<String, Object> rate(FunctionRequest req) {
        return req.params();
    }

    @CloudFunction("moderate")
    @Validator(requireAnyUserRoles = {"Moderator", "Admin"})
    public String moderate(FunctionRequest req) {
        return "moderated";
    }

    @CloudFunction("superModerate")
    @Validator(requireAllUserRoles = {"Moderator", "Admin"})
    public String superModerate(FunctionRequest req) {
        return "super";
    }

    @CloudFunction("needsEmail")
    @Validator(requireUserKeys = "email")
    public String needsEmail(FunctionRequest req) {
        return "has email";
    }

    /** With validateMasterKey the master key is checked too. */
    @CloudFunction("strictMaster")
    @Validator(validateMasterKey = true, fields = @Validator.Field(value = "x", required = true))
    public Object strictMaster(FunctionRequest req) {
        return req.params().get("x");
    }

    @CloudFunction("limited")
    @Validator(
            rateLimit =
                    @Validator.RateLimit(
                            requestTimeWindow = 60_000,
                            requestCount = 2,
                            includeInternalRequests = true,
                            errorResponseMessage = "Too many limited calls."))
    public String limited(FunctionRequest req) {
        return "ok";
    }

    /**
     * Validated trigger: status starts as "draft" and clients cannot change it; priority is one of
     * 1, 2, 3. The master key skips the trigger and its rules. Deletes are rate-limited.
     */
    @BeforeSave("ValidatedItem")
    @Validator(
            skipWithMasterKey = true,
            fields = {
                @Validator.Field(value = "status", type = String.class, defaultValue = "draft", constant = true),
                @Validator.Field(
                        value = "priority",
                        type = Number.class,
                        options = {"1", "2", "3"},
                        error = "priority must be 1, 2 or 3")
            })
    void checkValidatedItem(SaveRequest req) {
        req.object().put("checked", true);
    }

    @BeforeDelete("ValidatedItem")
    @Validator(
            rateLimit =
                    @Validator.RateLimit(requestTimeWindow = 60_000, requestCount = 1, includeInternalRequests = true))
    void limitValidatedItemDeletes(DeleteRequest req) {}

    /**
     * The server-side API: as the caller, a private note (only its owner may read it), seen or
     * not by others, changed, counted and deleted in-process; triggers run as for REST.
     */
    @CloudFunction("privateNote")
    @Validator(requireUser = true, fields = @Validator.Field(value = "text", type = String.class, required = true))
    public Map<String, Object> privateNote(FunctionRequest req) {
        ServerApi.Caller me = api.as(req);
        String text = (String) req.params().get("text");
        Map<String, Object> acl = Map.of(req.userId(), Map.of("read", true, "write", true));
        Map<String, Object> created = me.save("PrivateNote", Map.of("text", text, "ACL", acl, "likes", 0));
        String id = (String) created.get("objectId");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("objectId", id);
        out.put("stamped", me.get("PrivateNote", id).get("stamped"));
        out.put(
                "anonymousSees",
                api.asUser(null).find("PrivateNote", Map.of("objectId", id)).size());
        out.put("ownerSees", me.find("PrivateNote", Map.of("text", text)).size());
        out.put(
                "likes",
                me.save("PrivateNote", Map.of("objectId", id, "likes", Map.of("__op", "Increment", "amount", 2)))
                        .get("likes"));
        out.put("masterCount", api.asMaster().count("PrivateNote", Map.of("text", text)));
        out.put("hello", me.run("hello", Map.of("name", "api")));
        try {
            api.asUser(null).destroy("PrivateNote", id);
            out.put("anonymousDelete", "allowed");
        } catch (ParseException e) {
            out.put("anonymousDelete", e.code());
        }
        if (Boolean.TRUE.equals(req.params().get("delete"))) {
            me.destroy("PrivateNote", id);
        }
        return out;
    }

    /** Shows that writes made through the server-side API run triggers too. */
    @BeforeSave("PrivateNote")
    void stampNote(SaveRequest req) {
        req.object().put("stamped", true);
    }

    /** Writes to the script log (GET /scriptlog) the way application code does. */
    @CloudFunction("logLines")
    public String logLines(FunctionRequest req) {
        log.info("note from cloud code: " + req.params().get("tag"));
        log.error("trouble from cloud code: " + req.params().get("tag"));
        return "logged";
    }

    /** What Cloud Code learns about the client: its IP address and the request's headers. */
    @CloudFunction("whoCalls")
    public Map<String, Object> whoCalls(FunctionRequest req) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", req.ip());
        out.put("custom", req.headers().get("x-custom-header"));
        out.put("hasAppId", req.headers().containsKey("x-parse-application-id"));
        out.put("username", req.user() == null ? null : req.user().get("username"));
        return out;
    }

    /** A trigger sees the client too. */
    @BeforeSave("ClientStamped")
    void stampClient(SaveRequest req) {
        req.object().put("fromIp", req.ip());
        req.object().put("via", req.headers().get("x-custom-header"));
    }

    /**
     * A trigger that runs past the time limit (the test server's cloudCodeTimeout is 1.5 s): it
     * spins for spinMillis ignoring interrupts, like a loop that never checks.
     */
    @BeforeSave("SlowThing")
    void spin(SaveRequest req) {
        if (req.object().get("spinMillis") instanceof Number n) {
            long end = System.nanoTime() + n.longValue() * 1_000_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }

    /** Files: some names are refused, "upper*" files are saved in capitals, "rename*" ones renamed. */
    @BeforeSaveFile
    void checkFile(FileRequest req) {
        if (req.name().startsWith("refuse")) {
            throw new ParseException(130, "files named refuse* are not accepted");
        }
        if (req.name().startsWith("upper")) {
            req.replaceData(
                    new String(req.data(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8),
                    "text/plain");
        }
        if (req.name().startsWith("rename")) {
            req.rename("renamed_" + req.name());
        }
    }

    @AfterSaveFile
    void rememberFile(FileRequest req) {
        fileEvents.add("saved " + req.name() + " " + req.fileSize() + " " + req.url());
    }

    @BeforeDeleteFile
    void keepFiles(FileRequest req) {
        if (req.name().contains("keep")) {
            throw new ParseException(153, "this file is kept");
        }
    }

    @AfterDeleteFile
    void rememberDelete(FileRequest req) {
        fileEvents.add("deleted " + req.name());
    }

    @CloudFunction("fileEvents")
    public List<String> fileEvents(FunctionRequest req) {
        return List.copyOf(fileEvents);
    }

    /** Bad Cloud Code: a result that is not JSON, and a trigger that touches read-only fields. */
    @CloudFunction("returnsNotJson")
    public Object returnsNotJson(FunctionRequest req) {
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop); // JSON cannot write a cycle
        return loop;
    }

    @BeforeSave("Hijacked")
    void hijack(SaveRequest req) {
        if (req.object().get("field") instanceof String field) {
            req.object().put(field, "forged".equals(field) ? "x" : "2000-01-01T00:00:00.000Z");
        }
    }

    @CloudFunction("afterSaveCount")
    public int afterSaveCount(FunctionRequest req) {
        return afterSaves.getOrDefault(String.valueOf(req.params().get("id")), 0);
    }

    /** Scores are cleaned up and capped; a negative score is refused. */
    @BeforeSave("CloudScore")
    void checkScore(SaveRequest req) {
        Object score = req.object().get("score");
        if (score instanceof Number n && n.doubleValue() < 0) {
            throw new ParseException(142, "score must not be negative");
        }
        if (score instanceof Number n && n.doubleValue() > 1000) {
            req.object().put("score", 1000);
        }
        if (req.object().get("name") instanceof String name) {
            req.object().put("name", name.trim());
        }
        req.object().put("checked", true);
        if (req.context().get("source") instanceof String source) {
            req.object().put("source", source); // the caller's X-Parse-Cloud-Context
        }
        if (req.isNew() && "crash".equals(req.object().get("name"))) {
            throw new IllegalArgumentException("trigger crashed");
        }
    }

    @AfterSave("CloudScore")
    void countSaves(SaveRequest req) {
        afterSaves.merge(String.valueOf(req.object().get("objectId")), 1, Integer::sum);
    }

    @BeforeDelete("CloudScore")
    void keepLocked(DeleteRequest req) {
        if (Boolean.TRUE.equals(req.object().get("locked"))) {
            throw new ParseException(142, "locked scores cannot be deleted");
        }
    }

    /** Hidden scores are for the master key only. */
    @BeforeFind("CloudScore")
    void hideHidden(FindRequest req) {
        if (!req.master()) {
            req.where().put("hidden", Map.of("$ne", true));
        }
    }

    /** Every score a client reads says so; "secretNote" never leaves the server. */
    @AfterFind("CloudScore")
    void markSeen(FindRequest req) {
        req.objects().forEach(o -> {
            o.put("seen", true);
            o.remove("secretNote");
        });
    }

    @AfterDelete("CloudScore")
    void forget(DeleteRequest req) {
        afterSaves.remove(String.valueOf(req.object().get("objectId")));
    }

    /** LiveQuery: one installation is not welcome. */
    @BeforeConnect
    void refuseBlockedInstallation(ConnectRequest req) {
        if ("blocked-installation".equals(req.installationId())) {
            throw new ParseException(141, "This installation may not use LiveQuery");
        }
    }

    /** LiveQuery on GameScore: nobody listens to the secret room, and nobody sees "cheat" codes. */
    @BeforeSubscribe("GameScore")
    void guardGameScore(SubscribeRequest req) {
        if ("secret".equals(req.where().get("room"))) {
            throw new ParseException(119, "The secret room is closed");
        }
        req.where().put("cheat", Map.of("$exists", false));
    }

    /** LiveQuery on GameScore: muted scores are not sent; the others are marked as seen live. */
    @AfterLiveQueryEvent("GameScore")
    void decorateGameScore(LiveQueryEventRequest req) {
        if (Boolean.TRUE.equals(req.object().get("muted"))) {
            req.withhold();
            return;
        }
        req.object().put("live", req.event());
    }
}
