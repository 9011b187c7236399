package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master key passes every ACL and CLP; the read-only master key reads as the master key and
 * writes nothing; some classes are the master key's alone.
 */
class MasterKeysTest {
    private static final String DENIED = "Permission denied";
    private static final String LOCKED =
            "{find: {}, get: {}, count: {}, create: {}, update: {}, delete: {}, addField: {},"
                    + " protectedFields: {'*': ['secret']}}";

    @RegisterExtension
    static final Middle middle = new Middle();

    private static User alice;

    @BeforeAll
    static void users() {
        alice = middle.signUp("alice");
    }

    @Test
    void theMasterKeyPassesAclsAndClps() {
        String cls = middle.createClass("Locked", json("{secret: {type: 'String'}}"), json(LOCKED));
        String id = middle.master().create(cls, json("{secret: 's', ACL: {}}"));
        assertEquals(Set.of(id), middle.master().ids(cls, Map.of()));
        assertEquals("s", middle.master().get(cls, id).get("secret"));
        assertEquals(1, middle.master().count(cls, json("{secret: 's'}")));
        middle.master().update(cls, id, json("{secret: 't', added: 1}"));
        middle.master().delete(cls, id);
        assertEquals(0, middle.master().count(cls, Map.of()));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().find(cls, Map.of()));
    }

    @Test
    void theReadOnlyMasterKeyReadsEverything() {
        String cls = middle.createClass("Locked", json("{secret: {type: 'String'}}"), json(LOCKED));
        String id = middle.master().create(cls, json("{secret: 's', ACL: {}}"));
        assertEquals(Set.of(id), middle.readOnlyMaster().ids(cls, json("{secret: 's'}")));
        assertEquals("s", middle.readOnlyMaster().get(cls, id).get("secret"));
        assertEquals(1, middle.readOnlyMaster().count(cls, Map.of()));
        assertTrue(
                middle.readOnlyMaster().find("_Session", Map.of()).size() >= 1, "all sessions, as for the master key");
    }

    @Test
    void theReadOnlyMasterKeyWritesNothing() {
        String cls = middle.createClass("Open", null);
        String id = middle.master().create(cls, json("{n: 1}"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> middle.readOnlyMaster().create(cls, json("{n: 2}")));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> middle.readOnlyMaster().update(cls, id, json("{n: 2}")));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> middle.readOnlyMaster().delete(cls, id));
        assertEquals(1, middle.master().get(cls, id).get("n"));
    }

    @Test
    void internalClassesAreTheMasterKeysAlone() {
        for (String cls : List.of("_JobStatus", "_Idempotency", "_Join:users:_Role")) {
            assertParseError(
                    ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().find(cls, Map.of()));
        }
        for (String cls : List.of("_JobStatus", "_Hooks", "_GlobalConfig", "_Idempotency", "_Join:users:_Role")) {
            assertParseError(
                    ParseError.OPERATION_FORBIDDEN,
                    DENIED,
                    () -> middle.anonymous().create(cls, json("{n: 1}")));
        }
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().find("_Installation", Map.of()));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().delete("_Installation", "x"));
        middle.master().find("_JobStatus", Map.of());
        middle.readOnlyMaster().find("_JobStatus", Map.of());
    }
}
