package dev.jakartaparse.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.storage.QueryOptions;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Round trips through a real wire-protocol server (mongo-java-server, H2 in memory) and the real driver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoStorageAdapterTest {
    private EmbeddedMongo mongo;
    private MongoClient client;
    private MongoDatabase db;
    private MongoStorageAdapter adapter;

    @BeforeAll
    void startServer() {
        mongo = new EmbeddedMongo();
    }

    @AfterAll
    void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void connect() {
        client = mongo.newClient();
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        db = client.getDatabase(name);
        adapter = new MongoStorageAdapter(client, name, false);
    }

    @AfterEach
    void disconnect() {
        adapter.close();
    }

    private ClassSchema schemaFromSample(String json) {
        Document d = ParseSamples.doc(json);
        db.getCollection("_SCHEMA").insertOne(d);
        return adapter.getClass(d.getString("_id")).orElseThrow();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> date(String iso) {
        return map("__type", "Date", "iso", iso);
    }

    private static Map<String, Object> pointer(String cls, String id) {
        return map("__type", "Pointer", "className", cls, "objectId", id);
    }

    private static Map<String, Object> geo(double lat, double lng) {
        return map("__type", "GeoPoint", "latitude", lat, "longitude", lng);
    }

    // ---- (a) reading what Parse Server wrote ----

    @Test
    void readsParseServerGameScore() {
        ClassSchema schema = schemaFromSample(ParseSamples.SCHEMA_GAME_SCORE);
        db.getCollection("GameScore").insertOne(ParseSamples.doc(ParseSamples.GAME_SCORE));

        List<Map<String, Object>> found = adapter.find("GameScore", schema, Map.of(), QueryOptions.all());
        assertEquals(1, found.size());
        Map<String, Object> o = found.get(0);
        assertEquals("EIEhc1mz6H", o.get("objectId"));
        assertEquals("2026-11-23T02:21:19.870Z", o.get("createdAt"));
        assertEquals("2026-11-23T02:21:19.974Z", o.get("updatedAt"));
        assertEquals(date("2024-05-06T07:08:09.123Z"), o.get("playedAt"));
        assertEquals(List.of("a", "c", "d"), o.get("tags"));
        assertEquals(map("level", 3, "nested", map("ok", true), "list", List.of(1, "two")), o.get("meta"));
        assertEquals(map("__type", "GeoPoint", "latitude", 40, "longitude", -30), o.get("location"));
        assertEquals(map("__type", "Bytes", "base64", "AAEC+v8="), o.get("raw"));
        assertEquals(1340, o.get("score"));
        assertEquals(0.25, o.get("ratio"));
        assertEquals(pointer("Player", "yq0cjms0UO"), o.get("player"));
        assertEquals(true, o.get("beforeSaveRan"));
        assertFalse(o.containsKey("_p_player"));
        assertFalse(o.containsKey("ACL"), "no _rperm/_wperm: no ACL");
    }

    @Test
    void readsParseServerShapeWithEveryType() {
        ClassSchema schema = schemaFromSample(ParseSamples.SCHEMA_SHAPE);
        db.getCollection("Shape").insertOne(ParseSamples.doc(ParseSamples.SHAPE));

        Map<String, Object> o = adapter.find("Shape", schema, Map.of("objectId", "sDt2heCvLt"), QueryOptions.all())
                .get(0);
        assertEquals(date("2024-01-02T03:04:05.678Z"), o.get("date"));
        assertEquals(List.of(1, "a", map("x", 1), "z"), o.get("arr"));
        assertEquals(map("nested", map("deep", List.of(1, 2))), o.get("obj"));
        assertEquals(map("__type", "GeoPoint", "latitude", 10, "longitude", 20), o.get("geo"));
        assertEquals(
                map(
                        "__type",
                        "Polygon",
                        "coordinates",
                        List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1), List.of(1, 0), List.of(0, 0))),
                o.get("poly"));
        assertEquals(map("__type", "Bytes", "base64", "AAEC"), o.get("bytes"));
        assertEquals(map("__type", "File", "name", "abc_hello.txt"), o.get("file"));
        assertEquals(1.5, o.get("num"));
        assertEquals(10, o.get("int"));
        assertTrue(o.containsKey("nul"));
        assertNull(o.get("nul"));
        assertEquals(pointer("Player", "yIEOG6JxbK"), o.get("ptr"));
        assertEquals(map("__type", "Relation", "className", "Player"), o.get("rel"));
        assertEquals(
                map("yK1XPLUSdq", map("read", true, "write", true), "role:Editors", map("read", true)), o.get("ACL"));
        for (String hidden : List.of("_rperm", "_wperm", "_acl", "_p_ptr", "_id")) {
            assertFalse(o.containsKey(hidden), hidden);
        }
    }

    @Test
    void readsUsersSessionsJoinAndConfig() {
        ClassSchema userSchema = schemaFromSample(ParseSamples.SCHEMA_USER);
        db.getCollection("_User").insertOne(ParseSamples.doc(ParseSamples.USER));
        Map<String, Object> user = adapter.find(
                        "_User", userSchema, Map.of("username", "shape_user"), QueryOptions.all())
                .get(0);
        assertEquals("$2y$10$1nREOAstzsDFK0b1yDZ6LOyw342e5gsw/tc9qGrqGHprxsZTNhxku", user.get("_hashed_password"));
        assertEquals("Shape.User@Example.com", user.get("email"));
        assertTrue(userSchema.hasField("password"), "system fields are injected");
        assertEquals("case_insensitive_username", userSchema.indexes().keySet().toArray()[2]);

        ClassSchema sessionSchema = schemaFromSample(ParseSamples.SCHEMA_SESSION);
        db.getCollection("_Session").insertOne(ParseSamples.doc(ParseSamples.SESSION));
        Map<String, Object> session = adapter.find(
                        "_Session",
                        sessionSchema,
                        Map.of("sessionToken", "r:f8f00d1ed133d4fa9aa09bcc7c6bad81"),
                        QueryOptions.all())
                .get(0);
        assertEquals(pointer("_User", "yK1XPLUSdq"), session.get("user"));
        assertEquals("r:f8f00d1ed133d4fa9aa09bcc7c6bad81", session.get("sessionToken"));
        assertEquals(date("2027-11-23T02:21:41.552Z"), session.get("expiresAt"));
        assertEquals(map("action", "signup", "authProvider", "password"), session.get("createdWith"));
        assertEquals(1, adapter.count("_Session", sessionSchema, Map.of("user", pointer("_User", "yK1XPLUSdq")), null));
        assertEquals(
                1,
                adapter.count(
                        "_Session",
                        sessionSchema,
                        Map.of("expiresAt", Map.of("$gt", date("2027-01-01T00:00:00.000Z"))),
                        null));

        ClassSchema join = joinSchema("members", "Team");
        db.getCollection("_Join:members:Team").insertOne(ParseSamples.doc(ParseSamples.JOIN));
        List<Map<String, Object>> rel =
                adapter.find("_Join:members:Team", join, Map.of("owningId", "xWYppoIAJm"), QueryOptions.all());
        assertEquals(1, rel.size());
        assertEquals("yq0cjms0UO", rel.get(0).get("relatedId"));
        assertEquals("20d236fb408d2867f81af8e0", rel.get(0).get("objectId"));

        ClassSchema config = new ClassSchema("_GlobalConfig", Map.of("params", FieldType.OBJECT), null, null);
        db.getCollection("_GlobalConfig").insertOne(ParseSamples.doc(ParseSamples.GLOBAL_CONFIG));
        Map<String, Object> cfg = adapter.find("_GlobalConfig", config, Map.of("objectId", "1"), QueryOptions.all())
                .get(0);
        assertEquals("1", cfg.get("objectId"));
        assertEquals(999, ((Map<?, ?>) cfg.get("params")).get("maxScore"));
    }

    private static ClassSchema joinSchema(String field, String owner) {
        return new ClassSchema(
                "_Join:" + field + ":" + owner,
                Map.of("relatedId", FieldType.STRING, "owningId", FieldType.STRING),
                null,
                null);
    }

    @Test
    void aclConstraintsMatchRolesAndPublicObjects() {
        ClassSchema schema = schemaFromSample(ParseSamples.SCHEMA_SECRET);
        db.getCollection("Secret").insertOne(ParseSamples.doc(ParseSamples.SECRET_A));
        db.getCollection("Secret").insertOne(ParseSamples.doc(ParseSamples.SECRET_ROLE));
        db.getCollection("Secret").insertOne(new Document("_id", "public1").append("text", "no acl"));

        Map<String, Object> asReader =
                Map.of("_rperm", Map.of("$in", List.of("*", "someone", "role:Readers_mwsn38d6")));
        List<Map<String, Object>> seen = adapter.find("Secret", schema, asReader, QueryOptions.all());
        assertEquals(
                List.of("ENtwIedjN4", "public1"),
                seen.stream().map(o -> o.get("objectId")).sorted().toList());
        Map<String, Object> asOwner = Map.of("_rperm", Map.of("$in", List.of("*", "sTDn0Mwvmk")));
        assertEquals(3, adapter.count("Secret", schema, asOwner, null));
    }

    // ---- (b) writing in Parse Server's layout ----

    private ClassSchema gameScoreSchema() {
        Map<String, FieldType> fields = new LinkedHashMap<>(DefaultSchemas.defaultFields());
        fields.put("score", FieldType.NUMBER);
        fields.put("player", FieldType.pointer("Player"));
        fields.put("tags", FieldType.ARRAY);
        fields.put("location", FieldType.GEOPOINT);
        fields.put("playedAt", FieldType.DATE);
        fields.put("raw", FieldType.BYTES);
        fields.put("file", FieldType.FILE);
        fields.put("poly", FieldType.POLYGON);
        fields.put("meta", FieldType.OBJECT);
        fields.put("name", FieldType.STRING);
        fields.put("friends", FieldType.relation("_User"));
        return adapter.createClass(new ClassSchema("GameScore", fields, null, null));
    }

    @Test
    void writesParseServerLayout() {
        ClassSchema schema = gameScoreSchema();
        Map<String, Object> obj = map(
                "objectId", "abcDEF1234",
                "createdAt", "2025-01-02T03:04:05.006Z",
                "updatedAt", "2025-01-02T03:04:05.006Z",
                "score", 7,
                "player", pointer("Player", "p1"),
                "tags", List.of("x", "y"),
                "location", geo(40.5, -30.25),
                "playedAt", date("2024-05-06T07:08:09.123Z"),
                "raw", map("__type", "Bytes", "base64", "AAEC+v8="),
                "file", map("__type", "File", "name", "abc_hello.txt", "url", "http://x/abc_hello.txt"),
                "poly",
                        map(
                                "__type",
                                "Polygon",
                                "coordinates",
                                List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1), List.of(1, 0))),
                "meta", map("when", date("2024-01-01T00:00:00.000Z"), "who", pointer("_User", "u1"), "n", 1),
                "friends", map("__type", "Relation", "className", "_User"),
                "ACL",
                        map(
                                "u1",
                                map("read", true, "write", true),
                                "role:X",
                                map("read", true),
                                "*",
                                map("read", true)));
        adapter.createObject("GameScore", schema, obj);

        Document raw = db.getCollection("GameScore").find().first();
        assertEquals("abcDEF1234", raw.get("_id"));
        assertEquals(new Date(1735787045006L), raw.get("_created_at"));
        assertEquals(7, raw.get("score"));
        assertEquals("Player$p1", raw.get("_p_player"));
        assertFalse(raw.containsKey("player"));
        assertEquals(List.of(-30.25, 40.5), raw.get("location"));
        assertEquals(new Date(1714979289123L), raw.get("playedAt"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xfa, (byte) 0xff}, ((Binary) raw.get("raw")).getData());
        assertEquals("abc_hello.txt", raw.get("file"));
        assertEquals(
                Document.parse("{type:'Polygon', coordinates:[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"), raw.get("poly"));
        Document meta = (Document) raw.get("meta");
        assertEquals(new Date(1704067200000L), meta.get("when"));
        assertEquals(Document.parse("{__type:'Pointer', className:'_User', objectId:'u1'}"), meta.get("who"));
        assertFalse(raw.containsKey("friends"));
        assertFalse(raw.containsKey("ACL"));
        assertEquals(List.of("u1", "role:X", "*"), raw.get("_rperm"));
        assertEquals(List.of("u1"), raw.get("_wperm"));
        assertEquals(Document.parse("{u1:{w:true, r:true}, 'role:X':{r:true}, '*':{r:true}}"), raw.get("_acl"));

        Map<String, Object> back = adapter.find(
                        "GameScore", schema, Map.of("objectId", "abcDEF1234"), QueryOptions.all())
                .get(0);
        assertEquals(obj.get("ACL"), back.get("ACL"));
        assertEquals(map("__type", "File", "name", "abc_hello.txt"), back.get("file"));
        assertEquals(obj.get("raw"), back.get("raw"));
        assertEquals(obj.get("location"), back.get("location"));
        assertEquals(
                map(
                        "__type",
                        "Polygon",
                        "coordinates",
                        List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1), List.of(1, 0), List.of(0, 0))),
                back.get("poly"));
        assertEquals(obj.get("meta"), back.get("meta"));
        assertEquals("2025-01-02T03:04:05.006Z", back.get("createdAt"));
    }

    @Test
    void writesSchemaDocumentsLikeParse() {
        ClassSchema schema = gameScoreSchema();
        Document raw = db.getCollection("_SCHEMA")
                .find(new Document("_id", "GameScore"))
                .first();
        assertEquals("string", raw.get("objectId"));
        assertEquals("date", raw.get("createdAt"));
        assertEquals("*Player", raw.get("player"));
        assertEquals("relation<_User>", raw.get("friends"));
        assertEquals("geopoint", raw.get("location"));
        assertEquals("polygon", raw.get("poly"));
        assertEquals("bytes", raw.get("raw"));
        assertFalse(raw.containsKey("ACL"));
        assertFalse(raw.containsKey("_metadata"));

        adapter.addFieldIfNotExists("GameScore", "level", new FieldType("Number", null, true, 5));
        adapter.addFieldIfNotExists("GameScore", "level", FieldType.STRING); // already there: unchanged
        raw = db.getCollection("_SCHEMA").find(new Document("_id", "GameScore")).first();
        assertEquals("number", raw.get("level"));
        assertEquals(Document.parse("{fields_options:{level:{required:true, defaultValue:5}}}"), raw.get("_metadata"));
        assertEquals(
                new FieldType("Number", null, true, 5),
                adapter.getClass("GameScore").orElseThrow().field("level"));

        ParseException dup = assertThrows(ParseException.class, () -> adapter.createClass(schema));
        assertEquals(103, dup.code());
        ParseException geo = assertThrows(
                ParseException.class, () -> adapter.addFieldIfNotExists("GameScore", "other", FieldType.GEOPOINT));
        assertEquals(111, geo.code());

        adapter.addFieldIfNotExists("NewClass", "a", FieldType.STRING);
        assertEquals(
                FieldType.STRING, adapter.getClass("NewClass").orElseThrow().field("a"));

        Map<String, Object> clp = new LinkedHashMap<>(DefaultSchemas.defaultClassLevelPermissions());
        clp.put("find", Map.of("role:Admin", true));
        adapter.updateClass(adapter.getClass("GameScore").orElseThrow().withClassLevelPermissions(clp));
        assertEquals(
                Map.of("role:Admin", true),
                adapter.getClass("GameScore")
                        .orElseThrow()
                        .classLevelPermissions()
                        .get("find"));
        raw = db.getCollection("_SCHEMA").find(new Document("_id", "GameScore")).first();
        assertEquals(
                Document.parse("{'role:Admin':true}"),
                ((Document) ((Document) raw.get("_metadata")).get("class_permissions")).get("find"));
    }

    @Test
    void joinTablesAreUpsertedWithoutTimestamps() {
        ClassSchema join = joinSchema("friends", "GameScore");
        Map<String, Object> rel = map("relatedId", "u1", "owningId", "g1");
        adapter.upsertOneObject(join.className(), join, rel, rel);
        adapter.upsertOneObject(join.className(), join, rel, rel);
        List<Document> raw = db.getCollection(join.className()).find().into(new ArrayList<>());
        assertEquals(1, raw.size());
        assertEquals(Set3.of("_id", "relatedId", "owningId"), raw.get(0).keySet());
        adapter.deleteObjectsByQuery(join.className(), join, rel);
        assertEquals(0, db.getCollection(join.className()).countDocuments());
        ParseException e =
                assertThrows(ParseException.class, () -> adapter.deleteObjectsByQuery(join.className(), join, rel));
        assertEquals(101, e.code());
        assertEquals("Object not found.", e.getMessage());
    }

    /** Order-insensitive key set check. */
    private static final class Set3 {
        static Set<String> of(String... s) {
            return new HashSet<>(List.of(s));
        }
    }

    // ---- queries ----

    private ClassSchema seedScores() {
        ClassSchema schema = gameScoreSchema();
        String[] names = {"alice", "bob", "carol", "dave", "Eve"};
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> o = map(
                    "objectId",
                    "id" + i,
                    "createdAt",
                    "2025-01-0" + (i + 1) + "T00:00:00.000Z",
                    "updatedAt",
                    "2025-01-0" + (i + 1) + "T00:00:00.000Z",
                    "name",
                    names[i],
                    "score",
                    i * 10,
                    "tags",
                    i % 2 == 0 ? List.of("even", "t" + i) : List.of("odd"),
                    "player",
                    pointer("Player", "p" + (i % 2)),
                    "location",
                    geo(i, i),
                    "meta",
                    map("level", i, "group", i < 2 ? "low" : "high"));
            if (i == 4) {
                o.remove("player");
            }
            adapter.createObject("GameScore", schema, o);
        }
        return schema;
    }

    private List<Object> ids(ClassSchema schema, Map<String, Object> where) {
        return adapter.find("GameScore", schema, where, QueryOptions.all()).stream()
                .map(o -> o.get("objectId"))
                .sorted()
                .map(Object.class::cast)
                .toList();
    }

    @Test
    void findAndCountWithEveryOperator() {
        ClassSchema s = seedScores();
        assertEquals(List.of("id0", "id1"), ids(s, Map.of("score", Map.of("$lt", 20))));
        assertEquals(List.of("id0", "id1", "id2"), ids(s, Map.of("score", Map.of("$lte", 20))));
        assertEquals(List.of("id3", "id4"), ids(s, Map.of("score", Map.of("$gt", 20))));
        assertEquals(List.of("id2", "id3", "id4"), ids(s, Map.of("score", Map.of("$gte", 20))));
        assertEquals(List.of("id0", "id1", "id3", "id4"), ids(s, Map.of("score", Map.of("$ne", 20))));
        assertEquals(List.of("id2"), ids(s, Map.of("score", Map.of("$eq", 20))));
        assertEquals(List.of("id1", "id3"), ids(s, Map.of("name", Map.of("$in", List.of("bob", "dave")))));
        assertEquals(List.of("id0", "id2", "id4"), ids(s, Map.of("name", Map.of("$nin", List.of("bob", "dave")))));
        assertEquals(List.of("id2"), ids(s, Map.of("tags", Map.of("$all", List.of("even", "t2")))));
        assertEquals(List.of("id0", "id2", "id4"), ids(s, Map.of("tags", "even")));
        assertEquals(List.of("id1", "id3"), ids(s, Map.of("tags", Map.of("$containedBy", List.of("odd", "x")))));
        assertEquals(List.of("id4"), ids(s, Map.of("player", Map.of("$exists", false))));
        assertEquals(List.of("id1", "id3"), ids(s, Map.of("player", pointer("Player", "p1"))));
        assertEquals(
                List.of("id0", "id1", "id2", "id3"),
                ids(s, Map.of("player", Map.of("$in", List.of(pointer("Player", "p0"), pointer("Player", "p1"))))));
        assertEquals(List.of("id4"), ids(s, Map.of("name", Map.of("$regex", "^e", "$options", "i"))));
        assertEquals(List.of("id0"), ids(s, Map.of("name", Map.of("$regex", "^\\Qal\\E"))));
        assertEquals(
                List.of("id0", "id4"), ids(s, Map.of("$or", List.of(Map.of("name", "alice"), Map.of("score", 40)))));
        assertEquals(
                List.of("id1"),
                ids(s, Map.of("$and", List.of(Map.of("score", Map.of("$gt", 0)), Map.of("score", Map.of("$lt", 20))))));
        assertEquals(
                List.of("id2", "id3", "id4"),
                ids(s, Map.of("$nor", List.of(Map.of("name", "alice"), Map.of("name", "bob")))));
        assertEquals(List.of("id2", "id3", "id4"), ids(s, Map.of("meta.group", "high")));
        assertEquals(List.of("id3", "id4"), ids(s, Map.of("meta.level", Map.of("$gte", 3))));
        assertEquals(
                List.of("id3", "id4"), ids(s, Map.of("createdAt", Map.of("$gt", date("2025-01-03T00:00:00.000Z")))));
        assertEquals(List.of("id2"), ids(s, Map.of("createdAt", "2025-01-03T00:00:00.000Z")));
        assertEquals(List.of("id1"), ids(s, Map.of("objectId", "id1")));
        assertEquals(
                List.of("id0", "id1", "id2", "id3", "id4"),
                ids(s, Map.of("createdAt", Map.of("$lt", Map.of("$relativeTime", "in 1 day")))));
        assertEquals(3, adapter.count("GameScore", s, Map.of("score", Map.of("$gte", 20)), null));
        assertEquals(5, adapter.count("GameScore", s, Map.of(), null));

        ParseException bad = assertThrows(ParseException.class, () -> ids(s, Map.of("score", Map.of("$foo", 1))));
        assertEquals(107, bad.code());
        assertEquals("bad constraint: $foo", bad.getMessage());
        ParseException badKey = assertThrows(ParseException.class, () -> ids(s, Map.of("$foo", 1)));
        assertEquals(105, badKey.code());
        ParseException badOpts = assertThrows(
                ParseException.class, () -> ids(s, Map.of("name", Map.of("$regex", "a", "$options", "q"))));
        assertEquals(102, badOpts.code());
        assertEquals("Bad $options value for query: q", badOpts.getMessage());
    }

    @Test
    void sortSkipLimitAndKeys() {
        ClassSchema s = seedScores();
        LinkedHashMap<String, Integer> sort = new LinkedHashMap<>();
        sort.put("score", -1);
        QueryOptions opts = new QueryOptions(1, 2, sort, List.of("name", "player"), null, false);
        List<Map<String, Object>> page = adapter.find("GameScore", s, Map.of(), opts);
        assertEquals(
                List.of("dave", "carol"), page.stream().map(o -> o.get("name")).toList());
        assertEquals(pointer("Player", "p1"), page.get(0).get("player"));
        assertFalse(page.get(0).containsKey("score"));
        assertFalse(page.get(0).containsKey("objectId"));
        assertEquals(
                0, adapter.find("GameScore", s, Map.of(), QueryOptions.limit(0)).size());
        LinkedHashMap<String, Integer> byCreated = new LinkedHashMap<>();
        byCreated.put("createdAt", 1);
        assertEquals(
                "id0",
                adapter.find("GameScore", s, Map.of(), new QueryOptions(0, 1, byCreated, null, null, false))
                        .get(0)
                        .get("objectId"));
    }

    @Test
    void updatesApplyParseOperations() {
        ClassSchema s = seedScores();
        Map<String, Object> update = map(
                "score", map("__op", "Increment", "amount", 5),
                "tags", map("__op", "AddUnique", "objects", List.of("even", "new")),
                "name", map("__op", "Delete"),
                "player", pointer("Player", "p9"),
                "updatedAt", "2026-01-01T00:00:00.000Z",
                "ACL", map("u2", map("read", true)));
        Map<String, Object> after = adapter.findOneAndUpdate("GameScore", s, Map.of("objectId", "id0"), update);
        assertEquals(5, after.get("score"));
        assertEquals(List.of("even", "t0", "new"), after.get("tags"));
        assertFalse(after.containsKey("name"));
        assertEquals(pointer("Player", "p9"), after.get("player"));
        assertEquals("2026-01-01T00:00:00.000Z", after.get("updatedAt"));
        assertEquals(map("u2", map("read", true)), after.get("ACL"));
        Document raw =
                db.getCollection("GameScore").find(new Document("_id", "id0")).first();
        assertEquals(Document.parse("{u2:{r:true}}"), raw.get("_acl"));

        adapter.updateObjectsByQuery(
                "GameScore",
                s,
                Map.of("score", Map.of("$gte", 20)),
                map("tags", map("__op", "Add", "objects", List.of("hi")), "meta.level", 99));
        assertEquals(3, adapter.count("GameScore", s, Map.of("tags", "hi"), null));
        assertEquals(3, adapter.count("GameScore", s, Map.of("meta.level", 99), null));
        adapter.updateObjectsByQuery(
                "GameScore", s, Map.of(), map("tags", map("__op", "Remove", "objects", List.of("hi", "odd"))));
        assertEquals(0, adapter.count("GameScore", s, Map.of("tags", Map.of("$in", List.of("hi", "odd"))), null));
        assertNull(adapter.findOneAndUpdate("GameScore", s, Map.of("objectId", "nope"), map("score", 1)));
    }

    @Test
    void concurrentIncrementsAllCount() throws Exception {
        ClassSchema s = seedScores();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    adapter.findOneAndUpdate(
                            "GameScore",
                            s,
                            Map.of("objectId", "id1"),
                            map("score", map("__op", "Increment", "amount", 1)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(
                60,
                adapter.find("GameScore", s, Map.of("objectId", "id1"), QueryOptions.all())
                        .get(0)
                        .get("score"));
    }

    @Test
    void uniqueIndexesReport137() {
        ClassSchema s = seedScores();
        adapter.ensureUniqueness("GameScore", s, List.of("name"));
        ParseException dup = assertThrows(
                ParseException.class,
                () -> adapter.createObject(
                        "GameScore",
                        s,
                        map(
                                "objectId",
                                "dup",
                                "name",
                                "alice",
                                "createdAt",
                                "2025-01-01T00:00:00.000Z",
                                "updatedAt",
                                "2025-01-01T00:00:00.000Z")));
        assertEquals(137, dup.code());
        assertEquals("A duplicate value for a field with unique values was provided", dup.getMessage());
        ParseException dupUpdate = assertThrows(
                ParseException.class,
                () -> adapter.findOneAndUpdate("GameScore", s, Map.of("objectId", "id1"), map("name", "alice")));
        assertEquals(137, dupUpdate.code());

        ParseException existing =
                assertThrows(ParseException.class, () -> adapter.ensureUniqueness("GameScore", s, List.of("tags")));
        assertEquals(137, existing.code());
        assertEquals(
                "Tried to ensure field uniqueness for a class that already has duplicates.", existing.getMessage());

        Map<String, Object> indexes = adapter.getIndexes("GameScore");
        assertEquals(Map.of("_id", 1), indexes.get("_id_"));
        assertEquals(Map.of("name", 1), indexes.get("name_1"));
        assertTrue(adapter.getClass("GameScore").orElseThrow().indexes().containsKey("name_1"));
    }

    @Test
    void updateIndexesLikeSchemasEndpoint() {
        ClassSchema s = seedScores();
        adapter.updateIndexes("GameScore", s, Map.of("score_idx", Map.of("score", 1)));
        assertEquals(Map.of("score", 1), adapter.getIndexes("GameScore").get("score_idx"));
        ClassSchema now = adapter.getClass("GameScore").orElseThrow();
        assertEquals(Map.of("score", 1), now.indexes().get("score_idx"));
        ParseException exists = assertThrows(
                ParseException.class,
                () -> adapter.updateIndexes("GameScore", now, Map.of("score_idx", Map.of("score", 1))));
        assertEquals(102, exists.code());
        assertEquals("Index score_idx exists, cannot update.", exists.getMessage());
        ParseException missing = assertThrows(
                ParseException.class,
                () -> adapter.updateIndexes("GameScore", now, Map.of("nope", Map.of("__op", "Delete"))));
        assertEquals("Index nope does not exist, cannot delete.", missing.getMessage());
        ParseException noField = assertThrows(
                ParseException.class, () -> adapter.updateIndexes("GameScore", now, Map.of("x", Map.of("nofield", 1))));
        assertEquals("Field nofield does not exist, cannot add index.", noField.getMessage());
        adapter.updateIndexes("GameScore", now, Map.of("score_idx", Map.of("__op", "Delete")));
        assertFalse(adapter.getIndexes("GameScore").containsKey("score_idx"));
        assertFalse(adapter.getClass("GameScore").orElseThrow().indexes().containsKey("score_idx"));

        adapter.ensureIndex("GameScore", s, List.of("name"), "case_insensitive_name", true);
        assertEquals(Map.of("name", 1), adapter.getIndexes("GameScore").get("case_insensitive_name"));
    }

    @Test
    void deleteFieldsAndClasses() {
        ClassSchema s = seedScores();
        db.getCollection("_Join:friends:GameScore").insertOne(new Document("relatedId", "a").append("owningId", "b"));
        adapter.deleteFields("GameScore", s, List.of("player", "score", "friends"));
        Document raw =
                db.getCollection("GameScore").find(new Document("_id", "id0")).first();
        assertFalse(raw.containsKey("_p_player"));
        assertFalse(raw.containsKey("score"));
        ClassSchema after = adapter.getClass("GameScore").orElseThrow();
        assertFalse(after.hasField("player"));
        assertFalse(after.hasField("friends"));
        List<String> names = db.listCollectionNames().into(new ArrayList<>());
        assertFalse(names.contains("_Join:friends:GameScore"));

        adapter.deleteClass("GameScore");
        assertTrue(adapter.getClass("GameScore").isEmpty());
        assertEquals(0, db.getCollection("GameScore").countDocuments());
        adapter.deleteAllClasses();
        assertTrue(adapter.getAllClasses().isEmpty());
    }

    @Test
    void distinctAndAggregate() {
        ClassSchema s = seedScores();
        List<Object> players = adapter.distinct("GameScore", s, Map.of(), "player");
        assertEquals(2, players.size());
        assertTrue(players.contains(pointer("Player", "p0")));
        assertEquals(
                List.of("high"), adapter.distinct("GameScore", s, Map.of("score", Map.of("$gt", 10)), "meta.group"));

        List<Map<String, Object>> pipeline = List.of(
                Map.of("$match", Map.of("score", Map.of("$gte", 10))),
                Map.of("$group", map("objectId", "$player", "total", Map.of("$sum", "$score"))),
                Map.of("$sort", Map.of("total", 1)));
        List<Object> grouped = adapter.aggregate("GameScore", s, pipeline, null, false);
        assertEquals(3, grouped.size());
        Map<Object, Object> totals = new HashMap<>();
        for (Object g : grouped) {
            Map<?, ?> row = (Map<?, ?>) g;
            totals.put(row.get("objectId"), row.get("total"));
            assertEquals(Set.of("objectId", "total", "friends"), row.keySet());
        }
        assertEquals(20, totals.get("p0"));
        assertEquals(40, totals.get("p1"));
        assertEquals(40, totals.get(null)); // Eve has no player
        assertEquals("p0", ((Map<?, ?>) grouped.get(0)).get("objectId"));

        List<Object> byDate = adapter.aggregate(
                "GameScore",
                s,
                List.of(
                        Map.of("$match", Map.of("createdAt", Map.of("$gte", "2025-01-04T00:00:00.000Z"))),
                        Map.of("$project", Map.of("name", 1, "createdAt", 1))),
                null,
                false);
        assertEquals(2, byDate.size());
        Map<?, ?> o = (Map<?, ?>) byDate.get(0);
        assertEquals("id3", o.get("objectId"));
        assertEquals("2025-01-04T00:00:00.000Z", o.get("createdAt"));
        List<Object> counted = adapter.aggregate("GameScore", s, List.of(Map.of("$count", "n")), null, false);
        assertEquals(5, ((Map<?, ?>) counted.get(0)).get("n"));
    }

    private static Map<Object, Object> withoutRelations(Map<?, ?> m) {
        Map<Object, Object> out = new LinkedHashMap<>(m);
        out.remove("friends");
        return out;
    }

    @Test
    void geoAndTextAreEvaluatedInMemoryOnTheEmbeddedBackend() {
        ClassSchema s = seedScores();
        // $nearSphere sorts by distance when no sort is given
        Map<String, Object> near =
                Map.of("location", map("$nearSphere", geo(3.1, 3.1), "$maxDistanceInKilometers", 200.0));
        List<Object> nearIds = adapter.find("GameScore", s, near, QueryOptions.all()).stream()
                .map(x -> x.get("objectId"))
                .toList();
        assertEquals(List.of("id3", "id4", "id2"), nearIds);
        assertEquals(3, adapter.count("GameScore", s, near, null));
        // combined with a pushed-down constraint, skip/limit and keys
        Map<String, Object> where = map(
                "location",
                Map.of("$geoWithin", Map.of("$centerSphere", List.of(geo(0, 0), 0.1))),
                "score",
                Map.of("$gt", 0));
        LinkedHashMap<String, Integer> sort = new LinkedHashMap<>();
        sort.put("score", -1);
        List<Map<String, Object>> page =
                adapter.find("GameScore", s, where, new QueryOptions(1, 2, sort, List.of("name"), null, false));
        assertEquals(
                List.of("dave", "carol"), page.stream().map(x -> x.get("name")).toList());
        assertFalse(page.get(0).containsKey("score"));
        // $within $box
        Map<String, Object> box =
                Map.of("location", Map.of("$within", Map.of("$box", List.of(geo(0.5, 0.5), geo(2.5, 2.5)))));
        assertEquals(List.of("id1", "id2"), ids(s, box));
        // inside $or
        assertEquals(
                List.of("id0", "id4"),
                ids(
                        s,
                        Map.of(
                                "$or",
                                List.of(
                                        Map.of("name", "alice"),
                                        Map.of(
                                                "location",
                                                Map.of("$nearSphere", geo(4, 4), "$maxDistanceInRadians", 0.001))))));
        // updates and deletes with a geo where
        adapter.updateObjectsByQuery("GameScore", s, box, map("name", "boxed"));
        assertEquals(2, adapter.count("GameScore", s, Map.of("name", "boxed"), null));
        adapter.deleteObjectsByQuery("GameScore", s, box);
        assertEquals(3, adapter.count("GameScore", s, Map.of(), null));
        // $text
        assertEquals(
                List.of("id0"), ids(s, Map.of("name", Map.of("$text", Map.of("$search", Map.of("$term", "alice"))))));
    }

    @Test
    void missingClassesAreEmptyNotErrors() {
        ClassSchema none = new ClassSchema("Nothing", DefaultSchemas.defaultFields(), null, null);
        assertEquals(0, adapter.count("Nothing", none, Map.of(), null));
        assertEquals(0, adapter.count("Nothing", none, Map.of("a", 1), null));
        assertTrue(adapter.find("Nothing", none, Map.of(), QueryOptions.all()).isEmpty());
        assertTrue(adapter.getIndexes("Nothing").isEmpty());
        assertTrue(adapter.getClass("Nothing").isEmpty());
        assertTrue(adapter.distinct("Nothing", none, Map.of(), "a").isEmpty());
        assertFalse(adapter.supportsTransactions());
        assertInstanceOf(Map.class, adapter.explain("Nothing", none, Map.of("a", 1), QueryOptions.all()));
    }
}
