package dev.jakartaparse.core.classes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.config.InstallationOptions;
import dev.jakartaparse.core.classes.InstallationRules.InstallationSave;
import dev.jakartaparse.core.classes.InstallationRules.InstallationSave.Cleanup;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which installation a save writes and which others it cleans, as Parse Server's handleInstallation decides. */
class InstallationSaveTest {
    private static final InstallationOptions DEFAULTS = InstallationOptions.PARSE_DEFAULTS;
    private static final Auth CLIENT = Auth.anonymous(null);

    private static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> row(String objectId, String installationId, String token, String type) {
        Map<String, Object> m = new HashMap<>();
        m.put("objectId", objectId);
        if (installationId != null) m.put("installationId", installationId);
        if (token != null) m.put("deviceToken", token);
        if (type != null) m.put("deviceType", type);
        return m;
    }

    private static int code(Runnable r) {
        return assertThrows(ParseException.class, r::run).code();
    }

    @Test
    void aCreateNeedsAnIdAndANewInstallationADeviceType() {
        assertEquals(135, code(() -> InstallationSave.of(null, data("deviceType", "ios"), CLIENT)));
        // the client's header id is enough to look up; a new installation still needs a deviceType
        InstallationSave s = InstallationSave.of(null, data(), Auth.anonymous("ABC"));
        assertEquals(List.of(Map.of("installationId", "abc")), s.lookups());
        assertEquals(135, code(() -> s.plan(List.of(), DEFAULTS)));
        assertEquals(
                "o1", s.plan(List.of(row("o1", "abc", null, "ios")), DEFAULTS).targetId());
    }

    @Test
    void idsAreLowerCasedAndOnlyApnsLengthTokens() {
        String apns = "AB".repeat(32);
        Map<String, Object> d = data("installationId", "ID-X", "deviceToken", apns, "deviceType", "ios");
        InstallationSave.of(null, d, CLIENT);
        assertEquals("id-x", d.get("installationId"));
        assertEquals("ab".repeat(32), d.get("deviceToken"));
        Map<String, Object> fcm = data("deviceToken", "FcmToken", "deviceType", "android");
        InstallationSave.of(null, fcm, CLIENT);
        assertEquals("FcmToken", fcm.get("deviceToken"));
        assertEquals(111, code(() -> InstallationSave.of(null, data("installationId", 12), CLIENT)));
    }

    @Test
    void anUpdateThatNamesNoIdNeedsNoLookup() {
        assertNull(InstallationSave.of("o1", data("badge", 2), Auth.masterKey(null)));
    }

    @Test
    void anUpdateKeepsDeviceTypeAndInstallationId() {
        List<Map<String, Object>> stored = List.of(row("o1", "abc", null, "ios"));
        assertEquals(
                136,
                code(() -> InstallationSave.of("o1", data("deviceType", "android"), CLIENT)
                        .plan(stored, DEFAULTS)));
        assertEquals(
                136,
                code(() -> InstallationSave.of("o1", data("installationId", "other"), CLIENT)
                        .plan(stored, DEFAULTS)));
        assertEquals(
                101,
                code(() -> InstallationSave.of("o2", data("deviceType", "ios"), CLIENT)
                        .plan(stored, DEFAULTS)));
        assertEquals(
                "o1",
                InstallationSave.of("o1", data("installationId", "ABC"), CLIENT)
                        .plan(stored, DEFAULTS)
                        .targetId());
    }

    @Test
    void aTokenHeldElsewhereIsTakenFromTheOthers() {
        InstallationSave s = InstallationSave.of(
                null, data("installationId", "new", "deviceToken", "t", "deviceType", "ios"), CLIENT);
        InstallationSave.Plan plan = s.plan(List.of(row("o1", "old", "t", "ios")), DEFAULTS);
        assertNull(plan.targetId(), "a new installation");
        assertEquals(
                List.of(new Cleanup(Map.of("deviceToken", "t", "installationId", Map.of("$ne", "new")), "deviceToken")),
                plan.cleanups());
        // several holders and no installationId: Parse's 132
        InstallationSave bare = InstallationSave.of(null, data("deviceToken", "t", "deviceType", "ios"), CLIENT);
        assertEquals(
                132, code(() -> bare.plan(List.of(row("o1", "a", "t", "ios"), row("o2", "b", "t", "ios")), DEFAULTS)));
        // one holder without an installationId: that is the installation
        assertEquals(
                "o1", bare.plan(List.of(row("o1", null, "t", "ios")), DEFAULTS).targetId());
    }

    @Test
    void aTokenRowAndAnIdRowMergeByTheMergePriority() {
        List<Map<String, Object>> found = List.of(row("byId", "abc", null, "ios"), row("byToken", null, "t", "ios"));
        InstallationSave s = InstallationSave.of(null, data("installationId", "abc", "deviceToken", "t"), CLIENT);
        InstallationSave.Plan tokenWins = s.plan(found, DEFAULTS);
        assertEquals("byToken", tokenWins.targetId());
        assertEquals(List.of(new Cleanup(Map.of("objectId", "byId"), "installationId")), tokenWins.cleanups());
        InstallationSave.Plan idWins = s.plan(found, new InstallationOptions(true, false));
        assertEquals("byId", idWins.targetId());
        assertEquals(List.of(new Cleanup(Map.of("objectId", "byToken"), "deviceToken")), idWins.cleanups());
    }
}
