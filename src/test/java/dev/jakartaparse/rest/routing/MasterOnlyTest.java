package dev.jakartaparse.rest.routing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.support.HttpError;
import org.junit.jupiter.api.Test;

import java.util.List;

class MasterOnlyTest {
    private static final Auth MASTER = Auth.masterKey();
    private static final Auth READ_ONLY = Auth.readOnlyMasterKey(null);

    @Test
    void withoutAMasterKeyPermissionDenied() {
        for (Auth caller : new Auth[] {Auth.anonymous(null), Auth.user("u1", "r:t", null, null), null}) {
            for (MasterOnly rule : List.of(MasterOnly.READ_ONLY_ALLOWED, MasterOnly.refusingReadOnly("run a job"))) {
                HttpError e = assertThrows(HttpError.class, () -> rule.check(caller));
                assertEquals(403, e.status());
                assertEquals("Permission denied", e.getMessage());
            }
        }
    }

    @Test
    void theReadOnlyMasterKeyReadsButDoesNotWrite() {
        assertDoesNotThrow(() -> MasterOnly.READ_ONLY_ALLOWED.check(READ_ONLY));
        ParseException e = assertThrows(
                ParseException.class,
                () -> MasterOnly.refusingReadOnly("change a schema").check(READ_ONLY));
        assertEquals(ParseError.OPERATION_FORBIDDEN, e.code());
    }

    @Test
    void theMasterKeyPasses() {
        assertDoesNotThrow(() -> MasterOnly.READ_ONLY_ALLOWED.check(MASTER));
        assertDoesNotThrow(() -> MasterOnly.refusingReadOnly("change a schema").check(MASTER));
    }

    @Test
    void theFileRoutesRefuseTheReadOnlyKeyWithABare403() {
        HttpError delete = assertThrows(
                HttpError.class,
                () -> MasterOnly.refusingReadOnlyOverHttp("delete a file").check(READ_ONLY));
        assertEquals(403, delete.status());
        assertEquals("Permission denied", delete.clientMessage(true));
        assertEquals("read-only masterKey isn't allowed to delete a file.", delete.clientMessage(false));
        MasterOnly upload = MasterOnly.notReadOnlyOverHttp("create a file");
        assertEquals(
                403,
                assertThrows(HttpError.class, () -> upload.check(READ_ONLY)).status());
        assertDoesNotThrow(() -> upload.check(Auth.anonymous(null)), "the upload rules decide for the others");
        assertDoesNotThrow(() -> upload.check(Auth.user("u1", "r:t", null, null)));
        assertDoesNotThrow(() -> upload.check(MASTER));
    }

    /** The answers the resources gave by hand before the table declared them. */
    @Test
    void theTableKeepsEachRoutesAnswer() {
        assertEquals(MasterOnly.READ_ONLY_ALLOWED, rule("GET", "/schemas/A"));
        assertEquals(MasterOnly.refusingReadOnly("create a schema"), rule("POST", "/schemas"));
        assertEquals(MasterOnly.refusingReadOnly("create a schema"), rule("POST", "/schemas/A"));
        assertEquals(MasterOnly.refusingReadOnly("update a schema"), rule("PUT", "/schemas/A"));
        assertEquals(MasterOnly.refusingReadOnly("delete a schema"), rule("DELETE", "/schemas/A"));
        assertEquals(MasterOnly.refusingReadOnly("purge a schema"), rule("DELETE", "/purge/A"));
        assertEquals(MasterOnly.refusingReadOnly("update the config"), rule("PUT", "/config"));
        assertEquals(null, rule("GET", "/config"));
        assertEquals(MasterOnly.refusingReadOnly("run a job"), rule("POST", "/jobs/j"));
        assertEquals(MasterOnly.refusingReadOnly("run a job"), rule("POST", "/jobs"));
        assertEquals(MasterOnly.READ_ONLY_ALLOWED, rule("POST", "/cloud_code/jobs"));
        assertEquals(MasterOnly.READ_ONLY_ALLOWED, rule("GET", "/hooks/functions"));
        assertEquals(MasterOnly.refusingReadOnly("create a hook"), rule("POST", "/hooks/triggers"));
        assertEquals(MasterOnly.refusingReadOnly("modify a hook"), rule("PUT", "/hooks/triggers/A/beforeSave"));
        assertEquals(MasterOnly.READ_ONLY_ALLOWED, rule("GET", "/aggregate/A"));
        assertEquals(MasterOnly.refusingReadOnlyOverHttp("delete a file"), rule("DELETE", "/files/f.txt"));
        assertEquals(MasterOnly.notReadOnlyOverHttp("create a file"), rule("POST", "/files/f.txt"));
        assertEquals(MasterOnly.READ_ONLY_ALLOWED, rule("GET", "/scriptlog"));
        assertEquals(MasterOnly.READ_ONLY_ALLOWED, rule("GET", "/serverInfo"));
        assertEquals(null, rule("POST", "/classes/A"));
        assertEquals(null, rule("POST", "/functions/f"));
    }

    private static MasterOnly rule(String method, String path) {
        return ParseRoutes.TABLE.find(method, path).masterOnly();
    }
}
