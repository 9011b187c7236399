package dev.jakartaparse.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseException;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure translation tests: no database. */
class MongoTransformTest {

    static ClassSchema schema() {
        Map<String, FieldType> f = new LinkedHashMap<>(DefaultSchemas.defaultFields());
        f.put("player", FieldType.pointer("Player"));
        f.put("tags", FieldType.ARRAY);
        f.put("when", FieldType.DATE);
        f.put("loc", FieldType.GEOPOINT);
        f.put("poly", FieldType.POLYGON);
        f.put("raw", FieldType.BYTES);
        f.put("file", FieldType.FILE);
        f.put("meta", FieldType.OBJECT);
        f.put("score", FieldType.NUMBER);
        f.put("rel", FieldType.relation("_User"));
        return new ClassSchema("Thing", f, null, null);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Document bson(String json) {
        return Document.parse(json);
    }

    // ---- create / read: every type both ways ----

    @Test
    void everyTypeRoundTrips() {
        Map<String, Object> rest = map(
                "objectId", "o1",
                "createdAt", "2024-01-02T03:04:05.678Z",
                "updatedAt", "2024-01-02T03:04:05.679Z",
                "player", map("__type", "Pointer", "className", "Player", "objectId", "p1"),
                "tags", List.of("a", map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z")),
                "when", map("__type", "Date", "iso", "2024-05-06T07:08:09.123Z"),
                "loc", map("__type", "GeoPoint", "latitude", 10.5, "longitude", 20.25),
                "poly", map("__type", "Polygon", "coordinates", List.of(List.of(1, 2), List.of(3, 4), List.of(5, 7))),
                "raw", map("__type", "Bytes", "base64", "AAEC"),
                "file", map("__type", "File", "name", "f.txt", "url", "http://x/f.txt"),
                "meta", map("a", map("b", 1), "p", map("__type", "Pointer", "className", "X", "objectId", "y")),
                "score", 3.5,
                "rel", map("__type", "Relation", "className", "_User"),
                "ACL", map("*", map("read", true), "u1", map("read", true, "write", true)));
        Document doc = MongoTransform.toMongoForCreate("Thing", schema(), rest);

        assertEquals("o1", doc.get("_id"));
        assertEquals(new Date(1704164645678L), doc.get("_created_at"));
        assertEquals("Player$p1", doc.get("_p_player"));
        assertEquals(List.of("a", new Date(1704067200000L)), doc.get("tags"));
        assertEquals(new Date(1714979289123L), doc.get("when"));
        assertEquals(List.of(20.25, 10.5), doc.get("loc"));
        assertEquals(bson("{type:'Polygon', coordinates:[[[2,1],[4,3],[7,5],[2,1]]]}"), doc.get("poly"));
        assertEquals(new Binary(new byte[] {0, 1, 2}), doc.get("raw"));
        assertEquals("f.txt", doc.get("file"));
        assertEquals(bson("{a:{b:1}, p:{__type:'Pointer', className:'X', objectId:'y'}}"), doc.get("meta"));
        assertFalse(doc.containsKey("rel"));
        assertEquals(List.of("*", "u1"), doc.get("_rperm"));
        assertEquals(List.of("u1"), doc.get("_wperm"));
        assertEquals(bson("{u1:{w:true, r:true}, '*':{r:true}}"), doc.get("_acl"));

        Map<String, Object> back = MongoTransform.toRest("Thing", schema(), doc);
        assertEquals("o1", back.get("objectId"));
        assertEquals("2024-01-02T03:04:05.678Z", back.get("createdAt"));
        assertEquals(rest.get("player"), back.get("player"));
        assertEquals(rest.get("tags"), back.get("tags"));
        assertEquals(rest.get("when"), back.get("when"));
        assertEquals(rest.get("loc"), back.get("loc"));
        assertEquals(
                map(
                        "__type",
                        "Polygon",
                        "coordinates",
                        List.of(List.of(1, 2), List.of(3, 4), List.of(5, 7), List.of(1, 2))),
                back.get("poly"));
        assertEquals(rest.get("raw"), back.get("raw"));
        assertEquals(map("__type", "File", "name", "f.txt"), back.get("file"));
        assertEquals(rest.get("meta"), back.get("meta"));
        assertEquals(3.5, back.get("score"));
        assertEquals(rest.get("rel"), back.get("rel"));
        assertEquals(map("*", map("read", true), "u1", map("read", true, "write", true)), back.get("ACL"));
    }

    @Test
    void nullPointerIsStoredUnderThePlainNameOnCreate() {
        Document doc = MongoTransform.toMongoForCreate("Thing", schema(), map("player", null));
        assertTrue(doc.containsKey("player"));
        assertFalse(doc.containsKey("_p_player"));
    }

    @Test
    void nestedKeysWithDollarOrDotAreRejected() {
        ParseException e = assertThrows(
                ParseException.class,
                () -> MongoTransform.toMongoForCreate("Thing", schema(), map("meta", map("a.b", 1))));
        assertEquals(121, e.code());
        assertEquals("Nested keys should not contain the '$' or '.' characters", e.getMessage());
    }

    @Test
    void polygonNeedsThreeDistinctPoints() {
        ParseException e = assertThrows(
                ParseException.class,
                () -> MongoTransform.toMongoForCreate(
                        "Thing",
                        schema(),
                        map(
                                "poly",
                                map(
                                        "__type",
                                        "Polygon",
                                        "coordinates",
                                        List.of(List.of(1, 2), List.of(1, 2), List.of(3, 4))))));
        assertEquals("GeoJSON: Loop must have at least 3 different vertices", e.getMessage());
    }

    @Test
    void userAndSessionPrivateFields() {
        Map<String, Object> user = map(
                "objectId",
                "u1",
                "username",
                "bob",
                "_hashed_password",
                "$2y$10$x",
                "_email_verify_token",
                "tok",
                "_email_verify_token_expires_at",
                map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"),
                "_failed_login_count",
                2,
                "authData",
                map("anonymous", map("id", "a1"), "gone", null));
        Document doc = MongoTransform.toMongoForCreate("_User", null, user);
        assertEquals("$2y$10$x", doc.get("_hashed_password"));
        assertEquals(new Date(1704067200000L), doc.get("_email_verify_token_expires_at"));
        assertEquals(bson("{id:'a1'}"), doc.get("_auth_data_anonymous"));
        assertFalse(doc.containsKey("authData"));
        assertFalse(doc.containsKey("_auth_data_gone"));

        Map<String, Object> back = MongoTransform.toRest("_User", null, doc);
        assertEquals("$2y$10$x", back.get("_hashed_password"));
        assertEquals("tok", back.get("_email_verify_token"));
        assertEquals(
                map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"), back.get("_email_verify_token_expires_at"));
        assertEquals(2, back.get("_failed_login_count"));
        assertEquals(map("anonymous", map("id", "a1")), back.get("authData"));

        Document session = MongoTransform.toMongoForCreate(
                "_Session",
                null,
                map("sessionToken", "r:abc", "expiresAt", map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z")));
        assertEquals("r:abc", session.get("_session_token"));
        assertEquals(new Date(1704067200000L), session.get("expiresAt"));
        Map<String, Object> s = MongoTransform.toRest("_Session", null, session);
        assertEquals("r:abc", s.get("sessionToken"));
        assertEquals(map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"), s.get("expiresAt"));
    }

    @Test
    void unknownPrivateColumnsAreNotReturned() {
        Map<String, Object> rest =
                MongoTransform.toRest("Thing", schema(), bson("{_id:'a', _acl:{}, _something:1, _p_player:null, x:1}"));
        assertEquals(map("objectId", "a", "x", 1, "rel", map("__type", "Relation", "className", "_User")), rest);
    }

    @Test
    void aclComesFromLegacyAclWhenPermsAreMissing() {
        Map<String, Object> rest =
                MongoTransform.toRest("Thing", null, bson("{_id:'a', _acl:{u:{r:true, w:true}, '*':{r:true}}}"));
        assertEquals(map("u", map("read", true, "write", true), "*", map("read", true)), rest.get("ACL"));
        Map<String, Object> empty =
                MongoTransform.toRest("Thing", null, bson("{_id:'a', _rperm:[], _wperm:[], _acl:{}}"));
        assertEquals(Map.of(), empty.get("ACL"));
    }

    @Test
    void globalConfigUsesAnIntegerId() {
        Document doc =
                MongoTransform.toMongoForCreate("_GlobalConfig", null, map("objectId", "1", "params", map("a", 1)));
        assertEquals(1, doc.get("_id"));
        assertEquals(bson("{_id:1}"), MongoQueryTransform.toMongoWhere("_GlobalConfig", null, map("objectId", "1")));
    }

    // ---- updates ----

    @Test
    void updateOperators() {
        Map<String, Object> update = map(
                "score", map("__op", "Increment", "amount", 2),
                "tags",
                        map(
                                "__op",
                                "AddUnique",
                                "objects",
                                List.of("x", map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"))),
                "list", map("__op", "Add", "objects", List.of(1)),
                "gone", map("__op", "Delete"),
                "rem", map("__op", "Remove", "objects", List.of("y")),
                "player", map("__type", "Pointer", "className", "Player", "objectId", "p2"),
                "when", map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"),
                "updatedAt", "2024-01-01T00:00:00.000Z",
                "meta.level", 3,
                "rel", map("__type", "Relation", "className", "_User"),
                "ACL", map("u1", map("read", true)));
        Document u = MongoTransform.toMongoUpdate("Thing", schema(), update);
        assertEquals(bson("{score:2}"), u.get("$inc"));
        Document addToSet = (Document) u.get("$addToSet");
        assertEquals(List.of("x", new Date(1704067200000L)), ((Document) addToSet.get("tags")).get("$each"));
        assertEquals(bson("{list:{$each:[1]}}"), u.get("$push"));
        assertEquals(bson("{gone:''}"), u.get("$unset"));
        assertEquals(bson("{rem:['y']}"), u.get("$pullAll"));
        Document set = (Document) u.get("$set");
        assertEquals("Player$p2", set.get("_p_player"));
        assertEquals(new Date(1704067200000L), set.get("when"));
        assertEquals(new Date(1704067200000L), set.get("_updated_at"));
        assertEquals(3, set.get("meta.level"));
        assertEquals(List.of("u1"), set.get("_rperm"));
        assertEquals(List.of(), set.get("_wperm"));
        assertEquals(bson("{u1:{r:true}}"), set.get("_acl"));
        assertFalse(set.containsKey("rel"));
    }

    @Test
    void badOperationsAreParseErrors() {
        ParseException inc = assertThrows(
                ParseException.class,
                () -> MongoTransform.toMongoUpdate(
                        "Thing", schema(), map("score", map("__op", "Increment", "amount", "x"))));
        assertEquals(107, inc.code());
        assertEquals("incrementing must provide a number", inc.getMessage());
        ParseException op = assertThrows(
                ParseException.class,
                () -> MongoTransform.toMongoUpdate("Thing", schema(), map("score", map("__op", "Frobnicate"))));
        assertEquals(108, op.code());
        assertEquals("The Frobnicate operator is not supported yet.", op.getMessage());
    }

    @Test
    void authDataUpdateOnUser() {
        Document u = MongoTransform.toMongoUpdate(
                "_User", null, map("authData", map("facebook", map("id", "f1"), "anonymous", null)));
        assertEquals(bson("{_auth_data_facebook:{id:'f1'}}"), u.get("$set"));
        assertEquals(bson("{_auth_data_anonymous:''}"), u.get("$unset"));
    }

    // ---- projection and sort ----

    @Test
    void projectionAndSort() {
        assertEquals(
                bson("{_p_player:1, _rperm:1, _wperm:1, _id:0}"),
                MongoTransform.toMongoProjection("Thing", schema(), List.of("player", "ACL")));
        assertEquals(
                bson("{_id:1, _created_at:1}"),
                MongoTransform.toMongoProjection("Thing", schema(), List.of("objectId", "createdAt")));
        assertNull(MongoTransform.toMongoProjection("Thing", schema(), null));
        LinkedHashMap<String, Integer> sort = new LinkedHashMap<>();
        sort.put("createdAt", -1);
        sort.put("player", 1);
        assertEquals(bson("{_created_at:-1, _p_player:1}"), MongoTransform.toMongoSort(schema(), sort));
    }

    // ---- where ----

    private static Document where(Map<String, Object> w) {
        return MongoQueryTransform.toMongoWhere("Thing", schema(), w);
    }

    @Test
    void whereKeysAndValues() {
        assertEquals(bson("{_id:'a'}"), where(map("objectId", "a")));
        assertEquals(
                new Document("_created_at", new Date(1704067200000L)),
                where(map("createdAt", "2024-01-01T00:00:00.000Z")));
        assertEquals(
                new Document("_updated_at", new Document("$gt", new Date(1704067200000L))),
                where(map("updatedAt", map("$gt", map("__type", "Date", "iso", "2024-01-01T00:00:00.000Z")))));
        assertEquals(
                bson("{_p_player:'Player$p1'}"),
                where(map("player", map("__type", "Pointer", "className", "Player", "objectId", "p1"))));
        assertEquals(
                bson("{_p_player:{$in:['Player$a','Player$b']}}"),
                where(map(
                        "player",
                        map("$in", List.of(map("__type", "Pointer", "className", "Player", "objectId", "a"), "b")))));
        assertEquals(bson("{_p_player:{$exists:true}}"), where(map("player", map("$exists", true))));
        assertEquals(bson("{tags:{$all:['a']}}"), where(map("tags", "a")));
        assertEquals(bson("{tags:['a','b']}"), where(map("tags", List.of("a", "b"))));
        assertEquals(bson("{'meta.level':{$gte:3}}"), where(map("meta.level", map("$gte", 3))));
        assertEquals(
                bson("{loc:[2.0, 1.0]}"),
                where(map("loc", map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0))));
        assertEquals(
                bson("{_session_token:'r:x'}"),
                MongoQueryTransform.toMongoWhere("_Session", null, map("sessionToken", "r:x")));
        assertEquals(
                bson("{'_auth_data_facebook.id':'f1'}"),
                MongoQueryTransform.toMongoWhere("_User", null, map("authData.facebook.id", "f1")));
        assertEquals(
                bson("{_email_verify_token:'t'}"),
                MongoQueryTransform.toMongoWhere("_User", null, map("_email_verify_token", "t")));
    }

    @Test
    void whereOperators() {
        assertEquals(
                bson("{score:{$lt:1, $lte:2, $gt:0, $gte:0, $ne:5, $eq:1}}")
                        .get("score", Document.class)
                        .keySet(),
                where(map("score", map("$lt", 1, "$lte", 2, "$gt", 0, "$gte", 0, "$ne", 5, "$eq", 1)))
                        .get("score", Document.class)
                        .keySet());
        assertEquals(bson("{score:{$nin:[1,2,3]}}"), where(map("score", map("$nin", List.of(1, List.of(2, 3))))));
        assertEquals(
                bson("{$nor:[{tags:{$elemMatch:{$nin:['a','b']}}}]}"),
                where(map("tags", map("$containedBy", List.of("a", "b")))));
        Document regex = where(map("name", map("$regex", "^a", "$options", "im")));
        assertEquals(new Document("name", new Document("$regex", "^a").append("$options", "im")), regex);
        Document all = where(map("tags", map("$all", List.of(map("$regex", "^\\Qa\\E"), map("$regex", "^\\Qb\\E")))));
        assertInstanceOf(
                BsonRegularExpression.class,
                ((List<?>) all.get("tags", Document.class).get("$all")).get(0));
        assertEquals(
                bson("{$or:[{a:1},{_id:'x'}], $and:[{b:2}], $nor:[{c:3}]}"),
                where(map(
                        "$or",
                        List.of(map("a", 1), map("objectId", "x")),
                        "$and",
                        List.of(map("b", 2)),
                        "$nor",
                        List.of(map("c", 3)))));
        assertEquals(bson("{_rperm:{$in:[null,'*','u1']}}"), where(map("_rperm", map("$in", List.of("*", "u1")))));
    }

    @Test
    void whereGeoAndText() {
        assertEquals(
                bson("{loc:{$nearSphere:[2.0,1.0], $maxDistance:0.5}}"),
                where(map(
                        "loc",
                        map(
                                "$nearSphere",
                                map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0),
                                "$maxDistanceInRadians",
                                0.5))));
        Document count = MongoQueryTransform.toMongoWhere(
                "Thing",
                schema(),
                map(
                        "loc",
                        map(
                                "$nearSphere",
                                map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0),
                                "$maxDistance",
                                0.5)),
                true);
        assertEquals(bson("{loc:{$geoWithin:{$centerSphere:[[2.0,1.0], 0.5]}}}"), count);
        assertEquals(
                bson("{loc:{$geoWithin:{$box:[[0.0,0.0],[2.0,1.0]]}}}"),
                where(map(
                        "loc",
                        map(
                                "$within",
                                map(
                                        "$box",
                                        List.of(
                                                map("__type", "GeoPoint", "latitude", 0.0, "longitude", 0.0),
                                                map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0)))))));
        assertEquals(
                bson("{loc:{$geoWithin:{$polygon:[[0.0,0.0],[2.0,1.0],[3.0,0.0]]}}}"),
                where(map(
                        "loc",
                        map(
                                "$geoWithin",
                                map(
                                        "$polygon",
                                        List.of(
                                                map("__type", "GeoPoint", "latitude", 0.0, "longitude", 0.0),
                                                map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0),
                                                map("__type", "GeoPoint", "latitude", 0.0, "longitude", 3.0)))))));
        assertEquals(
                bson("{loc:{$geoWithin:{$centerSphere:[[2.0,1.0], 0.1]}}}"),
                where(map(
                        "loc",
                        map(
                                "$geoWithin",
                                map(
                                        "$centerSphere",
                                        List.of(map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0), 0.1))))));
        assertEquals(
                bson("{poly:{$geoIntersects:{$geometry:{type:'Point', coordinates:[2.0,1.0]}}}}"),
                where(map(
                        "poly",
                        map(
                                "$geoIntersects",
                                map("$point", map("__type", "GeoPoint", "latitude", 1.0, "longitude", 2.0))))));
        assertEquals(
                bson("{$text:{$search:'hello', $language:'fr'}}"),
                where(map("name", map("$text", map("$search", map("$term", "hello", "$language", "fr"))))));
    }

    @Test
    void whereErrors() {
        assertCode(107, "bad constraint: $foo", map("score", map("$foo", 1)));
        assertCode(105, "Invalid key name: $foo", map("$foo", 1));
        assertCode(105, "Invalid key name: 1abc", map("1abc", 1));
        assertCode(102, "Bad $options value for query: z", map("name", map("$regex", "a", "$options", "z")));
        assertCode(107, "bad $in value", map("score", map("$in", 1)));
        assertCode(107, "bad $containedBy: should be an array", map("tags", map("$containedBy", "a")));
        assertCode(107, "bad $text: $term, should be string", map("name", map("$text", map("$search", map()))));
        assertCode(107, "malformatted $within arg", map("loc", map("$within", map("$box", List.of()))));
        assertCode(107, "You cannot use [object Object] as a query parameter.", map("meta", map("a", 1)));
        assertCode(102, "Bad $or format - use an array value.", map("$or", "x"));
        assertCode(108, "the $select constraint is not supported yet", map("a", map("$select", map())));
        assertCode(
                107,
                "bad $relativeTime ($lt) value. Time should either start with 'in' or end with 'ago'",
                map("when", map("$lt", map("$relativeTime", "tomorrow"))));
    }

    private static void assertCode(int code, String message, Map<String, Object> w) {
        ParseException e = assertThrows(ParseException.class, () -> where(w));
        assertEquals(code, e.code(), message);
        assertEquals(message, e.getMessage());
    }

    @Test
    void relativeTime() {
        Date now = new Date(1_000_000_000_000L);
        assertEquals(
                new Date(now.getTime() + 2 * 86400_000L + 3600_000L),
                RelativeTime.toDate("in 2 days 1 hr", now, "$lt"));
        assertEquals(new Date(now.getTime() - 90_000L), RelativeTime.toDate("1 min 30 secs ago", now, "$gt"));
        assertEquals(now, RelativeTime.toDate("now", now, "$gt"));
    }
}
