package dev.jakartaparse.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@link ParseConfig} once from MicroProfile Config. Every option is found under three names:
 * {@code parse.<option>} (microprofile-config.properties, system properties), the bare Parse Server
 * option name, and Parse Server's environment variable (e.g. {@code PARSE_SERVER_APPLICATION_ID}).
 */
@ApplicationScoped
public class ParseConfigProducer {

    /** A singleton, not a proxied scope: ParseConfig is an immutable record. */
    @Produces
    @Singleton
    ParseConfig produce() {
        return read(ConfigProvider.getConfig());
    }

    /** Builds the configuration; a malformed or (in production) missing option throws ConfigurationError. */
    public static ParseConfig read(Config config) {
        return new Reader(config::getOptionalValue).build();
    }

    /** Lookup of a raw string by property name; lets tests feed a plain map. */
    public interface Source {
        Optional<String> get(String name, Class<String> type);
    }

    public static ParseConfig read(Map<String, String> values) {
        return new Reader((name, type) -> Optional.ofNullable(values.get(name))).build();
    }

    private static final class Reader {
        private final Source source;
        private final boolean production;

        Reader(Source source) {
            this.source = source;
            this.production = bool("production", "PARSE_SERVER_PRODUCTION", false);
        }

        ParseConfig build() {
            String appId = required("appId", "PARSE_SERVER_APPLICATION_ID", "APPLICATION_ID");
            String masterKey = required("masterKey", "PARSE_SERVER_MASTER_KEY", "MASTER_KEY");
            int port = integer("http.port", "HTTP_PORT", 1337);
            String mountPath = normaliseMountPath(
                    string("mountPath", "PARSE_SERVER_MOUNT_PATH").orElse("/parse"));
            String serverURL = string("serverURL", "PARSE_SERVER_URL").orElse("http://localhost:" + port + mountPath);
            ParseConfig cfg = new ParseConfig(
                    production,
                    appId,
                    masterKey,
                    string("readOnlyMasterKey", "PARSE_SERVER_READ_ONLY_MASTER_KEY")
                            .orElse(null),
                    list("masterKeyIps", "PARSE_SERVER_MASTER_KEY_IPS", List.of("127.0.0.1", "::1")),
                    string("javascriptKey", "PARSE_SERVER_JAVASCRIPT_KEY").orElse(null),
                    string("restAPIKey", "PARSE_SERVER_REST_API_KEY").orElse(null),
                    string("clientKey", "PARSE_SERVER_CLIENT_KEY").orElse(null),
                    string("dotNetKey", "PARSE_SERVER_DOT_NET_KEY").orElse(null),
                    string("databaseURI", "PARSE_SERVER_DATABASE_URI").orElse(null),
                    serverURL,
                    string("publicServerURL", "PARSE_PUBLIC_SERVER_URL").orElse(null),
                    mountPath,
                    bool("allowClientClassCreation", "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION", false),
                    integer("maxLimit", "PARSE_SERVER_MAX_LIMIT", -1),
                    bool("enforcePrivateUsers", "PARSE_SERVER_ENFORCE_PRIVATE_USERS", true),
                    bool("allowCustomObjectId", "PARSE_SERVER_ALLOW_CUSTOM_OBJECT_ID", false),
                    size("maxUploadSize", "PARSE_SERVER_MAX_UPLOAD_SIZE", "20mb"),
                    limit(complexityJson(), "batchRequestLimit", "PARSE_SERVER_REQUEST_COMPLEXITY_BATCH_REQUEST_LIMIT"),
                    LiveQueryOptions.from(
                            json("liveQuery", "PARSE_SERVER_LIVE_QUERY"),
                            json("liveQueryServerOptions", "PARSE_SERVER_LIVE_QUERY_SERVER_OPTIONS")),
                    json("fileUpload", "PARSE_SERVER_FILE_UPLOAD_OPTIONS"),
                    integer("embeddedDatabasePort", "PARSE_SERVER_EMBEDDED_DATABASE_PORT", 27017),
                    string("embeddedDatabasePath", "PARSE_SERVER_EMBEDDED_DATABASE_PATH")
                            .orElse("parse-data"),
                    integer("embeddedDatabaseCommitDelayMs", "PARSE_SERVER_EMBEDDED_DATABASE_COMMIT_DELAY_MS", 20),
                    accounts(),
                    bool("enableSanitizedErrorResponse", "PARSE_SERVER_ENABLE_SANITIZED_ERROR_RESPONSE", true),
                    email(),
                    idempotency(),
                    RateLimitRule.fromOption(string("rateLimit", "PARSE_SERVER_RATE_LIMIT")
                            .map(v -> parseJson("rateLimit", v))
                            .orElse(null)),
                    string("webhookKey", "PARSE_SERVER_WEBHOOK_KEY").orElse(null),
                    integer("cloudCodeTimeout", "PARSE_SERVER_CLOUD_CODE_TIMEOUT", 30_000),
                    requestComplexity(),
                    schemaCacheTtl(),
                    string("requestKeywordDenylist", "PARSE_SERVER_REQUEST_KEYWORD_DENYLIST")
                            .map(v -> RequestKeywordDenylist.from(parseJson("requestKeywordDenylist", v)))
                            .orElse(RequestKeywordDenylist.PARSE_DEFAULTS),
                    push(),
                    installation());
            if (cfg.cloudCodeTimeoutMillis() < 0) {
                throw new ConfigurationError("cloudCodeTimeout", "must be a number of milliseconds, or 0 for no limit");
            }
            if (cfg.maxLimit() == 0 || cfg.maxLimit() < -1) {
                throw new ConfigurationError("maxLimit", "must be a positive number");
            }
            return cfg;
        }

        /**
         * requestComplexity: the JSON option, or one environment variable per limit
         * (PARSE_SERVER_REQUEST_COMPLEXITY_QUERY_DEPTH ...); all off (-1) by default.
         */
        private RequestComplexity requestComplexity() {
            Map<String, Object> o = complexityJson();
            return new RequestComplexity(
                    limit(o, "queryDepth", "PARSE_SERVER_REQUEST_COMPLEXITY_QUERY_DEPTH"),
                    limit(o, "subqueryDepth", "PARSE_SERVER_REQUEST_COMPLEXITY_SUBQUERY_DEPTH"),
                    limit(o, "includeDepth", "PARSE_SERVER_REQUEST_COMPLEXITY_INCLUDE_DEPTH"),
                    limit(o, "includeCount", "PARSE_SERVER_REQUEST_COMPLEXITY_INCLUDE_COUNT"),
                    o.get("allowRegex") instanceof Boolean b
                            ? b
                            : bool(
                                    "requestComplexity.allowRegex",
                                    "PARSE_SERVER_REQUEST_COMPLEXITY_ALLOW_REGEX",
                                    true));
        }

        private Map<String, Object> complexityJson() {
            Map<String, Object> json = json("requestComplexity", "PARSE_SERVER_REQUEST_COMPLEXITY");
            return json == null ? Map.of() : json;
        }

        private int limit(Map<String, Object> json, String key, String env) {
            int value;
            if (json.containsKey(key)) {
                if (!(json.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new ConfigurationError(
                            "requestComplexity", key + " must be a whole number, or -1 for no limit");
                }
                value = n.intValue();
            } else {
                value = integer("batchRequestLimit".equals(key) ? key : "requestComplexity." + key, env, -1);
            }
            if (value < -1) {
                throw new ConfigurationError("requestComplexity", key + " must be 0 or more, or -1 for no limit");
            }
            return value;
        }

        /**
         * databaseOptions.schemaCacheTtl (or PARSE_SERVER_DATABASE_SCHEMA_CACHE_TTL): how long a server
         * trusts its cached schemas before reading them again. Milliseconds, as Parse Server counts them
         * (its help text says seconds, its code compares it with Date.now() differences); none or 0:
         * never expires, Parse Server's default.
         */
        private long schemaCacheTtl() {
            Map<String, Object> db = json("databaseOptions", "PARSE_SERVER_DATABASE_OPTIONS");
            Object ttl;
            if (db != null && db.containsKey("schemaCacheTtl")) {
                ttl = db.get("schemaCacheTtl");
            } else {
                Optional<String> v = string("databaseOptions.schemaCacheTtl", "PARSE_SERVER_DATABASE_SCHEMA_CACHE_TTL");
                if (v.isEmpty()) {
                    return ParseConfig.SCHEMA_CACHE_NEVER_EXPIRES;
                }
                try {
                    ttl = Double.parseDouble(v.get());
                } catch (NumberFormatException e) {
                    ttl = v.get();
                }
            }
            if (!(ttl instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue())) {
                throw new ConfigurationError(
                        "databaseOptions.schemaCacheTtl", "must be a number of milliseconds, got '" + ttl + "'");
            }
            return (long) Math.ceil(n.doubleValue());
        }

        /** installation {duplicateDeviceTokenAction, ...}, or Parse Server's variable for each key. */
        private InstallationOptions installation() {
            String prefix = "PARSE_SERVER_INSTALLATION_DUPLICATE_DEVICE_TOKEN_";
            return InstallationOptions.from(
                    json("installation", "PARSE_SERVER_INSTALLATION"),
                    string("installation.duplicateDeviceTokenAction", prefix + "ACTION")
                            .orElse(null),
                    string("installation.duplicateDeviceTokenMergePriority", prefix + "MERGE_PRIORITY")
                            .orElse(null),
                    string("installation.duplicateDeviceTokenActionEnforceAuth", prefix + "ACTION_ENFORCE_AUTH")
                            .orElse(null));
        }

        private PushOptions push() {
            Map<String, Object> adapters = json("push", "PARSE_SERVER_PUSH");
            return new PushOptions(
                    adapters == null ? Map.of() : Map.copyOf(adapters),
                    bool("scheduledPush", "PARSE_SERVER_SCHEDULED_PUSH", false));
        }

        /** idempotencyOptions {paths, ttl}, or the two experimental environment variables; null when off. */
        private IdempotencyOptions idempotency() {
            Map<String, Object> raw = json("idempotencyOptions", "PARSE_SERVER_IDEMPOTENCY_OPTIONS");
            List<String> paths = raw != null && raw.get("paths") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList()
                    : list("idempotencyPaths", "PARSE_SERVER_EXPERIMENTAL_IDEMPOTENCY_PATHS", List.of());
            long ttl = raw != null && raw.get("ttl") instanceof Number n
                    ? n.longValue()
                    : integer("idempotencyTtl", "PARSE_SERVER_EXPERIMENTAL_IDEMPOTENCY_TTL", 300);
            if (ttl <= 0) {
                throw new ConfigurationError("idempotencyOptions", "ttl must be a positive number of seconds");
            }
            if (paths.isEmpty()) {
                return null;
            }
            List<Pattern> patterns = new ArrayList<>();
            for (String path : paths) {
                try {
                    patterns.add(Pattern.compile(path.startsWith("^") ? path : "^" + path));
                } catch (PatternSyntaxException e) {
                    throw new ConfigurationError(
                            "idempotencyOptions", "path is not a valid regular expression: " + path);
                }
            }
            return new IdempotencyOptions(patterns, ttl);
        }

        private EmailOptions email() {
            Map<String, Object> adapter = json("emailAdapter", "PARSE_SERVER_EMAIL_ADAPTER");
            EmailOptions.SmtpOptions smtp = null;
            if (adapter != null) {
                if (!(adapter.get("host") instanceof String host) || host.isBlank()) {
                    throw new ConfigurationError("emailAdapter", "needs a host (the SMTP server)");
                }
                if (!(adapter.get("fromAddress") instanceof String from) || from.isBlank()) {
                    throw new ConfigurationError("emailAdapter", "needs a fromAddress");
                }
                boolean ssl = Boolean.TRUE.equals(adapter.get("ssl"));
                int port = adapter.get("port") instanceof Number n ? n.intValue() : ssl ? 465 : 25;
                smtp = new EmailOptions.SmtpOptions(
                        host,
                        port,
                        (String) adapter.get("username"),
                        (String) adapter.get("password"),
                        Boolean.TRUE.equals(adapter.get("startTls")),
                        ssl,
                        from);
            }
            Long validity = null;
            Optional<String> v =
                    string("emailVerifyTokenValidityDuration", "PARSE_SERVER_EMAIL_VERIFY_TOKEN_VALIDITY_DURATION");
            if (v.isPresent()) {
                try {
                    validity = Long.parseLong(v.get());
                } catch (NumberFormatException e) {
                    throw new ConfigurationError("emailVerifyTokenValidityDuration", "must be a number of seconds");
                }
                if (validity <= 0) {
                    throw new ConfigurationError(
                            "emailVerifyTokenValidityDuration", "must be a positive number of seconds");
                }
            }
            Map<String, String> pages = new LinkedHashMap<>();
            Map<String, Object> custom = json("customPages", "PARSE_SERVER_CUSTOM_PAGES");
            if (custom != null) {
                custom.forEach((k, url) -> pages.put(k, String.valueOf(url)));
            }
            Map<String, Object> policy = json("passwordPolicy", "PARSE_SERVER_PASSWORD_POLICY");
            boolean resetSuccess =
                    policy == null || !Boolean.FALSE.equals(policy.get("resetPasswordSuccessOnInvalidEmail"));
            return new EmailOptions(
                    bool("verifyUserEmails", "PARSE_SERVER_VERIFY_USER_EMAILS", false),
                    validity,
                    bool("emailVerifyTokenReuseIfValid", "PARSE_SERVER_EMAIL_VERIFY_TOKEN_REUSE_IF_VALID", false),
                    bool("preventLoginWithUnverifiedEmail", "PARSE_SERVER_PREVENT_LOGIN_WITH_UNVERIFIED_EMAIL", false),
                    string("appName", "PARSE_SERVER_APP_NAME").orElse(null),
                    smtp,
                    pages,
                    bool(
                            "emailVerifySuccessOnInvalidEmail",
                            "PARSE_SERVER_EMAIL_VERIFY_SUCCESS_ON_INVALID_EMAIL",
                            true),
                    resetSuccess,
                    bool(
                            "preventSignupWithUnverifiedEmail",
                            "PARSE_SERVER_PREVENT_SIGNUP_WITH_UNVERIFIED_EMAIL",
                            false),
                    bool("sendUserEmailVerification", "PARSE_SERVER_SEND_USER_EMAIL_VERIFICATION", true));
        }

        private AccountOptions accounts() {
            long sessionLength =
                    integer("sessionLength", "PARSE_SERVER_SESSION_LENGTH", (int) AccountOptions.ONE_YEAR_SECONDS);
            if (sessionLength <= 0) {
                throw new ConfigurationError("sessionLength", "must be a positive number of seconds");
            }
            Map<String, Map<String, List<String>>> protectedFields = AccountOptions.defaultProtectedFields();
            Map<String, Object> configured = json("protectedFields", "PARSE_SERVER_PROTECTED_FIELDS");
            if (configured != null) {
                protectedFields = protectedFields("protectedFields", configured);
            }
            return new AccountOptions(
                    sessionLength,
                    bool("expireInactiveSessions", "PARSE_SERVER_EXPIRE_INACTIVE_SESSIONS", true),
                    bool("revokeSessionOnPasswordReset", "PARSE_SERVER_REVOKE_SESSION_ON_PASSWORD_RESET", true),
                    protectedFields,
                    authProviders(),
                    bool("enableAnonymousUsers", "PARSE_SERVER_ENABLE_ANON_USERS", true),
                    AccountLockout.from(json("accountLockout", "PARSE_SERVER_ACCOUNT_LOCKOUT")),
                    PasswordPolicy.from(json("passwordPolicy", "PARSE_SERVER_PASSWORD_POLICY")));
        }

        /** auth: {"provider": {options}}, each value an object. */
        private Map<String, Object> authProviders() {
            Map<String, Object> auth = json("auth", "PARSE_SERVER_AUTH_PROVIDERS");
            if (auth == null) {
                return Map.of();
            }
            auth.forEach((name, options) -> {
                if (!(options instanceof Map)) {
                    throw new ConfigurationError(
                            "auth", "must map each provider name to an object of options (" + name + ")");
                }
            });
            return auth;
        }

        /** {"Class": {"*": ["field", ...], "role:X": [...]}, ...}, checked for shape. */
        private static Map<String, Map<String, List<String>>> protectedFields(String name, Map<String, Object> raw) {
            Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
            raw.forEach((cls, perClass) -> {
                if (!(perClass instanceof Map<?, ?> m)) {
                    throw new ConfigurationError(name, "must map each class to an object of field lists");
                }
                Map<String, List<String>> entries = new LinkedHashMap<>();
                m.forEach((who, fields) -> {
                    if (!(fields instanceof List<?> l) || !l.stream().allMatch(f -> f instanceof String)) {
                        throw new ConfigurationError(name, "must list field names for " + cls + "." + who);
                    }
                    entries.put(
                            String.valueOf(who), l.stream().map(String::valueOf).toList());
                });
                out.put(cls, entries);
            });
            return out;
        }

        /** First value found under parse.<name>, <name>, or the environment variable. */
        private Optional<String> string(String name, String env) {
            for (String key : new String[] {"parse." + name, name, env}) {
                Optional<String> v = source.get(key, String.class);
                if (v.isPresent() && !v.get().isBlank()) {
                    return Optional.of(v.get().trim());
                }
            }
            return Optional.empty();
        }

        private String required(String name, String env, String developmentDefault) {
            Optional<String> v = string(name, env);
            if (v.isEmpty() && production) {
                throw new ConfigurationError(name, "is required (set " + env + " or parse." + name + ")");
            }
            return v.orElse(developmentDefault);
        }

        private boolean bool(String name, String env, boolean dflt) {
            return string(name, env)
                    .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                        case "true", "1", "yes" -> true;
                        case "false", "0", "no" -> false;
                        default -> throw new ConfigurationError(name, "must be true or false, got '" + v + "'");
                    })
                    .orElse(dflt);
        }

        private int integer(String name, String env, int dflt) {
            return string(name, env)
                    .map(v -> {
                        try {
                            return Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new ConfigurationError(name, "must be a number, got '" + v + "'");
                        }
                    })
                    .orElse(dflt);
        }

        private List<String> list(String name, String env, List<String> dflt) {
            return string(name, env)
                    .map(v -> {
                        if (v.startsWith("[")) {
                            Object parsed = parseJson(name, v);
                            if (parsed instanceof List<?> l) {
                                List<String> out = new ArrayList<>();
                                l.forEach(e -> out.add(String.valueOf(e)));
                                return out;
                            }
                            throw new ConfigurationError(name, "must be a JSON array or a comma-separated list");
                        }
                        return Arrays.stream(v.split(","))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .toList();
                    })
                    .orElse(dflt);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> json(String name, String env) {
            return string(name, env)
                    .map(v -> {
                        Object parsed = parseJson(name, v);
                        if (!(parsed instanceof Map)) {
                            throw new ConfigurationError(name, "must be a JSON object");
                        }
                        return (Map<String, Object>) parsed;
                    })
                    .orElse(null);
        }

        private static Object parseJson(String name, String v) {
            try {
                return new ObjectMapper().readValue(v, Object.class);
            } catch (Exception e) {
                throw new ConfigurationError(name, "is not valid JSON: " + v);
            }
        }

        /** Sizes as Parse Server writes them: "20mb", "512kb", "1gb" or a number of bytes. */
        private long size(String name, String env, String dflt) {
            String v = string(name, env).orElse(dflt).toLowerCase(Locale.ROOT).replace(" ", "");
            long factor = 1;
            if (v.endsWith("kb")) {
                factor = 1024;
            } else if (v.endsWith("mb")) {
                factor = 1024 * 1024;
            } else if (v.endsWith("gb")) {
                factor = 1024L * 1024 * 1024;
            }
            String digits = factor == 1 ? v.replaceAll("b$", "") : v.substring(0, v.length() - 2);
            try {
                return (long) (Double.parseDouble(digits) * factor);
            } catch (NumberFormatException e) {
                throw new ConfigurationError(name, "must be a size like 20mb, got '" + v + "'");
            }
        }

        private static String normaliseMountPath(String p) {
            String path = p.startsWith("/") ? p : "/" + p;
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }
}
