package dev.jakartaparse.core.pipeline;

import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.config.ConfigurationError;
import dev.jakartaparse.config.RequestKeywordDenylist;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.Test;

/** requestKeywordDenylist as Parse Server applies it: found anywhere in keys and values, at any depth. */
class RequestGuardsTest {
    private static final RequestKeywordDenylist DEFAULTS = RequestKeywordDenylist.PARSE_DEFAULTS;
    private static final String CONSTRUCTOR = "Prohibited keyword in request data: {\"key\":\"constructor\"}.";
    private static final String PROTO = "Prohibited keyword in request data: {\"key\":\"__proto__\"}.";

    private static void refused(String message, String json, RequestKeywordDenylist denylist) {
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                message,
                () -> RequestGuards.rejectProhibitedKeywords(Json.parse(json), denylist));
    }

    private static void accepted(String json, RequestKeywordDenylist denylist) {
        assertDoesNotThrow(() -> RequestGuards.rejectProhibitedKeywords(Json.parse(json), denylist));
    }

    @Test
    void dotPathsAndNestedKeysAreScanned() {
        refused(PROTO, "{\"meta.__proto__.x\": 1}", DEFAULTS);
        refused(CONSTRUCTOR, "{\"a.constructor.prototype.y\": {\"__op\": \"Increment\", \"amount\": 1}}", DEFAULTS);
        refused(CONSTRUCTOR, "{\"a\": [{\"b\": {\"myconstructor\": 1}}]}", DEFAULTS);
        refused(
                "Prohibited keyword in request data: {\"key\":\"_bsontype\",\"value\":\"Code\"}.",
                "{\"n\": {\"_bsontype\": \"XCode\"}}",
                DEFAULTS);
        accepted("{\"n\": {\"_bsontype\": \"Other\"}, \"prototype\": 1, \"s\": \"constructor\"}", DEFAULTS);
    }

    @Test
    void theOptionReplacesTheDefaults() {
        RequestKeywordDenylist own =
                RequestKeywordDenylist.from(Json.parse("[{\"key\": \"^secret\"}, {\"value\": 13}, {\"value\": true}]"));
        accepted("{\"constructor\": 1}", own);
        refused("Prohibited keyword in request data: {\"key\":\"^secret\"}.", "{\"a\": {\"secretX\": 1}}", own);
        accepted("{\"a\": {\"notsecret\": 1}}", own);
        refused("Prohibited keyword in request data: {\"value\":13}.", "{\"a\": [1, 13]}", own);
        refused("Prohibited keyword in request data: {\"value\":13}.", "{\"a\": \"x13y\"}", own);
        refused("Prohibited keyword in request data: {\"value\":true}.", "{\"a\": true}", own);
        accepted("{\"a\": 14, \"b\": false}", own);
        accepted("{\"constructor\": 1}", RequestKeywordDenylist.from(Json.parse("[]")));
    }

    @Test
    void aMalformedOptionStopsTheStart() {
        assertThrows(ConfigurationError.class, () -> RequestKeywordDenylist.from(Json.parse("{\"key\": \"x\"}")));
        assertThrows(ConfigurationError.class, () -> RequestKeywordDenylist.from(Json.parse("[{\"other\": 1}]")));
        assertThrows(ConfigurationError.class, () -> RequestKeywordDenylist.from(Json.parse("[{\"key\": \"(\"}]")));
        assertThrows(ConfigurationError.class, () -> RequestKeywordDenylist.from(Json.parse("[{\"key\": {}}]")));
    }
}
