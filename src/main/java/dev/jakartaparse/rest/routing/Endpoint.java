package dev.jakartaparse.rest.routing;

/** What a route serves; with the HTTP method it names the operation (OBJECTS + POST creates). */
public enum Endpoint {
    /** A class's objects: find (GET), create (POST); /classes/{className} and the alias routes (/users ...). */
    OBJECTS,
    /** One object: get, update, delete; /classes/{className}/{objectId} and the alias routes. */
    OBJECT,
    CURRENT_USER,
    CURRENT_SESSION,
    LOGIN,
    /** Log-in as any user with the master key (POST /loginAs). */
    LOGIN_AS,
    /** Checks a user's password without opening a session (GET/POST /verifyPassword). */
    VERIFY_PASSWORD,
    LOGOUT,
    UPGRADE_SESSION,
    VERIFICATION_EMAIL_REQUEST,
    PASSWORD_RESET_REQUEST,
    /** The pages linked from account emails (/apps/{appId}/...). */
    EMAIL_PAGES,
    FUNCTION,
    JOB,
    /** Parse Dashboard's job schedules (/cloud_code/jobs). */
    JOB_SCHEDULES,
    BATCH,
    CONFIG,
    SCHEMAS,
    PURGE,
    AGGREGATE,
    HOOKS,
    FILES,
    SCRIPT_LOG,
    HEALTH,
    SERVER_INFO,
    /** Analytics events clients report (POST /events/{eventName}). */
    EVENTS,
    /** POST /push: sends a push notification. */
    PUSH,
    /** Parse Dashboard's saved push audiences (/push_audiences). */
    PUSH_AUDIENCES
}
