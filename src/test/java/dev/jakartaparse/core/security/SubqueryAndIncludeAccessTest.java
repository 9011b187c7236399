package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads that reach other objects ($inQuery, $notInQuery, $select, $relatedTo, include) run as the
 * caller: they never reveal, match or expand an object the caller cannot read.
 */
class SubqueryAndIncludeAccessTest {
    @RegisterExtension
    static final Middle middle = new Middle();

    private static User alice;
    private static User bob;

    @BeforeAll
    static void users() {
        alice = middle.signUp("alice");
        bob = middle.signUp("bob");
    }

    private static Map<String, Object> privateTo(User user, String json) {
        Map<String, Object> object = json(json);
        object.put("ACL", json("{'%s': {read: true, write: true}}", user.id()));
        return object;
    }

    private static Map<String, Object> linkTo(String className, String objectId, String tag) {
        return json(
                "{tag: '%s', target: {__type: 'Pointer', className: '%s', objectId: '%s'}}", tag, className, objectId);
    }

    @Test
    void anUnreadableIncludeIsDropped() {
        String docs = middle.createClass("Doc", null);
        String links = middle.createClass("Link", null);
        String secret = middle.master().create(docs, privateTo(alice, "{title: 'secret'}"));
        String open = middle.master().create(docs, json("{title: 'open'}"));
        String toSecret = middle.anonymous().create(links, linkTo(docs, secret, "s"));
        String toOpen = middle.anonymous().create(links, linkTo(docs, open, "o"));

        Map<String, Object> byBob = bob.caller().get(links, toSecret, Map.of("include", "target"));
        assertFalse(byBob.containsKey("target"), "an unreadable include is dropped, as Parse does");
        assertEquals(
                Map.of("__type", "Object", "className", docs, "title", "secret"),
                withoutDates(
                        alice.caller()
                                .get(links, toSecret, Map.of("include", "target"))
                                .get("target"),
                        secret));
        assertEquals(
                "open",
                ((Map<?, ?>) bob.caller()
                                .get(links, toOpen, Map.of("include", "target"))
                                .get("target"))
                        .get("title"));
        Map<String, Object> notIncluded = bob.caller().get(links, toSecret);
        assertEquals(
                Map.of("__type", "Pointer", "className", docs, "objectId", secret),
                notIncluded.get("target"),
                "without include the pointer is only a pointer");
    }

    @Test
    void anIncludeIntoAClassTheCallerMayNotFindFailsTheQuery() {
        String docs = middle.createClass("Doc", json("{find: {'%s': true}, get: {'*': true}}", alice.id()));
        String links = middle.createClass("Link", null);
        String doc = middle.master().create(docs, json("{title: 't'}"));
        String link = middle.anonymous().create(links, linkTo(docs, doc, "t"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                "Permission denied",
                () -> bob.caller().get(links, link, Map.of("include", "target")));
        assertEquals(
                "t",
                ((Map<?, ?>) alice.caller()
                                .get(links, link, Map.of("include", "target"))
                                .get("target"))
                        .get("title"));
    }

    @Test
    void inQueryAndSelectMatchOnlyReadableObjects() {
        String docs = middle.createClass("Doc", null);
        String links = middle.createClass("Link", null);
        String secret = middle.master().create(docs, privateTo(alice, "{title: 'secret', kind: 'inc'}"));
        String link = middle.anonymous().create(links, linkTo(docs, secret, "inc"));
        Map<String, Object> inQuery = json("{target: {$inQuery: {className: '%s', where: {title: 'secret'}}}}", docs);
        Map<String, Object> select = json("{tag: {$select: {query: {className: '%s', where: {}}, key: 'kind'}}}", docs);
        Map<String, Object> notInQuery = json("{target: {$notInQuery: {className: '%s', where: {}}}}", docs);
        Map<String, Object> dontSelect =
                json("{tag: {$dontSelect: {query: {className: '%s', where: {}}, key: 'kind'}}}", docs);

        assertEquals(Set.of(), bob.caller().ids(links, inQuery), "$inQuery must not match what bob cannot read");
        assertEquals(Set.of(), bob.caller().ids(links, select), "$select must not read values bob cannot read");
        assertEquals(Set.of(link), bob.caller().ids(links, notInQuery), "for bob there is nothing to exclude");
        assertEquals(Set.of(link), bob.caller().ids(links, dontSelect));
        assertEquals(Set.of(link), alice.caller().ids(links, inQuery));
        assertEquals(Set.of(link), alice.caller().ids(links, select));
        assertEquals(Set.of(), alice.caller().ids(links, notInQuery));
        assertEquals(Set.of(), alice.caller().ids(links, dontSelect));
    }

    @Test
    void aSubqueryIntoAClosedClassIsRefused() {
        String docs = middle.createClass("Doc", json("{find: {'%s': true}}", alice.id()));
        String links = middle.createClass("Link", null);
        String doc = middle.master().create(docs, json("{title: 't'}"));
        middle.anonymous().create(links, linkTo(docs, doc, "t"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                "Permission denied",
                () -> bob.caller().find(links, json("{target: {$inQuery: {className: '%s', where: {}}}}", docs)));
        assertEquals(
                1,
                alice.caller()
                        .find(links, json("{target: {$inQuery: {className: '%s', where: {}}}}", docs))
                        .size());
    }

    @Test
    void relatedToFindsOnlyReadableMembers() {
        String docs = middle.createClass("Doc", null);
        String lists = middle.createClass("List", null);
        String open = middle.master().create(docs, json("{title: 'open'}"));
        String secret = middle.master().create(docs, privateTo(alice, "{title: 'secret'}"));
        String list = middle.master()
                .create(
                        lists,
                        json(
                                "{members: {__op: 'AddRelation', objects: ["
                                        + "{__type: 'Pointer', className: '%s', objectId: '%s'}, {__type: 'Pointer', className: '%s', objectId: '%s'}]}}",
                                docs, open, docs, secret));
        Map<String, Object> related = json(
                "{$relatedTo: {object: {__type: 'Pointer', className: '%s', objectId: '%s'}," + " key: 'members'}}",
                lists, list);

        assertEquals(Set.of(open), bob.caller().ids(docs, related));
        assertEquals(Set.of(open, secret), alice.caller().ids(docs, related));
        assertEquals(1, bob.caller().count(docs, related));
        // a relation field in a where clause goes through the same join table, and the same ACLs
        Map<String, Object> holding =
                json("{members: {__type: 'Pointer', className: '%s', objectId: '%s'}}", docs, secret);
        assertEquals(Set.of(list), bob.caller().ids(lists, holding));
    }

    /** As Parse Server 9.10: $relatedTo reads the join table only for a caller who may read the owner. */
    @Test
    void aRelationOfAnUnreadableOwnerShowsNoMembers() {
        String docs = middle.createClass("Doc", null);
        String lists = middle.createClass("List", null);
        String open = middle.master().create(docs, json("{title: 'open'}"));
        String secret = middle.master().create(docs, privateTo(alice, "{title: 'secret'}"));
        Map<String, Object> list = privateTo(alice, "{}");
        list.put(
                "members",
                json(
                        "{__op: 'AddRelation', objects: [{__type: 'Pointer', className: '%s', objectId: '%s'},"
                                + " {__type: 'Pointer', className: '%s', objectId: '%s'}]}",
                        docs, open, docs, secret));
        String listId = middle.master().create(lists, list);
        Map<String, Object> related = json(
                "{$relatedTo: {object: {__type: 'Pointer', className: '%s', objectId: '%s'}," + " key: 'members'}}",
                lists, listId);
        assertEquals(Set.of(), bob.caller().ids(docs, related));
        assertEquals(Set.of(open, secret), alice.caller().ids(docs, related));
    }

    private static Map<String, Object> withoutDates(Object included, String expectedId) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) included);
        assertEquals(expectedId, copy.remove("objectId"));
        for (String meta : List.of("createdAt", "updatedAt", "ACL")) {
            copy.remove(meta);
        }
        return copy;
    }
}
