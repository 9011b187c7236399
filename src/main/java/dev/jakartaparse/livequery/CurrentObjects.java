package dev.jakartaparse.livequery;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.PipelineRequest;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.Client;
import dev.jakartaparse.model.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a subscription matches now, for the query operation: a find through the read pipeline
 * (so the class-level permissions, ACLs, protected fields and the beforeFind/afterFind triggers
 * are a REST find's) with the subscription's where clause and keys, and REST's default limit.
 */
@ApplicationScoped
class CurrentObjects {
    @Inject
    ParseConfig config;

    @Inject
    ObjectQuery reads;

    /** The objects as JSON, each with its className as in LiveQuery's events. */
    @SuppressWarnings("unchecked")
    List<String> find(Subscriber s, Auth auth, Client client) {
        String className = s.subscription().className;
        FindOptions options =
                FindOptions.fromParams(Map.of(), config.maxLimit()).withKeys(s.keys());
        RequestContext context = RequestContext.of(auth, () -> client, Map.of(), config.serverURL());
        Map<String, Object> answer = reads.find(
                new PipelineRequest.Find(className, ObjectQuery.deepCopy(s.subscription().where), options, context));
        List<String> objects = new ArrayList<>();
        for (Object o : (List<Object>) answer.get("results")) {
            Map<String, Object> object = (Map<String, Object>) o;
            object.put("className", className);
            objects.add(Json.writeString(object));
        }
        return objects;
    }
}
