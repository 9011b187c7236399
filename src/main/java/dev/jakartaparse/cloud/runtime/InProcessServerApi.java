package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
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
import dev.jakartaparse.cloud.FunctionRequest;
import dev.jakartaparse.cloud.ServerApi;

/** {@link ServerApi} in-process: each call goes through the write and read pipelines as the caller it acts as. */
@ApplicationScoped
public class InProcessServerApi implements ServerApi {

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

    @Override
    public Caller asMaster() {
        return new AsCaller(Auth.masterKey());
    }

    @Override
    public Caller asUser(String userId) {
        return new AsCaller(userId == null ? Auth.anonymous(null) : Auth.user(userId, null, null, roles::rolesOf));
    }

    @Override
    public Caller asSessionToken(String sessionToken) {
        return new AsCaller(sessions.authenticate(sessionToken, null));
    }

    @Override
    public Caller as(FunctionRequest request) {
        return request.master() ? asMaster() : asUser(request.userId());
    }

    @Override
    public Map<String, Object> userObject(String userId) {
        return cloud.userObject(userId);
    }

    private final class AsCaller implements Caller {
        private final Auth auth;

        private AsCaller(Auth auth) {
            this.auth = auth;
        }

        @Override
        public Map<String, Object> get(String className, String objectId) {
            return query.get(className, objectId, FindOptions.forGet(Map.of()), readContext());
        }

        @Override
        public List<Map<String, Object>> find(String className, Map<String, Object> where) {
            return find(className, where, Map.of());
        }

        /**
         * With REST query options: {@code order}, {@code limit} (100 by default), {@code skip},
         * {@code keys}, {@code excludeKeys}, {@code include}.
         */
        @SuppressWarnings("unchecked")
        @Override
        public List<Map<String, Object>> find(String className, Map<String, Object> where, Map<String, Object> options) {
            FindOptions parsed = FindOptions.fromParams(options, config.maxLimit());
            return (List<Map<String, Object>>) query.find(className, where, parsed, readContext()).get("results");
        }

        @Override
        public long count(String className, Map<String, Object> where) {
            FindOptions options = FindOptions.fromParams(Map.of("count", 1, "limit", 0), config.maxLimit());
            return ((Number) query.find(className, where, options, readContext()).get("count")).longValue();
        }

        @Override
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

        @Override
        public void destroy(String className, String objectId) {
            write.delete(className, objectId, auth);
        }

        @Override
        public Object run(String functionName, Map<String, Object> params) {
            return cloud.runFunction(functionName, new LinkedHashMap<>(params), auth, Map.of());
        }

        private ObjectQuery.ReadContext readContext() {
            return new ObjectQuery.ReadContext(auth, config.serverURL());
        }
    }
}
