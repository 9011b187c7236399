package dev.jakartaparse.core.security;

import dev.jakartaparse.core.schema.SchemaRules;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one check sequence every write goes through (create, update, delete; REST, batch, Cloud
 * Code's ServerApi, jobs): the keys' reach (the read-only master key writes nothing, master-only
 * classes, join tables), class-level permissions (including addField for a new field), and which
 * stored object the caller may change: the owner rule of the class, pointer permissions and the
 * object's ACL with the caller's roles, expressed as the where clause the store updates by, so a
 * check and its write cannot drift apart.
 */
@ApplicationScoped
public class WriteGuard {

    /** Whether this caller may perform the operation (create, update, delete) on the class at all. */
    public void checkOperation(String className, String operation, Auth auth, ClassRules rules) {
        if (auth.readOnly()) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN,
                    "read-only masterKey isn't allowed to perform the " + operation + " operation.");
        }
        checkClassAccess(className, operation, auth, rules);
        if (className.startsWith("_Join:")) {
            throw new ParseException(ParseError.INVALID_CLASS_NAME, SchemaRules.invalidClassNameMessage(className));
        }
    }

    /** The classes clients may not touch at all, and what the class's rules refuse to clients. */
    static void checkClassAccess(String className, String operation, Auth auth, ClassRules rules) {
        AccessControl.enforceClassAccess(operation, className, auth);
        if (!auth.master() && !auth.readOnly()) {
            ParseException refused = rules.refuseClient(operation);
            if (refused != null) {
                throw refused;
            }
        }
    }

    /** The class-level permission of the operation (pointer permissions are left to {@link #writableObject}). */
    public void requirePermission(ClassSchema schema, String operation, Auth auth) {
        AccessControl.requirePermission(schema, operation, auth, null);
    }

    /** Before a write adds a field to the class's schema: the addField permission. */
    public void mayAddField(ClassSchema schema, Auth auth) {
        if (!auth.master()) {
            AccessControl.requirePermission(schema, "addField", auth, null);
        }
    }

    /**
     * The query that finds the object only if the caller may write it: the owner rule, pointer
     * permissions and the object's ACL (_wperm). Null when the caller may write nothing.
     */
    public Map<String, Object> writableObject(
            ClassSchema schema, String objectId, String operation, Auth auth, ClassRules rules) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        if (auth.master()) {
            return where;
        }
        if (rules.ownerField() != null) {
            if (!auth.hasUser()) {
                throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
            }
            where.put(rules.ownerField(), AccessControl.userPointer(auth.userId()));
        }
        where = AccessControl.addPointerPermissions(schema, operation, where, auth);
        return where == null ? null : AccessControl.addWriteAcl(where, auth.aclGroup());
    }
}
