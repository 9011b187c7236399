package dev.jakartaparse.core.classes;

import dev.jakartaparse.config.InstallationOptions;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code _Installation}, as Parse Server keeps it: a save names its installation by installationId
 * (or the client's X-Parse-Installation-Id) or deviceToken, so registering again updates the
 * installation instead of adding one; deviceType and installationId never change; a deviceToken
 * belongs to one installation, the others holding it are deleted or cleared (the {@code
 * installation} option); 64-character (APNs) tokens and installationIds are lower-cased. A client
 * may create, read and update an installation but neither list them nor delete one.
 */
@ApplicationScoped
public class InstallationRules implements ClassRules {
    static final String CLASS = "_Installation";

    private StorageAdapter storage;
    private SchemaController schemas;
    private ParseConfig config;

    protected InstallationRules() {}

    @Inject
    public InstallationRules(StorageAdapter storage, SchemaController schemas, ParseConfig config) {
        this.storage = storage;
        this.schemas = schemas;
        this.config = config;
    }

    @Override
    public String className() {
        return CLASS;
    }

    @Override
    public ParseException refuseClient(String operation) {
        if ("find".equals(operation) || "delete".equals(operation)) {
            return ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN,
                    "Clients aren't allowed to perform the " + operation
                            + " operation on the installation collection.");
        }
        return null;
    }

    @Override
    public String saveTarget(String objectId, Map<String, Object> data, RequestContext rc) {
        Auth auth = rc.auth();
        InstallationSave save = InstallationSave.of(objectId, data, auth);
        if (save == null) {
            return objectId; // an update that touches none of the ids
        }
        List<Map<String, Object>> found =
                storage.find(CLASS, schemas.schemaOrEmpty(CLASS), Map.of("$or", save.lookups()), QueryOptions.all());
        InstallationOptions options = config.installation();
        InstallationSave.Plan plan = save.plan(found, options);
        for (InstallationSave.Cleanup c : plan.cleanups()) {
            clean(c, options);
        }
        return plan.targetId();
    }

    /** Deletes the other holders of a deviceToken, or clears the conflicting field on them. */
    private void clean(InstallationSave.Cleanup c, InstallationOptions options) {
        Map<String, Object> where = new LinkedHashMap<>(c.where());
        try {
            if (options.updateDuplicates()) {
                storage.updateObjectsByQuery(
                        CLASS, schemas.schemaOrEmpty(CLASS), where, Map.of(c.field(), Map.of("__op", "Delete")));
            } else {
                storage.deleteObjectsByQuery(CLASS, schemas.schemaOrEmpty(CLASS), where);
            }
        } catch (ParseException e) {
            if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                throw e; // none left to clean is no error
            }
        }
    }

    /**
     * One save of an installation and the ids it names: what to look up, then (given what the lookup
     * found) which installation the save writes and which other rows to clean. Pure, for tests.
     */
    record InstallationSave(
            String objectId,
            String installationId,
            String givenInstallationId,
            String deviceToken,
            Map<String, Object> data) {

        /** A clean-up of other installations: the rows matching where, and the field an update clears. */
        record Cleanup(Map<String, Object> where, String field) {}

        /** The objectId the save writes (null: create a new installation) and the clean-ups before it. */
        record Plan(String targetId, List<Cleanup> cleanups) {}

        /**
         * Checks and normalises the data (lower-cased ids); null for an update that names no id
         * and no deviceType, which needs no lookup.
         */
        static InstallationSave of(String objectId, Map<String, Object> data, Auth auth) {
            String token = string(data, "deviceToken");
            String given = string(data, "installationId");
            string(data, "deviceType");
            if (objectId == null && empty(token) && empty(given) && empty(auth.installationId())) {
                throw new ParseException(
                        ParseError.MISSING_REQUIRED_FIELD,
                        "at least one ID field (deviceToken, installationId) must be specified in this operation");
            }
            if (token != null && token.length() == 64) {
                token = token.toLowerCase(Locale.ROOT); // an APNs token in hex
                data.put("deviceToken", token);
            }
            if (!empty(given)) {
                given = given.toLowerCase(Locale.ROOT);
                data.put("installationId", given);
            }
            String installationId = given;
            if (empty(installationId) && !auth.master()) {
                installationId = auth.installationId();
            }
            if (installationId != null) {
                installationId = installationId.toLowerCase(Locale.ROOT);
            }
            if (objectId != null && empty(token) && empty(installationId) && empty(string(data, "deviceType"))) {
                return null;
            }
            return new InstallationSave(objectId, installationId, given, token, data);
        }

        /** The $or of the lookup: by objectId, by installationId, by deviceToken. */
        List<Map<String, Object>> lookups() {
            List<Map<String, Object>> or = new ArrayList<>();
            if (objectId != null) {
                or.add(Map.of("objectId", objectId));
            }
            if (!empty(installationId)) {
                or.add(Map.of("installationId", installationId));
            }
            if (!empty(deviceToken)) {
                or.add(Map.of("deviceToken", deviceToken));
            }
            return or;
        }

        Plan plan(List<Map<String, Object>> found, InstallationOptions options) {
            Map<String, Object> objectIdMatch = null;
            Map<String, Object> installationIdMatch = null;
            List<Map<String, Object>> tokenMatches = new ArrayList<>();
            for (Map<String, Object> row : found) {
                if (objectId != null && objectId.equals(row.get("objectId"))) {
                    objectIdMatch = row;
                }
                if (!empty(installationId) && installationId.equals(row.get("installationId"))) {
                    installationIdMatch = row;
                }
                // as Parse Server compares: a save without a token matches the rows without one
                if (Objects.equals(row.get("deviceToken"), deviceToken)) {
                    tokenMatches.add(row);
                }
            }
            if (objectId != null) {
                checkUnchanged(objectIdMatch);
            }
            Map<String, Object> idMatch = installationIdMatch != null ? installationIdMatch : objectIdMatch;
            if (objectId == null && idMatch == null && empty(string(data, "deviceType"))) {
                throw new ParseException(
                        ParseError.MISSING_REQUIRED_FIELD, "deviceType must be specified in this operation");
            }
            if (idMatch == null) {
                return planWithoutIdMatch(tokenMatches);
            }
            if (tokenMatches.size() == 1 && empty((String) tokenMatches.get(0).get("installationId"))) {
                return merge(idMatch, tokenMatches.get(0), options);
            }
            String idMatchId = (String) idMatch.get("objectId");
            if (!empty(deviceToken) && !deviceToken.equals(idMatch.get("deviceToken")) && !empty(givenInstallationId)) {
                // the token moves to this installation: the others holding it lose it
                Map<String, Object> where = new LinkedHashMap<>();
                where.put("deviceToken", deviceToken);
                where.put("installationId", Map.of("$ne", givenInstallationId));
                return new Plan(idMatchId, List.of(new Cleanup(withApp(where), "deviceToken")));
            }
            return new Plan(idMatchId, List.of());
        }

        private Plan planWithoutIdMatch(List<Map<String, Object>> tokenMatches) {
            if (tokenMatches.isEmpty()) {
                return new Plan(objectId, List.of());
            }
            if (tokenMatches.size() == 1
                    && (empty((String) tokenMatches.get(0).get("installationId")) || empty(installationId))) {
                return new Plan((String) tokenMatches.get(0).get("objectId"), List.of());
            }
            if (empty(givenInstallationId)) {
                throw new ParseException(
                        ParseError.INVALID_INSTALLATION_ID,
                        "Must specify installationId when deviceToken matches multiple Installation objects");
            }
            // a new installation takes the token from the ones holding it
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("deviceToken", deviceToken);
            where.put("installationId", Map.of("$ne", installationId));
            return new Plan(objectId, List.of(new Cleanup(withApp(where), "deviceToken")));
        }

        /** The installation found by id and a token-only row are one device: one of them survives. */
        private static Plan merge(
                Map<String, Object> idMatch, Map<String, Object> tokenMatch, InstallationOptions options) {
            String idMatchId = (String) idMatch.get("objectId");
            String tokenMatchId = (String) tokenMatch.get("objectId");
            if (idMatchId.equals(tokenMatchId)) {
                return new Plan(idMatchId, List.of());
            }
            if (options.tokenRowWins()) {
                return new Plan(tokenMatchId, List.of(new Cleanup(Map.of("objectId", idMatchId), "installationId")));
            }
            return new Plan(idMatchId, List.of(new Cleanup(Map.of("objectId", tokenMatchId), "deviceToken")));
        }

        private void checkUnchanged(Map<String, Object> stored) {
            if (stored == null) {
                throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found for update.");
            }
            String storedId = (String) stored.get("installationId");
            if (!empty(givenInstallationId) && !empty(storedId) && !givenInstallationId.equals(storedId)) {
                throw new ParseException(ParseError.CHANGED_IMMUTABLE_FIELD, immutable("installationId"));
            }
            String storedToken = (String) stored.get("deviceToken");
            if (!empty(deviceToken)
                    && !empty(storedToken)
                    && !deviceToken.equals(storedToken)
                    && empty(givenInstallationId)
                    && empty(storedId)) {
                throw new ParseException(ParseError.CHANGED_IMMUTABLE_FIELD, immutable("deviceToken"));
            }
            String type = string(data, "deviceType");
            if (!empty(type) && !type.equals(stored.get("deviceType"))) {
                throw new ParseException(ParseError.CHANGED_IMMUTABLE_FIELD, immutable("deviceType"));
            }
        }

        /** Clean-ups stay within the app the save names (appIdentifier), when it names one. */
        private Map<String, Object> withApp(Map<String, Object> where) {
            String app = string(data, "appIdentifier");
            if (!empty(app)) {
                where.put("appIdentifier", app);
            }
            return where;
        }

        private static String immutable(String field) {
            return field + " may not be changed in this operation";
        }

        /** A string field, or null when absent; any other type is the schema mismatch it would be later. */
        private static String string(Map<String, Object> data, String field) {
            Object v = data.get(field);
            if (v == null || v instanceof String) {
                return (String) v;
            }
            if (v instanceof Map<?, ?> m && "Delete".equals(m.get("__op"))) {
                return null;
            }
            throw new ParseException(
                    ParseError.INCORRECT_TYPE,
                    "schema mismatch for " + CLASS + "." + field + "; expected String but got "
                            + (v instanceof Number ? "Number" : v instanceof Boolean ? "Boolean" : "Object"));
        }

        private static boolean empty(String s) {
            return s == null || s.isEmpty();
        }
    }
}
