package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.model.RequestContext;

import java.util.Map;

/**
 * What the read and write pipelines take: one typed request per operation, each with its class and
 * the {@link RequestContext} (caller, client, Cloud Code context). The Cloud Code trigger
 * interceptor tells the operations apart by these types and may hand the pipeline a changed copy
 * (a beforeSave's object, a beforeFind's where).
 */
public sealed interface PipelineRequest {
    String className();

    RequestContext context();

    /** A query: {@code where} as the client sent it (may be null), with the REST options. */
    record Find(String className, Map<String, Object> where, FindOptions options, RequestContext context)
            implements PipelineRequest {
        public Find withWhere(Map<String, Object> other) {
            return new Find(className, other, options, context);
        }
    }

    /** One object by id, with the REST options of a get (keys, include). */
    record Get(String className, String objectId, FindOptions options, RequestContext context)
            implements PipelineRequest {}

    /** A new object from the client's body (fields and operations). */
    record Create(String className, Map<String, Object> body, RequestContext context) implements PipelineRequest {
        public Create withBody(Map<String, Object> other) {
            return new Create(className, other, context);
        }
    }

    /** A change to an existing object: fields and operations. */
    record Update(String className, String objectId, Map<String, Object> body, RequestContext context)
            implements PipelineRequest {
        public Update withBody(Map<String, Object> other) {
            return new Update(className, objectId, other, context);
        }
    }

    record Delete(String className, String objectId, RequestContext context) implements PipelineRequest {}
}
