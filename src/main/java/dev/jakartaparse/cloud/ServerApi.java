package dev.jakartaparse.cloud;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.Auth;
import dev.jakartaparse.core.ParseError;
import dev.jakartaparse.core.ParseException;
import dev.jakartaparse.core.auth.RoleResolver;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's own API for Cloud Code: query, get, count, save, destroy and run a function,
 * in-process, through the same write and read pipelines as REST requests: ACLs, class-level
 * permissions and triggers apply to whoever the call acts as. Objects are maps in REST form
 * (pointers as {"__type":"Pointer",...}, operations as {"__op":...}).
 * <pre>
 * &#64;Inject ServerApi parse;
 * parse.asMaster().find("GameScore", Map.of("score", Map.of("$gt", 100)));
 * parse.as(req).save("Comment", Map.of("text", "hi"));   // as the caller of a function
 * </pre>
 */
@ApplicationScoped
public class ServerApi {

    @Inject
    ObjectWrite write;
    @Inject
    ObjectQuery query;
    @Inject
    CloudCode cloud;
    @Inject
    SessionTokens sessions;
    @Inject
    RoleResolver roles;
    @Inject
    ParseConfig config;

    /** Acting with the master key: no ACL or class-level permission applies. */
    public Caller asMaster() {
        return new Caller(Auth.masterKey());
    }

    /** Acting as this user (their ACLs, roles and permissions); null acts as an anonymous client. */
    public Caller asUser(String userId) {
        return new Caller(userId == null ? Auth.anonymous(null) : Auth.user(userId, null, null, roles::rolesOf));
    }

    /** Acting as the owner of this session token; 209 when it is not valid. */
    public Caller asSessionToken(String sessionToken) {
        return new Caller(sessions.authenticate(sessionToken, null));
    }

    /** Acting as whoever called the function: the master key, its user, or an anonymous client. */
    public Caller as(FunctionRequest request) {
        return request.master() ? asMaster() : asUser(request.userId());
    }

    /** Calls made as one caller. */
    public final class Caller {
        private final Auth auth;

        private Caller(Auth auth) {
            this.auth = auth;
        }

        /** The object; 101 when it does not exist or this caller may not read it. */
        public Map<String, Object> get(String className, String objectId) {
            return query.get(className, objectId, FindOptions.forGet(Map.of()), readContext());
        }

        public List<Map<String, Object>> find(String className, Map<String, Object> where) {
            return find(className, where, Map.of());
        }

        /**
         * With REST query options: {@code order}, {@code limit} (100 by default), {@code skip},
         * {@code keys}, {@code excludeKeys}, {@code include}.
         */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> find(String className, Map<String, Object> where, Map<String, Object> options) {
            FindOptions parsed = FindOptions.fromParams(options, config.maxLimit());
            return (List<Map<String, Object>>) query.find(className, where, parsed, readContext()).get("results");
        }

        public long count(String className, Map<String, Object> where) {
            FindOptions options = FindOptions.fromParams(Map.of("count", 1, "limit", 0), config.maxLimit());
            return ((Number) query.find(className, where, options, readContext()).get("count")).longValue();
        }

        /**
         * Creates the object, or updates it when it has an objectId, and returns what the REST API
         * answers: objectId and createdAt for a create, updatedAt for an update, plus the fields
         * operations or a beforeSave changed.
         */
        public Map<String, Object> save(String className, Map<String, Object> object) {
            Map<String, Object> fields = new LinkedHashMap<>(object);
            Object objectId = fields.remove("objectId");
            if (objectId == null) {
                return write.create(className, fields, auth).response();
            }
            if (!(objectId instanceof String id)) {
                throw new ParseException(ParseError.MISSING_OBJECT_ID, "objectId must be a string");
            }
            return write.update(className, id, fields, auth);
        }

        public void destroy(String className, String objectId) {
            write.delete(className, objectId, auth);
        }

        /** Runs a Cloud Code function (with its validator) and returns its result. */
        public Object run(String functionName, Map<String, Object> params) {
            return cloud.runFunction(functionName, new LinkedHashMap<>(params), auth, Map.of());
        }

        private ObjectQuery.ReadContext readContext() {
            return new ObjectQuery.ReadContext(auth, config.serverURL());
        }
    }
}
