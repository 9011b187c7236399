package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.FunctionRequest;
import dev.jakartaparse.cloud.ServerApi;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.RoleResolver;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.core.pipeline.PipelineRequest;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return new AsCaller(internal(Auth.masterKey()));
    }

    @Override
    public Caller asUser(String userId) {
        return new AsCaller(
                internal(userId == null ? Auth.anonymous(null) : Auth.user(userId, null, null, roles::rolesOf)));
    }

    @Override
    public Caller asSessionToken(String sessionToken) {
        return new AsCaller(internal(sessions.authenticate(sessionToken, null)));
    }

    @Override
    public Caller as(FunctionRequest request) {
        Auth auth = request.master()
                ? Auth.masterKey()
                : request.userId() == null
                        ? Auth.anonymous(null)
                        : Auth.user(request.userId(), null, null, roles::rolesOf);
        // The function's client (IP, headers) stays behind the calls it makes.
        return new AsCaller(RequestContext.of(auth, request::client, Map.of(), config.serverURL()));
    }

    /** A caller with no client behind it; file URLs under the configured server URL. */
    private RequestContext internal(Auth auth) {
        return RequestContext.internal(auth).withMountUrl(config.serverURL());
    }

    @Override
    public Map<String, Object> userObject(String userId) {
        return cloud.userObject(userId);
    }

    private final class AsCaller implements Caller {
        private final RequestContext rc;

        private AsCaller(RequestContext rc) {
            this.rc = rc;
        }

        @Override
        public Caller withContext(Map<String, Object> context) {
            return new AsCaller(rc.withCloudContext(context == null ? Map.of() : Map.copyOf(context)));
        }

        @Override
        public Map<String, Object> get(String className, String objectId) {
            return query.get(new PipelineRequest.Get(className, objectId, FindOptions.forGet(Map.of()), rc));
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
        public List<Map<String, Object>> find(
                String className, Map<String, Object> where, Map<String, Object> options) {
            FindOptions parsed = FindOptions.fromParams(options, config.maxLimit());
            return (List<Map<String, Object>>) query.find(new PipelineRequest.Find(className, where, parsed, rc))
                    .get("results");
        }

        @Override
        public long count(String className, Map<String, Object> where) {
            FindOptions options = FindOptions.fromParams(Map.of("count", 1, "limit", 0), config.maxLimit());
            return ((Number) query.find(new PipelineRequest.Find(className, where, options, rc))
                            .get("count"))
                    .longValue();
        }

        @Override
        public Map<String, Object> save(String className, Map<String, Object> object) {
            Map<String, Object> fields = new LinkedHashMap<>(object);
            Object objectId = fields.remove("objectId");
            if (objectId == null) {
                return write.create(new PipelineRequest.Create(className, fields, rc))
                        .response();
            }
            if (!(objectId instanceof String id)) {
                throw new ParseException(ParseError.MISSING_OBJECT_ID, "objectId must be a string");
            }
            return write.update(new PipelineRequest.Update(className, id, fields, rc));
        }

        @Override
        public void destroy(String className, String objectId) {
            write.delete(new PipelineRequest.Delete(className, objectId, rc));
        }

        @Override
        public Object run(String functionName, Map<String, Object> params) {
            return cloud.runFunction(functionName, new LinkedHashMap<>(params), rc)
                    .value();
        }
    }
}
