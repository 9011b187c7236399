package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.RequestContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Someone calling the pipelines the way the REST layer does for a client: the master key, the
 * read-only master key, an anonymous client or a user. A user's {@link Auth} is made again for
 * every call, from the session token, as for every request (so role changes are seen).
 */
public final class Caller {
    private final Middle middle;
    private final Supplier<Auth> auth;

    Caller(Middle middle, Supplier<Auth> auth) {
        this.middle = middle;
        this.auth = auth;
    }

    public Auth auth() {
        return auth.get();
    }

    public RequestContext context() {
        return RequestContext.internal(auth());
    }

    /** POST /classes/X: the new object's id. */
    public String create(String className, Map<String, Object> body) {
        return created(className, body).objectId();
    }

    /** POST /classes/X: the whole outcome (id, response body, status). */
    public ObjectWrite.Created created(String className, Map<String, Object> body) {
        return middle.write().create(new PipelineRequest.Create(className, body, context()));
    }

    /** PUT /classes/X/id: the response body. */
    public Map<String, Object> update(String className, String objectId, Map<String, Object> body) {
        return middle.write().update(new PipelineRequest.Update(className, objectId, body, context()));
    }

    /** DELETE /classes/X/id. */
    public void delete(String className, String objectId) {
        middle.write().delete(new PipelineRequest.Delete(className, objectId, context()));
    }

    /** GET /classes/X?where=...: the results. */
    public List<Map<String, Object>> find(String className, Map<String, Object> where) {
        return find(className, where, Map.of());
    }

    /** GET /classes/X with where and the other query parameters (keys, include, order, ...). */
    public List<Map<String, Object>> find(String className, Map<String, Object> where, Map<String, Object> params) {
        return results(findResponse(className, where, params));
    }

    /** The objectIds a find answers (the store's order is not the order of creation). */
    public Set<String> ids(String className, Map<String, Object> where) {
        Set<String> ids = new LinkedHashSet<>();
        find(className, where).forEach(o -> ids.add((String) o.get("objectId")));
        return ids;
    }

    /** The whole answer of a find ({"results": [...], "count": n}). */
    public Map<String, Object> findResponse(String className, Map<String, Object> where, Map<String, Object> params) {
        FindOptions options = FindOptions.fromParams(params, middle.config().maxLimit());
        return middle.query().find(new PipelineRequest.Find(className, where, options, context()));
    }

    /** GET /classes/X?count=1&limit=0. */
    public long count(String className, Map<String, Object> where) {
        return ((Number) findResponse(className, where, Map.of("count", 1, "limit", 0))
                        .get("count"))
                .longValue();
    }

    /** GET /classes/X/id. */
    public Map<String, Object> get(String className, String objectId) {
        return get(className, objectId, Map.of());
    }

    /** GET /classes/X/id with keys, include or excludeKeys. */
    public Map<String, Object> get(String className, String objectId, Map<String, Object> params) {
        return middle.query().get(new PipelineRequest.Get(className, objectId, FindOptions.forGet(params), context()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> response) {
        return (List<Map<String, Object>>) response.get("results");
    }
}
