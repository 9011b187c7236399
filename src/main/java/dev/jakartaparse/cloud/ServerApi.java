package dev.jakartaparse.cloud;

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
public interface ServerApi {

    /** Acting with the master key: no ACL or class-level permission applies. */
    Caller asMaster();

    /** Acting as this user (their ACLs, roles and permissions); null acts as an anonymous client. */
    Caller asUser(String userId);

    /** Acting as the owner of this session token; 209 when it is not valid. */
    Caller asSessionToken(String sessionToken);

    /** Acting as whoever called the function: the master key, its user, or an anonymous client. */
    Caller as(FunctionRequest request);

    /** The user's _User object as the master key reads it, without secrets; null when there is none. */
    Map<String, Object> userObject(String userId);

    /** Calls made as one caller. */
    interface Caller {
        /**
         * The same caller, passing this Cloud Code context to the triggers its saves and deletes
         * run (as the JS SDK's {@code save(null, {context})}); calls carry no context otherwise.
         */
        Caller withContext(Map<String, Object> context);

        /** The object; 101 when it does not exist or this caller may not read it. */
        Map<String, Object> get(String className, String objectId);

        List<Map<String, Object>> find(String className, Map<String, Object> where);

        /**
         * With REST query options: {@code order}, {@code limit} (100 by default), {@code skip},
         * {@code keys}, {@code excludeKeys}, {@code include}.
         */
        List<Map<String, Object>> find(String className, Map<String, Object> where, Map<String, Object> options);

        long count(String className, Map<String, Object> where);

        /**
         * Creates the object, or updates it when it has an objectId, and returns what the REST API
         * answers: objectId and createdAt for a create, updatedAt for an update, plus the fields
         * operations or a beforeSave changed.
         */
        Map<String, Object> save(String className, Map<String, Object> object);

        void destroy(String className, String objectId);

        /** Runs a Cloud Code function (with its validator) and returns its result. */
        Object run(String functionName, Map<String, Object> params);
    }
}
