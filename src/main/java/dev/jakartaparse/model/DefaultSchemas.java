package dev.jakartaparse.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields every class has, the fields of Parse's system classes, and the default CLPs. */
public final class DefaultSchemas {
    private DefaultSchemas() {}

    /** Classes Parse Server knows and lets clients use through /classes (with their own rules). */
    public static final Set<String> SYSTEM_CLASSES = Set.of(
            "_User",
            "_Installation",
            "_Role",
            "_Session",
            "_Product",
            "_PushStatus",
            "_JobStatus",
            "_JobSchedule",
            "_Audience",
            "_Idempotency");

    /** System classes that never get a _SCHEMA entry of their own (Parse Server's "volatile" classes). */
    public static final Set<String> VOLATILE_CLASSES = Set.of(
            "_JobStatus",
            "_PushStatus",
            "_Hooks",
            "_GlobalConfig",
            "_GraphQLConfig",
            "_JobSchedule",
            "_Audience",
            "_Idempotency");

    public static final List<String> DEFAULT_FIELD_NAMES = List.of("objectId", "createdAt", "updatedAt", "ACL");

    public static Map<String, FieldType> defaultFields() {
        Map<String, FieldType> m = new LinkedHashMap<>();
        m.put("objectId", FieldType.STRING);
        m.put("createdAt", FieldType.DATE);
        m.put("updatedAt", FieldType.DATE);
        m.put("ACL", FieldType.ACL);
        return m;
    }

    /** The fields a class has before anything is written to it: defaults plus its system fields. */
    public static Map<String, FieldType> initialFields(String className) {
        Map<String, FieldType> m = defaultFields();
        m.putAll(systemFields(className));
        return m;
    }

    public static Map<String, FieldType> systemFields(String className) {
        Map<String, FieldType> m = new LinkedHashMap<>();
        switch (className) {
            case "_User" -> {
                m.put("username", FieldType.STRING);
                m.put("password", FieldType.STRING);
                m.put("email", FieldType.STRING);
                m.put("emailVerified", FieldType.BOOLEAN);
                m.put("authData", FieldType.OBJECT);
            }
            case "_Installation" -> {
                m.put("installationId", FieldType.STRING);
                m.put("deviceToken", FieldType.STRING);
                m.put("channels", FieldType.ARRAY);
                m.put("deviceType", FieldType.STRING);
                m.put("pushType", FieldType.STRING);
                m.put("GCMSenderId", FieldType.STRING);
                m.put("timeZone", FieldType.STRING);
                m.put("localeIdentifier", FieldType.STRING);
                m.put("badge", FieldType.NUMBER);
                m.put("appVersion", FieldType.STRING);
                m.put("appName", FieldType.STRING);
                m.put("appIdentifier", FieldType.STRING);
                m.put("parseVersion", FieldType.STRING);
            }
            case "_Role" -> {
                m.put("name", FieldType.STRING);
                m.put("users", FieldType.relation("_User"));
                m.put("roles", FieldType.relation("_Role"));
            }
            case "_Session" -> {
                m.put("user", FieldType.pointer("_User"));
                m.put("installationId", FieldType.STRING);
                m.put("sessionToken", FieldType.STRING);
                m.put("expiresAt", FieldType.DATE);
                m.put("createdWith", FieldType.OBJECT);
            }
            case "_Product" -> {
                m.put("productIdentifier", FieldType.STRING);
                m.put("download", FieldType.FILE);
                m.put("downloadName", FieldType.STRING);
                m.put("icon", FieldType.FILE);
                m.put("order", FieldType.NUMBER);
                m.put("title", FieldType.STRING);
                m.put("subtitle", FieldType.STRING);
            }
            case "_JobStatus" -> {
                m.put("jobName", FieldType.STRING);
                m.put("source", FieldType.STRING);
                m.put("status", FieldType.STRING);
                m.put("message", FieldType.STRING);
                m.put("params", FieldType.OBJECT);
                m.put("finishedAt", FieldType.DATE);
            }
            case "_Hooks" -> {
                m.put("functionName", FieldType.STRING);
                m.put("className", FieldType.STRING);
                m.put("triggerName", FieldType.STRING);
                m.put("url", FieldType.STRING);
            }
            case "_JobSchedule" -> {
                m.put("jobName", FieldType.STRING);
                m.put("description", FieldType.STRING);
                m.put("params", FieldType.STRING);
                m.put("startAfter", FieldType.STRING);
                m.put("daysOfWeek", FieldType.ARRAY);
                m.put("timeOfDay", FieldType.STRING);
                m.put("lastRun", FieldType.NUMBER);
                m.put("repeatMinutes", FieldType.NUMBER);
            }
            case "_PushStatus" -> {
                m.put("pushTime", FieldType.STRING);
                m.put("source", FieldType.STRING);
                m.put("query", FieldType.STRING);
                m.put("payload", FieldType.STRING);
                m.put("title", FieldType.STRING);
                m.put("expiry", FieldType.NUMBER);
                m.put("expiration_interval", FieldType.NUMBER);
                m.put("status", FieldType.STRING);
                m.put("numSent", FieldType.NUMBER);
                m.put("numFailed", FieldType.NUMBER);
                m.put("pushHash", FieldType.STRING);
                m.put("errorMessage", FieldType.OBJECT);
                m.put("sentPerType", FieldType.OBJECT);
                m.put("failedPerType", FieldType.OBJECT);
                m.put("sentPerUTCOffset", FieldType.OBJECT);
                m.put("failedPerUTCOffset", FieldType.OBJECT);
                m.put("count", FieldType.NUMBER);
            }
            case "_Audience" -> {
                m.put("name", FieldType.STRING);
                m.put("query", FieldType.STRING);
                m.put("lastUsed", FieldType.DATE);
                m.put("timesUsed", FieldType.NUMBER);
            }
            case "_Idempotency" -> {
                m.put("reqId", FieldType.STRING);
                m.put("expire", FieldType.DATE);
            }
            default -> {}
        }
        return m;
    }

    /** Parse Server's default class-level permissions: everything public. */
    public static Map<String, Object> defaultClassLevelPermissions() {
        Map<String, Object> clp = new LinkedHashMap<>();
        clp.put("ACL", Map.of("*", Map.of("read", true, "write", true)));
        for (String op : List.of("find", "count", "get", "create", "update", "delete", "addField")) {
            clp.put(op, Map.of("*", true));
        }
        clp.put("protectedFields", Map.of("*", List.of()));
        return clp;
    }

    public static boolean isSystemClass(String className) {
        return SYSTEM_CLASSES.contains(className);
    }
}
