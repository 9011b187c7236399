package dev.jakartaparse.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.core.pipeline.Caller;
import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.Role;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ObjectChanged;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One table of who may see an object (its fields and ACL, its class's CLP, who asks), run against
 * both evaluations that must agree: the query-level one of the read pipeline (_rperm, CLP and
 * pointer permissions turned into the query), and the in-memory one LiveQuery applies to every
 * event. The query-level run stores the object through the pipelines and reads it as the caller;
 * the in-memory run hands the rules the object exactly as the write pipeline published it.
 *
 * <p>In the JSON, $alice, $bob and $carol stand for the users' ids and $mods and $admins for the
 * roles' names. alice is a Mod, the Mods are among the Admins' roles and carol is an Admin: alice
 * has both roles, carol only Admins, bob none.
 */
class VisibilityTableTest {

    enum Who {
        ANONYMOUS,
        ALICE,
        BOB,
        CAROL,
        MASTER,
        READ_ONLY_MASTER
    }

    enum Op {
        FIND,
        GET
    }

    /** What the caller gets: the object, not the object, or the class refuses the query (119, 101). */
    enum Outcome {
        SEEN,
        NOT_SEEN,
        REFUSED_119,
        REFUSED_101;

        boolean visible() {
            return this == SEEN;
        }
    }

    /** One row: the object as a client creates it, the class's CLP, who asks, and what they must get. */
    record Case(String name, Op op, String object, String clp, Who who, Outcome expected) {
        @Override
        public String toString() {
            return name + " / " + who + " -> " + expected;
        }
    }

    private static final String OWNED_BY_ALICE = "{owner: {__type: 'Pointer', className: '_User', objectId: '$alice'}}";
    private static final List<Case> TABLE = List.of(
            // ACLs
            find("no ACL: public", "{n: 1}", null, Who.ANONYMOUS, Outcome.SEEN),
            find("public read", "{ACL: {'*': {read: true}}}", null, Who.ANONYMOUS, Outcome.SEEN),
            find(
                    "a user's object",
                    "{ACL: {'$alice': {read: true, write: true}}}",
                    null,
                    Who.ANONYMOUS,
                    Outcome.NOT_SEEN),
            find("a user's object", "{ACL: {'$alice': {read: true, write: true}}}", null, Who.ALICE, Outcome.SEEN),
            find("a user's object", "{ACL: {'$alice': {read: true, write: true}}}", null, Who.BOB, Outcome.NOT_SEEN),
            find("write is not read", "{ACL: {'$alice': {write: true}}}", null, Who.ALICE, Outcome.NOT_SEEN),
            find(
                    "public read refused, user granted",
                    "{ACL: {'*': {read: false}, '$alice': {read: true}}}",
                    null,
                    Who.BOB,
                    Outcome.NOT_SEEN),
            find("a role's object, member", "{ACL: {'role:$mods': {read: true}}}", null, Who.ALICE, Outcome.SEEN),
            find(
                    "a role's object, not a member",
                    "{ACL: {'role:$mods': {read: true}}}",
                    null,
                    Who.BOB,
                    Outcome.NOT_SEEN),
            find(
                    "a parent role's object, member of the child",
                    "{ACL: {'role:$admins': {read: true}}}",
                    null,
                    Who.ALICE,
                    Outcome.SEEN),
            find(
                    "a parent role's object, member",
                    "{ACL: {'role:$admins': {read: true}}}",
                    null,
                    Who.CAROL,
                    Outcome.SEEN),
            find(
                    "a child role's object, member of the parent",
                    "{ACL: {'role:$mods': {read: true}}}",
                    null,
                    Who.CAROL,
                    Outcome.NOT_SEEN),
            find("nobody's object", "{ACL: {}}", null, Who.ALICE, Outcome.NOT_SEEN),
            find("nobody's object", "{ACL: {}}", null, Who.MASTER, Outcome.SEEN),
            find("nobody's object", "{ACL: {}}", null, Who.READ_ONLY_MASTER, Outcome.SEEN),
            // class-level permissions
            find("find closed", "{n: 1}", "{find: {}}", Who.ALICE, Outcome.REFUSED_119),
            find("find closed", "{n: 1}", "{find: {}}", Who.MASTER, Outcome.SEEN),
            find("find closed", "{n: 1}", "{find: {}}", Who.READ_ONLY_MASTER, Outcome.SEEN),
            find("find for one user", "{n: 1}", "{find: {'$alice': true}}", Who.ALICE, Outcome.SEEN),
            find("find for one user", "{n: 1}", "{find: {'$alice': true}}", Who.BOB, Outcome.REFUSED_119),
            find("find for a role", "{n: 1}", "{find: {'role:$mods': true}}", Who.ALICE, Outcome.SEEN),
            find("find for a role", "{n: 1}", "{find: {'role:$mods': true}}", Who.CAROL, Outcome.REFUSED_119),
            find("find for a parent role", "{n: 1}", "{find: {'role:$admins': true}}", Who.ALICE, Outcome.SEEN),
            find(
                    "find for users",
                    "{n: 1}",
                    "{find: {requiresAuthentication: true}}",
                    Who.ANONYMOUS,
                    Outcome.REFUSED_101),
            find("find for users", "{n: 1}", "{find: {requiresAuthentication: true}}", Who.BOB, Outcome.SEEN),
            find(
                    "find for users, a user's object",
                    "{ACL: {'$alice': {read: true}}}",
                    "{find: {requiresAuthentication: true}}",
                    Who.BOB,
                    Outcome.NOT_SEEN),
            find(
                    "public find, a user's object",
                    "{ACL: {'$alice': {read: true}}}",
                    "{find: {'*': true}}",
                    Who.BOB,
                    Outcome.NOT_SEEN),
            get("get closed, find open", "{n: 1}", "{find: {'*': true}, get: {}}", Who.BOB, Outcome.REFUSED_119),
            get("get open, find closed", "{n: 1}", "{find: {}, get: {'*': true}}", Who.BOB, Outcome.SEEN),
            get("get for users", "{n: 1}", "{get: {requiresAuthentication: true}}", Who.ANONYMOUS, Outcome.REFUSED_101),
            // pointer permissions
            find("find by owner", OWNED_BY_ALICE, "{find: {pointerFields: ['owner']}}", Who.ALICE, Outcome.SEEN),
            find("find by owner", OWNED_BY_ALICE, "{find: {pointerFields: ['owner']}}", Who.BOB, Outcome.NOT_SEEN),
            find(
                    "find by owner",
                    OWNED_BY_ALICE,
                    "{find: {pointerFields: ['owner']}}",
                    Who.ANONYMOUS,
                    Outcome.NOT_SEEN),
            find(
                    "readUserFields",
                    OWNED_BY_ALICE,
                    "{find: {}, get: {}, readUserFields: ['owner']}",
                    Who.ALICE,
                    Outcome.SEEN),
            find(
                    "readUserFields",
                    OWNED_BY_ALICE,
                    "{find: {}, get: {}, readUserFields: ['owner']}",
                    Who.BOB,
                    Outcome.NOT_SEEN),
            get(
                    "readUserFields",
                    OWNED_BY_ALICE,
                    "{find: {}, get: {}, readUserFields: ['owner']}",
                    Who.ALICE,
                    Outcome.SEEN),
            get(
                    "readUserFields",
                    OWNED_BY_ALICE,
                    "{find: {}, get: {}, readUserFields: ['owner']}",
                    Who.BOB,
                    Outcome.NOT_SEEN),
            find(
                    "readUserFields, an array of users",
                    "{editors: [{__type: 'Pointer', className: '_User', objectId: '$alice'},"
                            + " {__type: 'Pointer', className: '_User', objectId: '$carol'}]}",
                    "{find: {}, readUserFields: ['editors']}",
                    Who.CAROL,
                    Outcome.SEEN),
            find(
                    "readUserFields, an array of users",
                    "{editors: [{__type: 'Pointer', className: '_User', objectId: '$alice'},"
                            + " {__type: 'Pointer', className: '_User', objectId: '$carol'}]}",
                    "{find: {}, readUserFields: ['editors']}",
                    Who.BOB,
                    Outcome.NOT_SEEN),
            find(
                    "owner, but the ACL names someone else",
                    "{owner: {__type: 'Pointer', className: '_User', objectId: '$alice'}, ACL: {'$bob': {read: true}}}",
                    "{find: {}, readUserFields: ['owner']}",
                    Who.ALICE,
                    Outcome.NOT_SEEN),
            find(
                    "granted by the CLP, not the owner",
                    OWNED_BY_ALICE,
                    "{find: {'$bob': true}, readUserFields: ['owner']}",
                    Who.BOB,
                    Outcome.SEEN),
            find(
                    "find for users and by owner, not the owner",
                    OWNED_BY_ALICE,
                    "{find: {requiresAuthentication: true}, readUserFields: ['owner']}",
                    Who.BOB,
                    Outcome.NOT_SEEN),
            find(
                    "find for users and by owner, the owner",
                    OWNED_BY_ALICE,
                    "{find: {requiresAuthentication: true}, readUserFields: ['owner']}",
                    Who.ALICE,
                    Outcome.SEEN),
            find(
                    "a pointer to another class with the user's id",
                    "{editors: [{__type: 'Pointer', className: 'Thing', objectId: '$alice'}]}",
                    "{find: {}, readUserFields: ['editors']}",
                    Who.ALICE,
                    Outcome.NOT_SEEN));

    @RegisterExtension
    static final Middle middle = new Middle()
            .option(
                    "liveQuery",
                    "{\"classNames\": ["
                            + classNames().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")) + "]}");

    private static final Map<String, String> placeholders = new LinkedHashMap<>();
    private static final Map<Who, Caller> callers = new LinkedHashMap<>();
    /** Per row: the stored object's id and the object as the write pipeline published it. */
    private static final List<String> ids = new ArrayList<>();

    private static final List<Map<String, Object>> published = new ArrayList<>();

    @BeforeAll
    static void storeEveryRowsObject() {
        User alice = middle.signUp("alice");
        User bob = middle.signUp("bob");
        User carol = middle.signUp("carol");
        Role mods = middle.createRole("Mods", List.of(alice), List.of());
        Role admins = middle.createRole("Admins", List.of(carol), List.of(mods));
        placeholders.put("$alice", alice.id());
        placeholders.put("$bob", bob.id());
        placeholders.put("$carol", carol.id());
        placeholders.put("$mods", mods.name());
        placeholders.put("$admins", admins.name());
        callers.put(Who.ANONYMOUS, middle.anonymous());
        callers.put(Who.ALICE, alice.caller());
        callers.put(Who.BOB, bob.caller());
        callers.put(Who.CAROL, carol.caller());
        callers.put(Who.MASTER, middle.master());
        callers.put(Who.READ_ONLY_MASTER, middle.readOnlyMaster());

        for (int i = 0; i < TABLE.size(); i++) {
            Case c = TABLE.get(i);
            String className = classNames().get(i);
            ids.add(middle.master().create(className, Middle.json(filled(c.object()))));
            if (c.clp() != null) {
                middle.setClassLevelPermissions(className, Middle.json(filled(c.clp())));
            }
            published.add(asLiveQueryReceivesIt(className));
        }
    }

    static List<Case> table() {
        return TABLE;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void queryLevel(Case c) {
        assertEquals(c.expected(), readThroughThePipeline(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void inMemory(Case c) {
        int row = TABLE.indexOf(c);
        String className = classNames().get(row);
        ClassSchema schema = middle.schemas().find(className).orElseThrow();
        String operation = c.op() == Op.GET ? "get" : "find";
        boolean visible =
                inMemoryVisible(schema, operation, callers.get(c.who()).auth(), published.get(row));
        assertEquals(c.expected().visible(), visible);
    }

    /** The in-memory evaluation LiveQuery makes for each event: the read guard's. */
    private static boolean inMemoryVisible(
            ClassSchema schema, String operation, Auth auth, Map<String, Object> object) {
        return middle.readGuard()
                .mayRead(schema, operation, object, auth, middle.special().of(schema.className()));
    }

    private static Outcome readThroughThePipeline(Case c) {
        int row = TABLE.indexOf(c);
        String className = classNames().get(row);
        String id = ids.get(row);
        Caller caller = callers.get(c.who());
        try {
            if (c.op() == Op.GET) {
                caller.get(className, id);
                return Outcome.SEEN;
            }
            return caller.ids(className, Map.of()).contains(id) ? Outcome.SEEN : Outcome.NOT_SEEN;
        } catch (ParseException e) {
            String answer = e.code() + " " + e.getMessage();
            return switch (answer) {
                case ParseError.OPERATION_FORBIDDEN + " Permission denied" -> Outcome.REFUSED_119;
                case ParseError.OBJECT_NOT_FOUND + " Permission denied" -> Outcome.REFUSED_101;
                case ParseError.OBJECT_NOT_FOUND + " Object not found." -> Outcome.NOT_SEEN;
                default -> throw e;
            };
        }
    }

    /** What LiveQueryPublisher puts on the bus for the last write to the class: no "_" fields, the class name. */
    private static Map<String, Object> asLiveQueryReceivesIt(String className) {
        ObjectChanged last = null;
        for (ObjectChanged change : middle.published()) {
            if (change.className().equals(className)) {
                last = change;
            }
        }
        Map<String, Object> object = new LinkedHashMap<>();
        last.object().forEach((k, v) -> {
            if (!k.startsWith("_")) {
                object.put(k, v);
            }
        });
        object.put("className", className);
        return object;
    }

    private static String filled(String json) {
        String out = json;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replace(p.getKey(), p.getValue());
        }
        return out;
    }

    private static List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TABLE.size(); i++) {
            names.add("Visibility" + i);
        }
        return names;
    }

    private static Case find(String name, String object, String clp, Who who, Outcome expected) {
        return new Case(name, Op.FIND, object, clp, who, expected);
    }

    private static Case get(String name, String object, String clp, Who who, Outcome expected) {
        return new Case(name, Op.GET, object, clp, who, expected);
    }
}
