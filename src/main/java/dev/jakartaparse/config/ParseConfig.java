package dev.jakartaparse.config;

import java.util.List;
import java.util.Map;

/**
 * The server's configuration, read once at start-up (see {@link ParseConfigProducer}).
 * Option names are Parse Server's.
 */
public record ParseConfig(
        boolean production,
        String appId,
        String masterKey,
        String readOnlyMasterKey,
        List<String> masterKeyIps,
        String javascriptKey,
        String restAPIKey,
        String clientKey,
        String dotNetKey,
        String databaseURI,
        String serverURL,
        String publicServerURL,
        String mountPath,
        boolean allowClientClassCreation,
        int maxLimit,
        boolean enforcePrivateUsers,
        boolean allowCustomObjectId,
        long maxUploadSizeBytes,
        int batchRequestLimit,
        LiveQueryOptions liveQuery,
        Map<String, Object> fileUpload,
        int embeddedDatabasePort,
        String embeddedDatabasePath,
        int embeddedDatabaseCommitDelayMs,
        AccountOptions accounts,
        boolean enableSanitizedErrorResponse,
        EmailOptions email,
        IdempotencyOptions idempotency,
        List<RateLimitRule> rateLimits,
        String webhookKey,
        long cloudCodeTimeoutMillis,
        RequestComplexity requestComplexity,
        long schemaCacheTtlMillis,
        RequestKeywordDenylist requestKeywordDenylist,
        PushOptions push,
        InstallationOptions installation) {

    /** schemaCacheTtl not set: cached schemas never expire (changes reach other servers through Redis only). */
    public static final long SCHEMA_CACHE_NEVER_EXPIRES = 0;

    /** Where links in emails point: publicServerURL, else serverURL. */
    public String publicUrl() {
        return publicServerURL != null ? publicServerURL : serverURL;
    }

    /** True when any client key is configured, so requests must carry a matching one. */
    public boolean clientKeysRequired() {
        return javascriptKey != null || restAPIKey != null || clientKey != null || dotNetKey != null;
    }
}
