package dev.jakartaparse.core.spi;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;

import java.util.Map;

/**
 * What a special class (one of Parse's {@code _User}, {@code _Session}, {@code _Role}, ...) adds to
 * the pipelines: steps before and after a write, how a read of it is shaped, and whose objects a
 * client may touch. One CDI bean per class; the pipelines find it by {@link #className()} and
 * never name a class themselves. Every method has a default that adds nothing, so a class says only
 * what is special about it.
 */
public interface ClassRules {

    /** A create answered otherwise than by storing the client's object (e.g. a sign-up that is a log-in). */
    record Answer(String objectId, Map<String, Object> response, int status) {}

    String className();

    /**
     * The pointer field naming the user who owns each object, when clients may only ever read and
     * write objects they own (null: no such rule). The read and write guards narrow by it.
     */
    default String ownerField() {
        return null;
    }

    /**
     * Which routes may touch the class: the error a client (not the master keys) gets for this
     * operation (get, find, count, create, update, delete), or null when clients may perform it.
     */
    default ParseException refuseClient(String operation) {
        return null;
    }

    /**
     * The object a save writes, for a class whose objects are found by other keys than the objectId
     * (an installation by its installationId or deviceToken): may check and change the data (before
     * the common checks) and clean up duplicates; returns the objectId to update, or null on a create
     * that stays a create. {@code objectId} is null on a create; a create given an objectId back is
     * answered as that object's update (200, Parse's re-registration).
     */
    default String saveTarget(String objectId, Map<String, Object> data, RequestContext rc) {
        return objectId;
    }

    /** What {@link #beforeCreate} decided: private fields to store, or an answer instead, and state for afterCreate. */
    record Prepared(Map<String, Object> secret, Answer answer, Object state) {
        public static final Prepared NOTHING = new Prepared(Map.of(), null, null);
    }

    /**
     * The first look at a create, before the common checks: may refuse it by throwing, or answer it
     * itself (e.g. a client creating its own session); null goes on.
     */
    default Answer firstLook(Map<String, Object> body, RequestContext rc) {
        return null;
    }

    /**
     * Checks a new object after the common checks and may change it; returns private fields to
     * store with it (never shown to clients), or an answer that replaces the create (e.g. a sign-up
     * with the authData of an existing user is a log-in).
     */
    default Prepared beforeCreate(String objectId, Map<String, Object> data, RequestContext rc) {
        return Prepared.NOTHING;
    }

    /** After the object is stored: may add to the client's response (e.g. a session token). */
    default void afterCreate(
            Map<String, Object> stored, Prepared prepared, Map<String, Object> response, RequestContext rc) {}

    /** Checks a change; returns private fields to store with it. */
    default Map<String, Object> beforeUpdate(
            ClassSchema schema, String objectId, Map<String, Object> data, RequestContext rc) {
        return Map.of();
    }

    /** After the change is stored: may add to the client's response. */
    default void afterUpdate(
            String objectId,
            Map<String, Object> data,
            Map<String, Object> secret,
            Map<String, Object> response,
            RequestContext rc) {}

    default void beforeDelete(String objectId, RequestContext rc) {}

    default void afterDelete(String objectId, RequestContext rc) {}

    /**
     * A write's failure as this class answers it: e.g. a duplicate username as 202, a user the
     * caller may not write as 206. {@code operation} is create, update or delete.
     */
    default ParseException translate(ParseException e, String operation, Map<String, Object> data, Auth auth) {
        return e;
    }

    /** Whether this kind of write changes who may read what, so cached roles and sessions must be forgotten. */
    default boolean changesAccess(String operation) {
        return false;
    }

    /**
     * Removes from an object read by this caller what this class never shows (e.g. other users'
     * authData); {@code own} is true when the object is the caller's own (see {@link #isOwn}).
     */
    default void shapeRead(Map<String, Object> object, Auth auth, boolean own) {}

    /** Whether the object is the caller's own, exempt from protected fields (a user reading itself). */
    default boolean isOwn(Map<String, Object> object, Auth auth) {
        return false;
    }

    /** Whether a query by this caller asks only for its own object (the caller's own user by objectId). */
    default boolean asksForOwn(Map<String, Object> where, Auth auth) {
        return false;
    }

    /** Rules for a class with nothing special. */
    ClassRules NONE = () -> null;
}
