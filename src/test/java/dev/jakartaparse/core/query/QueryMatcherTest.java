package dev.jakartaparse.core.query;

import static dev.jakartaparse.core.query.Json.map;
import static dev.jakartaparse.core.query.Json.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class QueryMatcherTest {

    private static final String GAME =
            "{objectId: 'g1', createdAt: '2026-11-23T10:00:00.123Z', updatedAt: '2026-11-24T08:30:00.000Z',"
                    + " score: 42, name: 'Alice', cheat: false, tags: ['red', 'blue'], nums: [1, 5, 9],"
                    + " meta: {level: 3, nested: {ok: true}}, nothing: null,"
                    + " owner: {__type: 'Pointer', className: '_User', objectId: 'u1'},"
                    + " when: {__type: 'Date', iso: '2026-01-01T00:00:00.000Z'}}";

    private static void assertError(int code, String message, String object, String where) {
        ParseException e = assertThrows(ParseException.class, () -> matches(object, where));
        assertEquals(code, e.code());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }

    @Nested
    class Basics {
        @Test
        void emptyOrNullWhereMatchesEverything() {
            assertTrue(QueryMatcher.matches(map(GAME), Map.of()));
            assertTrue(QueryMatcher.matches(map(GAME), null));
            assertTrue(QueryMatcher.matches(null, Map.of()));
        }

        @Test
        void allKeysMustMatch() {
            assertTrue(matches(GAME, "{score: 42, name: 'Alice'}"));
            assertFalse(matches(GAME, "{score: 42, name: 'Bob'}"));
        }

        @Test
        void compiledQueryIsReusable() {
            CompiledQuery q = QueryMatcher.compile(map("{score: {$gt: 10}}"));
            assertTrue(q.matches(map("{score: 11}")));
            assertFalse(q.matches(map("{score: 9}")));
            assertFalse(q.matches(null));
        }
    }

    @Nested
    class Equality {
        @Test
        void scalars() {
            assertTrue(matches(GAME, "{name: 'Alice'}"));
            assertFalse(matches(GAME, "{name: 'alice'}"));
            assertTrue(matches(GAME, "{cheat: false}"));
            assertFalse(matches(GAME, "{cheat: true}"));
            assertFalse(matches(GAME, "{missing: 'x'}"));
        }

        @Test
        void numbersCompareAcrossTypes() {
            assertTrue(matches(GAME, "{score: 42.0}"));
            Map<String, Object> obj = new HashMap<>();
            obj.put("n", 42L);
            assertTrue(QueryMatcher.matches(obj, Map.of("n", new BigDecimal("42.00"))));
            assertTrue(QueryMatcher.matches(obj, Map.of("n", BigInteger.valueOf(42))));
            assertTrue(QueryMatcher.matches(obj, Map.of("n", 42)));
            assertFalse(QueryMatcher.matches(obj, Map.of("n", 42.5)));
        }

        @Test
        void largeLongsAreComparedExactly() {
            Map<String, Object> obj = Map.of("n", 9007199254740993L); // 2^53 + 1, not a double
            assertFalse(QueryMatcher.matches(obj, Map.of("n", 9007199254740992.0)));
            assertTrue(QueryMatcher.matches(obj, Map.of("n", new BigDecimal("9007199254740993"))));
        }

        @Test
        void negativeZeroEqualsZeroAndNanEqualsNan() {
            assertTrue(matches("{n: -0.0}", "{n: 0}"));
            assertTrue(matches("{n: -0.0}", "{n: {$gte: 0.0}}"));
            assertTrue(QueryMatcher.matches(Map.of("n", Double.NaN), Map.of("n", Double.NaN)));
            assertFalse(QueryMatcher.matches(Map.of("n", Double.NaN), Map.of("n", Map.of("$gt", -1e308))));
        }

        @Test
        void numberNeverEqualsString() {
            assertFalse(matches(GAME, "{score: '42'}"));
            assertFalse(matches("{s: '42'}", "{s: 42}"));
        }

        @Test
        void nullMatchesNullAndMissing() {
            assertTrue(matches(GAME, "{nothing: null}"));
            assertTrue(matches(GAME, "{missing: null}"));
            assertFalse(matches(GAME, "{score: null}"));
            assertTrue(matches("{a: [1, null]}", "{a: null}"));
        }

        @Test
        void arrayFieldContainsValue() {
            assertTrue(matches(GAME, "{tags: 'red'}"));
            assertFalse(matches(GAME, "{tags: 'green'}"));
            assertTrue(matches(GAME, "{nums: 5.0}"));
        }

        @Test
        void arrayValueMatchesWholeArrayInOrder() {
            assertTrue(matches(GAME, "{tags: ['red', 'blue']}"));
            assertFalse(matches(GAME, "{tags: ['blue', 'red']}"));
            assertFalse(matches(GAME, "{tags: ['red']}"));
            assertTrue(matches("{a: [[1, 2], [3]]}", "{a: [3]}"));
        }

        @Test
        void plainObjectsCompareByContent() {
            assertTrue(matches(GAME, "{meta: {nested: {ok: true}, level: 3}}"));
            assertFalse(matches(GAME, "{meta: {level: 3}}"));
        }

        @Test
        void pointerEqualityUsesClassAndId() {
            assertTrue(matches(GAME, "{owner: {__type: 'Pointer', className: '_User', objectId: 'u1'}}"));
            assertFalse(matches(GAME, "{owner: {__type: 'Pointer', className: '_User', objectId: 'u2'}}"));
            assertFalse(matches(GAME, "{owner: {__type: 'Pointer', className: 'Other', objectId: 'u1'}}"));
        }

        @Test
        void includedObjectCountsAsItsPointer() {
            String obj = "{owner: {__type: 'Object', className: '_User', objectId: 'u1', username: 'al'}}";
            assertTrue(matches(obj, "{owner: {__type: 'Pointer', className: '_User', objectId: 'u1'}}"));
            assertTrue(matches(obj, "{owner: {$in: [{__type: 'Pointer', className: '_User', objectId: 'u1'}]}}"));
            assertFalse(matches(obj, "{owner: {$ne: {__type: 'Pointer', className: '_User', objectId: 'u1'}}}"));
        }

        @Test
        void plainStringDoesNotEqualPointer() {
            // Parse sends a bare string unchanged, which never equals the stored "Class$id".
            assertFalse(matches(GAME, "{owner: 'u1'}"));
        }

        @Test
        void pointerInArrayField() {
            String obj = "{players: [{__type: 'Pointer', className: 'P', objectId: 'a'},"
                    + " {__type: 'Pointer', className: 'P', objectId: 'b'}]}";
            assertTrue(matches(obj, "{players: {__type: 'Pointer', className: 'P', objectId: 'b'}}"));
            assertFalse(matches(obj, "{players: {__type: 'Pointer', className: 'P', objectId: 'c'}}"));
        }

        @Test
        void typedValues() {
            assertTrue(matches(
                    "{f: {__type: 'File', name: 'a.png', url: 'http://x/a.png'}}",
                    "{f: {__type: 'File', name: 'a.png', url: 'http://other/a.png'}}"));
            assertTrue(matches("{b: {__type: 'Bytes', base64: 'AAE='}}", "{b: {__type: 'Bytes', base64: 'AAE='}}"));
            assertFalse(matches("{b: {__type: 'Bytes', base64: 'AAE='}}", "{b: {__type: 'Bytes', base64: 'AAI='}}"));
            assertTrue(matches(
                    "{g: {__type: 'GeoPoint', latitude: 44, longitude: -11}}",
                    "{g: {__type: 'GeoPoint', latitude: 44.0, longitude: -11.0}}"));
            assertFalse(matches(
                    "{g: {__type: 'GeoPoint', latitude: 44, longitude: -11}}",
                    "{g: {__type: 'GeoPoint', latitude: 0, longitude: 0}}"));
        }

        @Test
        void eqOperatorBehavesLikeEquality() {
            assertTrue(matches(GAME, "{score: {$eq: 42}}"));
            assertTrue(matches(GAME, "{tags: {$eq: 'blue'}}"));
            assertFalse(matches(GAME, "{score: {$eq: 43}}"));
            assertTrue(matches(GAME, "{missing: {$eq: null}}"));
        }

        @Test
        void stringOperandOfOperatorsMatchesPointerId() {
            // Parse rewrites string operands of $eq/$in/$nin on pointer columns to "Class$id".
            assertTrue(matches(GAME, "{owner: {$eq: 'u1'}}"));
            assertTrue(matches(GAME, "{owner: {$in: ['u0', 'u1']}}"));
            assertFalse(matches(GAME, "{owner: {$nin: ['u1']}}"));
        }
    }

    @Nested
    class Dates {
        @Test
        void createdAtComparesAsInstantWithDateValues() {
            assertTrue(matches(GAME, "{createdAt: {$gt: {__type: 'Date', iso: '2026-11-23T10:00:00.122Z'}}}"));
            assertFalse(matches(GAME, "{createdAt: {$gt: {__type: 'Date', iso: '2026-11-23T10:00:00.123Z'}}}"));
            assertTrue(matches(GAME, "{createdAt: {$gte: {__type: 'Date', iso: '2026-11-23T10:00:00.123Z'}}}"));
            assertTrue(matches(GAME, "{updatedAt: {$lt: {__type: 'Date', iso: '2027-01-01T00:00:00Z'}}}"));
            assertFalse(matches(GAME, "{updatedAt: {$lte: {__type: 'Date', iso: '2026-11-24T08:29:59.999Z'}}}"));
        }

        @Test
        void createdAtEqualityWithDateOrIsoString() {
            assertTrue(matches(GAME, "{createdAt: {__type: 'Date', iso: '2026-11-23T10:00:00.123Z'}}"));
            assertTrue(matches(GAME, "{createdAt: '2026-11-23T10:00:00.123Z'}"));
            assertTrue(matches(GAME, "{createdAt: '2026-11-23T11:00:00.123+01:00'}"));
            assertFalse(matches(GAME, "{createdAt: '2026-11-23T10:00:00.124Z'}"));
            assertFalse(matches(GAME, "{createdAt: 'not a date'}"));
        }

        @Test
        void isoVariantsParseToTheSameInstant() {
            String obj = "{createdAt: '2026-11-23T10:00:00.5Z'}";
            assertTrue(matches(obj, "{createdAt: {__type: 'Date', iso: '2026-11-23T10:00:00.500Z'}}"));
            assertTrue(matches(obj, "{createdAt: {$lt: {__type: 'Date', iso: '2026-11-23T10:00:00.500000001Z'}}}"));
            assertTrue(matches(
                    "{createdAt: '2026-11-23T10:00:00Z'}",
                    "{createdAt: {__type: 'Date', iso: '2026-11-23T10:00:00.000Z'}}"));
            assertTrue(matches(
                    "{createdAt: '2024-02-29T23:59:59.999Z'}",
                    "{createdAt: {$lt: {__type: 'Date', iso: '2024-03-01T00:00:00Z'}}}"));
            assertEquals(Instant.parse("1969-12-31T23:59:59.999Z"), ParseValues.parseIso("1969-12-31T23:59:59.999Z"));
            assertEquals(null, ParseValues.parseIso("2026-02-30T10:00:00.000Z"));
            assertEquals(Instant.parse("2026-11-23T09:00:00Z"), ParseValues.parseIso("2026-11-23T10:00:00+01:00"));
        }

        @Test
        void operatorsWithPlainStringsDoNotMatchDateColumns() {
            // Parse sends the string as-is; MongoDB never orders a string against a date.
            assertFalse(matches(GAME, "{createdAt: {$gt: '2020-01-01T00:00:00.000Z'}}"));
        }

        @Test
        void dateFields() {
            assertTrue(matches(GAME, "{when: {__type: 'Date', iso: '2026-01-01T00:00:00Z'}}"));
            assertTrue(matches(GAME, "{when: {$lt: {__type: 'Date', iso: '2026-01-01T00:00:00.001Z'}}}"));
            assertFalse(matches(GAME, "{when: {$gt: {__type: 'Date', iso: '2026-01-01T00:00:00.001Z'}}}"));
            assertTrue(matches(GAME, "{when: {$in: [{__type: 'Date', iso: '2026-01-01T00:00:00.000Z'}]}}"));
            assertTrue(matches(GAME, "{when: {$ne: {__type: 'Date', iso: '2025-01-01T00:00:00.000Z'}}}"));
        }

        @Test
        void dateNeverEqualsItsIsoStringInOrdinaryFields() {
            assertFalse(matches(
                    "{s: '2026-01-01T00:00:00.000Z'}", "{s: {__type: 'Date', iso: '2026-01-01T00:00:00.000Z'}}"));
            assertFalse(matches(GAME, "{when: '2026-01-01T00:00:00.000Z'}"));
        }

        @Test
        void relativeTime() {
            String now = Instant.now().toString();
            String obj = "{d: {__type: 'Date', iso: '" + now + "'}}";
            assertTrue(matches(obj, "{d: {$gt: {$relativeTime: '1 day ago'}}}"));
            assertTrue(matches(obj, "{d: {$lt: {$relativeTime: 'in 2 hours'}}}"));
            assertFalse(matches(obj, "{d: {$gt: {$relativeTime: 'in 1 week'}}}"));
            assertTrue(matches(
                    "{createdAt: '2000-01-01T00:00:00Z'}", "{createdAt: {$lt: {$relativeTime: '1 year ago'}}}"));
        }

        @Test
        void relativeTimeErrors() {
            assertError(
                    ParseError.INVALID_JSON,
                    "$relativeTime can only be used with the $lt, $lte, $gt, and $gte operators",
                    "{}",
                    "{d: {$eq: {$relativeTime: '1 day ago'}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $relativeTime ($lt) value. Time should either start with 'in' or end with 'ago'",
                    "{}",
                    "{d: {$lt: {$relativeTime: '1 day'}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $relativeTime ($gt) value. Invalid interval: 'fortnights'",
                    "{}",
                    "{d: {$gt: {$relativeTime: 'in 2 fortnights'}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $relativeTime ($gt) value. Time cannot have both 'in' and 'ago'",
                    "{}",
                    "{d: {$gt: {$relativeTime: 'in 2 days ago'}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $relativeTime ($gt) value. '1.5' is not an integer.",
                    "{}",
                    "{d: {$gt: {$relativeTime: 'in 1.5 days'}}}");
        }
    }

    @Nested
    class Comparisons {
        @Test
        void numbers() {
            assertTrue(matches(GAME, "{score: {$gt: 41}}"));
            assertFalse(matches(GAME, "{score: {$gt: 42}}"));
            assertTrue(matches(GAME, "{score: {$gte: 42}}"));
            assertTrue(matches(GAME, "{score: {$lt: 42.5}}"));
            assertFalse(matches(GAME, "{score: {$lt: 42}}"));
            assertTrue(matches(GAME, "{score: {$lte: 42}}"));
            assertTrue(matches(GAME, "{score: {$gt: 40, $lt: 50}}"));
            assertFalse(matches(GAME, "{score: {$gt: 40, $lt: 41}}"));
        }

        @Test
        void strings() {
            assertTrue(matches(GAME, "{name: {$gt: 'Aardvark'}}"));
            assertTrue(matches(GAME, "{name: {$lt: 'alice'}}")); // binary order: upper case first
            assertFalse(matches(GAME, "{name: {$gte: 'B'}}"));
        }

        @Test
        void typeBracketing() {
            assertFalse(matches(GAME, "{score: {$gt: 'a'}}"));
            assertFalse(matches(GAME, "{name: {$gt: 1}}"));
            assertFalse(matches(GAME, "{missing: {$lt: 100}}"));
            assertFalse(matches(GAME, "{cheat: {$lt: 1}}"));
            assertTrue(matches(GAME, "{cheat: {$lt: true}}"));
        }

        @Test
        void arrayMatchesIfAnyElementDoes() {
            assertTrue(matches(GAME, "{nums: {$gt: 8}}"));
            assertFalse(matches(GAME, "{nums: {$gt: 9}}"));
            assertTrue(matches(GAME, "{nums: {$lt: 2}}"));
            // Each operator may be satisfied by a different element (MongoDB semantics).
            assertTrue(matches(GAME, "{nums: {$gt: 6, $lt: 4}}"));
        }

        @Test
        void nullBounds() {
            assertTrue(matches(GAME, "{missing: {$lte: null}}"));
            assertTrue(matches(GAME, "{nothing: {$gte: null}}"));
            assertFalse(matches(GAME, "{nothing: {$lt: null}}"));
            assertFalse(matches(GAME, "{score: {$gte: null}}"));
        }
    }

    @Nested
    class NotEqual {
        @Test
        void neScalars() {
            assertTrue(matches(GAME, "{score: {$ne: 41}}"));
            assertFalse(matches(GAME, "{score: {$ne: 42}}"));
        }

        @Test
        void neIsTrueWhenMissing() {
            assertTrue(matches(GAME, "{missing: {$ne: 1}}"));
            assertFalse(matches(GAME, "{missing: {$ne: null}}"));
            assertTrue(matches(GAME, "{score: {$ne: null}}"));
        }

        @Test
        void neOnArraysExcludesContainingArrays() {
            assertFalse(matches(GAME, "{tags: {$ne: 'red'}}"));
            assertTrue(matches(GAME, "{tags: {$ne: 'green'}}"));
        }

        @Test
        void neGeoPoint() {
            assertTrue(matches(
                    "{g: {__type: 'GeoPoint', latitude: 49.2, longitude: -123.1}}",
                    "{g: {$ne: {__type: 'GeoPoint', latitude: 0, longitude: 0}}}"));
            assertFalse(matches(
                    "{g: {__type: 'GeoPoint', latitude: 0, longitude: 0}}",
                    "{g: {$ne: {__type: 'GeoPoint', latitude: 0, longitude: 0}}}"));
        }
    }

    @Nested
    class InNin {
        @Test
        void in() {
            assertTrue(matches(GAME, "{score: {$in: [1, 42]}}"));
            assertFalse(matches(GAME, "{score: {$in: [1, 2]}}"));
            assertFalse(matches(GAME, "{score: {$in: []}}"));
        }

        @Test
        void inWithArrayField() {
            assertTrue(matches(GAME, "{tags: {$in: ['green', 'blue']}}"));
            assertFalse(matches(GAME, "{tags: {$in: ['green']}}"));
        }

        @Test
        void inWithNullMatchesMissing() {
            assertTrue(matches(GAME, "{missing: {$in: [null, 1]}}"));
            assertFalse(matches(GAME, "{missing: {$in: [1]}}"));
        }

        @Test
        void inWithPointers() {
            assertTrue(matches(
                    GAME,
                    "{owner: {$in: [{__type: 'Pointer', className: '_User', objectId: 'u9'},"
                            + " {__type: 'Pointer', className: '_User', objectId: 'u1'}]}}"));
            assertFalse(matches(GAME, "{owner: {$in: [{__type: 'Pointer', className: '_User', objectId: 'u9'}]}}"));
        }

        @Test
        void nestedArraysAreFlattenedOneLevel() {
            assertTrue(matches(GAME, "{score: {$in: [[1, 42], 3]}}"));
        }

        @Test
        void nin() {
            assertTrue(matches(GAME, "{score: {$nin: [1, 2]}}"));
            assertFalse(matches(GAME, "{score: {$nin: [42]}}"));
            assertTrue(matches(GAME, "{missing: {$nin: [1]}}"));
            assertFalse(matches(GAME, "{tags: {$nin: ['blue']}}"));
        }

        @Test
        void badValues() {
            assertError(ParseError.INVALID_JSON, "bad $in value", GAME, "{score: {$in: 1}}");
            assertError(ParseError.INVALID_JSON, "bad $nin value", GAME, "{score: {$nin: 'x'}}");
        }
    }

    @Nested
    class AllAndContainedBy {
        @Test
        void all() {
            assertTrue(matches(GAME, "{tags: {$all: ['blue', 'red']}}"));
            assertTrue(matches(GAME, "{tags: {$all: ['blue']}}"));
            assertFalse(matches(GAME, "{tags: {$all: ['blue', 'green']}}"));
            assertFalse(matches(GAME, "{tags: {$all: []}}"));
            assertFalse(matches(GAME, "{missing: {$all: ['a']}}"));
        }

        @Test
        void allOnScalarActsLikeEquality() {
            assertTrue(matches(GAME, "{name: {$all: ['Alice']}}"));
        }

        @Test
        void allWithRegexesAsContainsAllStartingWith() {
            assertTrue(matches(GAME, "{tags: {$all: [{$regex: '^\\\\Qre\\\\E'}, {$regex: '^\\\\Qbl\\\\E'}]}}"));
            assertFalse(matches(GAME, "{tags: {$all: [{$regex: '^\\\\Qre\\\\E'}, {$regex: '^\\\\Qgr\\\\E'}]}}"));
            assertFalse(matches(GAME, "{tags: {$all: [{$regex: '^\\\\Qed\\\\E'}]}}"));
        }

        @Test
        void allMixingRegexesAndValuesIsRefused() {
            ParseException e =
                    assertThrows(ParseException.class, () -> matches(GAME, "{tags: {$all: [{$regex: '^a'}, 'red']}}"));
            assertEquals(ParseError.INVALID_JSON, e.code());
            assertTrue(e.getMessage().startsWith("All $all values must be of regex type or none: "));
            assertError(ParseError.INVALID_JSON, "bad $all value", GAME, "{tags: {$all: 'red'}}");
        }

        @Test
        void allWithPointers() {
            String obj = "{players: [{__type: 'Pointer', className: 'P', objectId: 'a'},"
                    + " {__type: 'Pointer', className: 'P', objectId: 'b'}]}";
            assertTrue(matches(
                    obj,
                    "{players: {$all: [{__type: 'Pointer', className: 'P', objectId: 'b'},"
                            + " {__type: 'Pointer', className: 'P', objectId: 'a'}]}}"));
            assertFalse(matches(
                    obj,
                    "{players: {$all: [{__type: 'Pointer', className: 'P', objectId: 'b'},"
                            + " {__type: 'Pointer', className: 'P', objectId: 'c'}]}}"));
        }

        @Test
        void containedBy() {
            assertTrue(matches(GAME, "{nums: {$containedBy: [1, 5, 9, 10]}}"));
            assertFalse(matches(GAME, "{nums: {$containedBy: [1, 5]}}"));
            assertTrue(matches("{nums: []}", "{nums: {$containedBy: [1]}}"));
        }

        @Test
        void containedByFollowsMongoForMissingAndScalars() {
            // Parse sends $nor:[{$elemMatch:{$nin}}]: only an array with an outsider fails.
            assertTrue(matches(GAME, "{missing: {$containedBy: [1]}}"));
            assertTrue(matches(GAME, "{score: {$containedBy: [1]}}"));
            assertError(
                    ParseError.INVALID_JSON, "bad $containedBy: should be an array", GAME, "{nums: {$containedBy: 1}}");
        }
    }

    @Nested
    class Exists {
        @Test
        void existsTrue() {
            assertTrue(matches(GAME, "{score: {$exists: true}}"));
            assertTrue(matches(GAME, "{nothing: {$exists: true}}")); // stored null still exists
            assertFalse(matches(GAME, "{missing: {$exists: true}}"));
        }

        @Test
        void existsFalse() {
            assertTrue(matches(GAME, "{missing: {$exists: false}}"));
            assertFalse(matches(GAME, "{score: {$exists: false}}"));
        }

        @Test
        void existsCombinedWithOtherOperators() {
            assertTrue(matches(GAME, "{score: {$exists: true, $ne: 1}}"));
            assertFalse(matches(GAME, "{nothing: {$exists: true, $ne: null}}"));
        }

        @Test
        void existsReadsTruthiness() {
            assertTrue(matches(GAME, "{score: {$exists: 1}}"));
            assertTrue(matches(GAME, "{missing: {$exists: 0}}"));
        }

        @Test
        void existsOnDottedPath() {
            assertTrue(matches(GAME, "{'meta.level': {$exists: true}}"));
            assertFalse(matches(GAME, "{'meta.nope': {$exists: true}}"));
            assertTrue(matches(GAME, "{'score.x': {$exists: false}}"));
        }
    }

    @Nested
    class Regex {
        @Test
        void plainRegex() {
            assertTrue(matches(GAME, "{name: {$regex: 'lic'}}"));
            assertTrue(matches(GAME, "{name: {$regex: '^Al'}}"));
            assertFalse(matches(GAME, "{name: {$regex: '^al'}}"));
        }

        @Test
        void caseInsensitiveOption() {
            assertTrue(matches(GAME, "{name: {$regex: '^al', $options: 'i'}}"));
            assertTrue(matches("{s: 'ÉCOLE'}", "{s: {$regex: '^école', $options: 'i'}}"));
        }

        @Test
        void quotedLiteralsFromTheSdks() {
            assertTrue(matches("{s: 'a.b*c'}", "{s: {$regex: '^\\\\Qa.b*\\\\E'}}"));
            assertFalse(matches("{s: 'axb*c'}", "{s: {$regex: '^\\\\Qa.b*\\\\E'}}"));
            assertTrue(matches("{s: 'price: $5'}", "{s: {$regex: '\\\\Q$5\\\\E$'}}"));
        }

        @Test
        void multilineAndDotAll() {
            String obj = "{s: 'first\\nsecond'}";
            assertFalse(matches(obj, "{s: {$regex: '^second'}}"));
            assertTrue(matches(obj, "{s: {$regex: '^second', $options: 'm'}}"));
            assertFalse(matches(obj, "{s: {$regex: 'first.second'}}"));
            assertTrue(matches(obj, "{s: {$regex: 'first.second', $options: 's'}}"));
        }

        @Test
        void extendedOption() {
            assertTrue(matches(GAME, "{name: {$regex: 'A l i c e # comment', $options: 'x'}}"));
            assertFalse(matches(GAME, "{name: {$regex: 'A l i c e'}}"));
        }

        @Test
        void regexOnArraysAndNonStrings() {
            assertTrue(matches(GAME, "{tags: {$regex: '^bl'}}"));
            assertFalse(matches(GAME, "{score: {$regex: '42'}}"));
            assertFalse(matches(GAME, "{missing: {$regex: '.*'}}"));
        }

        @Test
        void badRegexAndOptions() {
            assertError(ParseError.INVALID_JSON, "bad regex: 5", GAME, "{name: {$regex: 5}}");
            assertError(
                    ParseError.INVALID_QUERY,
                    "Bad $options value for query: g",
                    GAME,
                    "{name: {$regex: 'a', $options: 'g'}}");
            assertError(ParseError.INVALID_QUERY, null, GAME, "{name: {$regex: '(unclosed'}}");
        }
    }

    @Nested
    class Logical {
        @Test
        void or() {
            assertTrue(matches(GAME, "{$or: [{score: 1}, {name: 'Alice'}]}"));
            assertFalse(matches(GAME, "{$or: [{score: 1}, {name: 'Bob'}]}"));
        }

        @Test
        void and() {
            assertTrue(matches(GAME, "{$and: [{score: {$gt: 1}}, {score: {$lt: 50}}]}"));
            assertFalse(matches(GAME, "{$and: [{score: {$gt: 1}}, {score: {$lt: 5}}]}"));
        }

        @Test
        void nor() {
            assertTrue(matches(GAME, "{$nor: [{score: 1}, {name: 'Bob'}]}"));
            assertFalse(matches(GAME, "{$nor: [{score: 1}, {name: 'Alice'}]}"));
        }

        @Test
        void nestedAtAnyDepth() {
            assertTrue(matches(GAME, "{$or: [{score: 1}, {$and: [{name: 'Alice'}, {$nor: [{tags: 'green'}]}]}]}"));
            assertFalse(matches(GAME, "{$or: [{score: 1}, {$and: [{name: 'Alice'}, {$nor: [{tags: 'red'}]}]}]}"));
            assertTrue(matches(GAME, "{cheat: false, $or: [{'meta.level': {$gte: 3}}, {score: 0}]}"));
            assertFalse(matches(GAME, "{cheat: true, $or: [{'meta.level': {$gte: 3}}, {score: 0}]}"));
        }

        @Test
        void badFormats() {
            assertError(ParseError.INVALID_QUERY, "Bad $or format - use an array value.", GAME, "{$or: {score: 1}}");
            assertError(ParseError.INVALID_QUERY, "Bad $and format - use an array value.", GAME, "{$and: 1}");
            assertError(
                    ParseError.INVALID_QUERY,
                    "Bad $nor format - use an array of at least 1 value.",
                    GAME,
                    "{$nor: []}");
        }

        @Test
        void unknownTopLevelOperatorIsAnInvalidKey() {
            assertError(ParseError.INVALID_KEY_NAME, "Invalid key name: $where", GAME, "{$where: 'x'}");
        }
    }

    @Nested
    class DottedKeys {
        @Test
        void nestedObjects() {
            assertTrue(matches(GAME, "{'meta.level': 3}"));
            assertFalse(matches(GAME, "{'meta.level': 4}"));
            assertTrue(matches(GAME, "{'meta.nested.ok': true}"));
            assertTrue(matches(GAME, "{'meta.level': {$gt: 2, $lt: 4}}"));
        }

        @Test
        void missingPathsBehaveAsMissing() {
            assertTrue(matches(GAME, "{'meta.nope': null}"));
            assertTrue(matches(GAME, "{'nothing.deeper': {$ne: 1}}"));
            assertFalse(matches(GAME, "{'score.deeper': 1}"));
        }

        @Test
        void pathsThroughArraysOfObjects() {
            String obj = "{items: [{sku: 'a', qty: 1}, {sku: 'b', qty: 5}]}";
            assertTrue(matches(obj, "{'items.sku': 'b'}"));
            assertFalse(matches(obj, "{'items.sku': 'c'}"));
            assertTrue(matches(obj, "{'items.qty': {$gt: 4}}"));
            assertTrue(matches(obj, "{'items.1.sku': 'b'}"));
            assertFalse(matches(obj, "{'items.0.sku': 'b'}"));
        }

        @Test
        void nullMatchesWhenSomeArrayBranchLacksTheKey() {
            assertTrue(matches("{items: [{sku: 'a'}, {qty: 2}]}", "{'items.sku': null}"));
            assertFalse(matches("{items: [{sku: 'a'}, {sku: 'b'}]}", "{'items.sku': null}"));
            assertTrue(matches("{items: [{sku: 'a'}, {sku: null}]}", "{'items.sku': null}"));
        }

        @Test
        void pathsIntoPointersAndIncludedObjects() {
            assertTrue(matches(GAME, "{'owner.objectId': 'u1'}"));
            assertTrue(matches(
                    "{owner: {__type: 'Object', className: '_User', objectId: 'u1', age: 30}}",
                    "{'owner.age': {$gte: 18}}"));
        }
    }

    @Nested
    class ElemMatch {
        @Test
        void withOperators() {
            assertTrue(matches(GAME, "{nums: {$elemMatch: {$gt: 4, $lt: 6}}}"));
            assertFalse(matches(GAME, "{nums: {$elemMatch: {$gt: 6, $lt: 8}}}"));
        }

        @Test
        void withSubDocuments() {
            String obj = "{items: [{sku: 'a', qty: 1}, {sku: 'b', qty: 5}]}";
            assertTrue(matches(obj, "{items: {$elemMatch: {sku: 'b', qty: {$gte: 5}}}}"));
            assertFalse(matches(obj, "{items: {$elemMatch: {sku: 'a', qty: {$gte: 5}}}}"));
        }
    }

    @Nested
    class Acl {
        @Test
        void rpermIsDerivedFromTheAcl() {
            String obj = "{ACL: {'*': {read: true}, u1: {read: true, write: true}}}";
            assertTrue(matches(obj, "{_rperm: {$in: ['*', 'x']}}"));
            assertTrue(matches(obj, "{_wperm: {$in: ['u1']}}"));
            assertFalse(matches(obj, "{_wperm: {$in: ['*']}}"));
            assertTrue(matches("{}", "{$or: [{_rperm: null}, {_rperm: {$in: ['u1']}}]}"));
        }
    }

    @Nested
    class Errors {
        @Test
        void unknownOperatorUsesParseServersMessage() {
            assertError(ParseError.INVALID_JSON, "bad constraint: $foo", GAME, "{score: {$foo: 1}}");
            assertError(ParseError.INVALID_JSON, "bad constraint: $size", GAME, "{tags: {$size: 2}}");
        }

        @Test
        void errorsDoNotDependOnTheObject() {
            // Validation happens at compile time, even if an earlier key already fails.
            assertError(ParseError.INVALID_JSON, "bad constraint: $foo", GAME, "{score: 0, name: {$foo: 1}}");
        }

        @Test
        void mixedOperatorAndPlainKeys() {
            assertError(
                    ParseError.INVALID_JSON,
                    "You cannot use [object Object] as a query parameter.",
                    GAME,
                    "{score: {$gt: 1, x: 2}}");
        }

        @Test
        void subQueriesMustBeResolvedByTheCaller() {
            for (String op : List.of("$select", "$dontSelect", "$inQuery", "$notInQuery")) {
                ParseException e = assertThrows(
                        ParseException.class,
                        () -> matches(GAME, "{owner: {'" + op + "': {query: {className: 'X', where: {}}, key: 'k'}}}"));
                assertEquals(ParseError.INVALID_QUERY, e.code(), op);
            }
            ParseException e = assertThrows(
                    ParseException.class,
                    () -> matches(
                            GAME,
                            "{$relatedTo: {object: {__type: 'Pointer', className: 'X', objectId: 'y'}, key: 'k'}}"));
            assertEquals(ParseError.INVALID_QUERY, e.code());
        }
    }

    @Nested
    class Concurrency {
        @Test
        void sharedCompiledQueryIsThreadSafe() throws Exception {
            CompiledQuery q =
                    QueryMatcher.compile(map("{name: {$regex: '^A', $options: 'i'}, score: {$in: [42, 43]}}"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(pool.submit(() -> {
                        int hits = 0;
                        for (int i = 0; i < 2000; i++) {
                            Map<String, Object> obj = new LinkedHashMap<>();
                            obj.put("name", i % 2 == 0 ? "alice" : "bob");
                            obj.put("score", 42);
                            hits += q.matches(obj) ? 1 : 0;
                        }
                        return hits;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertEquals(1000, f.get());
                }
            } finally {
                pool.shutdown();
            }
        }

        @Test
        void inputsAreNotModified() {
            Map<String, Object> obj = map(GAME);
            Map<String, Object> where =
                    map("{createdAt: {$gt: {__type: 'Date', iso: '2020-01-01T00:00:00Z'}}, 'meta.level': 3}");
            String before = obj.toString() + where;
            assertTrue(QueryMatcher.matches(obj, where));
            assertEquals(before, obj.toString() + where);
            assertEquals(Arrays.asList("red", "blue"), obj.get("tags"));
        }
    }
}
