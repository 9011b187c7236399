package dev.jakartaparse.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** _SCHEMA documents both ways, the where splitter and aggregate translation: no database. */
class MongoSchemaAndSplitTest {

    @Test
    void readsParseServerSchemaDocuments() {
        ClassSchema shape = MongoSchemaCollection.fromMongoSchema(ParseSamples.doc(ParseSamples.SCHEMA_SHAPE));
        assertEquals("Shape", shape.className());
        assertEquals(
                List.of("objectId", "createdAt", "updatedAt", "ACL"),
                shape.fields().keySet().stream().limit(4).toList());
        assertEquals(FieldType.ACL, shape.field("ACL"));
        assertEquals(FieldType.DATE, shape.field("date"));
        assertEquals(FieldType.GEOPOINT, shape.field("geo"));
        assertEquals(FieldType.POLYGON, shape.field("poly"));
        assertEquals(FieldType.FILE, shape.field("file"));
        assertEquals(FieldType.OBJECT, shape.field("obj"));
        assertEquals(FieldType.BYTES, shape.field("bytes"));
        assertEquals(FieldType.BOOLEAN, shape.field("bool"));
        assertEquals(FieldType.pointer("Player"), shape.field("ptr"));
        assertEquals(FieldType.relation("Player"), shape.field("rel"));
        assertEquals(FieldType.ARRAY, shape.field("arr"));
        assertEquals(FieldType.NUMBER, shape.field("num"));
        assertNull(shape.classLevelPermissions());

        ClassSchema user = MongoSchemaCollection.fromMongoSchema(ParseSamples.doc(ParseSamples.SCHEMA_USER));
        assertEquals(FieldType.STRING, user.field("password"));
        assertEquals(Map.of("username", 1), user.indexes().get("username_1"));
        assertEquals(Map.of("_auth_data_anonymous.id", 1), user.indexes().get("_auth_data_anonymous_id"));
    }

    @Test
    void writesParseServerSchemaDocuments() {
        Map<String, FieldType> fields = new LinkedHashMap<>(DefaultSchemas.initialFields("_User"));
        fields.put("nick", new FieldType("String", null, true, "anon"));
        Map<String, Object> clp = new LinkedHashMap<>(DefaultSchemas.defaultClassLevelPermissions());
        clp.put("get", Map.of("requiresAuthentication", true));
        ClassSchema user = new ClassSchema("_User", fields, clp, Map.of("_id_", Map.of("_id", 1)));
        Document doc = MongoSchemaCollection.toMongoSchema(user);
        assertEquals(
                List.of(
                        "_id",
                        "objectId",
                        "updatedAt",
                        "createdAt",
                        "username",
                        "email",
                        "emailVerified",
                        "authData",
                        "nick",
                        "_metadata"),
                List.copyOf(doc.keySet()));
        assertFalse(doc.containsKey("password"));
        assertFalse(doc.containsKey("ACL"));
        Document meta = (Document) doc.get("_metadata");
        assertEquals(Document.parse("{nick:{required:true, defaultValue:'anon'}}"), meta.get("fields_options"));
        assertEquals(
                Document.parse("{requiresAuthentication:true}"), ((Document) meta.get("class_permissions")).get("get"));
        assertEquals(Document.parse("{_id_:{_id:1}}"), meta.get("indexes"));

        ClassSchema back = MongoSchemaCollection.fromMongoSchema(doc);
        assertEquals(new FieldType("String", null, true, "anon"), back.field("nick"));
        assertEquals(
                Map.of("requiresAuthentication", true),
                back.classLevelPermissions().get("get"));
        assertEquals(Map.of("*", true), back.classLevelPermissions().get("find"));
    }

    @Test
    void fieldTypeNames() {
        for (FieldType t : List.of(
                FieldType.STRING,
                FieldType.NUMBER,
                FieldType.BOOLEAN,
                FieldType.DATE,
                FieldType.OBJECT,
                FieldType.ARRAY,
                FieldType.GEOPOINT,
                FieldType.POLYGON,
                FieldType.FILE,
                FieldType.BYTES,
                FieldType.pointer("_User"),
                FieldType.relation("Player"))) {
            assertEquals(t, MongoSchemaCollection.fromMongoFieldType(MongoSchemaCollection.toMongoFieldType(t)));
        }
        assertEquals("*_User", MongoSchemaCollection.toMongoFieldType(FieldType.pointer("_User")));
        assertEquals("relation<Player>", MongoSchemaCollection.toMongoFieldType(FieldType.relation("Player")));
        assertEquals(FieldType.OBJECT, MongoSchemaCollection.fromMongoFieldType("map"));
    }

    @Test
    void splitsGeoAndTextFromTheRest() {
        Map<String, Object> near =
                Map.of("$nearSphere", Map.of("__type", "GeoPoint", "latitude", 1, "longitude", 2), "$maxDistance", 0.1);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("score", Map.of("$gt", 1));
        where.put(
                "loc",
                new LinkedHashMap<>(
                        Map.of("$exists", true, "$nearSphere", near.get("$nearSphere"), "$maxDistance", 0.1)));
        where.put("$or", List.of(Map.of("a", 1), Map.of("name", Map.of("$text", Map.of()))));
        where.put("$and", List.of(Map.of("b", 2), Map.of("loc2", Map.of("$geoWithin", Map.of()))));
        where.put("$nor", List.of(Map.of("c", 3)));
        WhereSplitter.Split split = WhereSplitter.split(where);
        assertEquals(
                Map.of(
                        "score",
                        Map.of("$gt", 1),
                        "loc",
                        Map.of("$exists", true),
                        "$and",
                        List.of(Map.of("b", 2)),
                        "$nor",
                        List.of(Map.of("c", 3))),
                split.pushed());
        assertEquals(
                Map.of(
                        "loc",
                        near,
                        "$or",
                        where.get("$or"),
                        "$and",
                        List.of(Map.of("loc2", Map.of("$geoWithin", Map.of())))),
                split.residual());
        assertEquals("loc", WhereSplitter.nearSphere(split.residual()).getKey());
        assertFalse(WhereSplitter.split(Map.of("a", 1)).hasResidual());
        assertTrue(WhereSplitter.split(Map.of("a", Map.of("$within", Map.of()))).hasResidual());
    }

    @Test
    void aggregatePipelines() {
        Map<String, FieldType> fields = new LinkedHashMap<>(DefaultSchemas.defaultFields());
        fields.put("player", FieldType.pointer("Player"));
        fields.put("when", FieldType.DATE);
        ClassSchema schema = new ClassSchema("S", fields, null, null);
        MongoAggregateTransform.Pipeline p = MongoAggregateTransform.toMongoPipeline(
                schema,
                List.of(
                        Map.of(
                                "$match",
                                Map.of(
                                        "player",
                                        "p1",
                                        "createdAt",
                                        Map.of("$gt", "2024-01-01T00:00:00.000Z"),
                                        "objectId",
                                        "x")),
                        Map.of("$group", new LinkedHashMap<>(Map.of("objectId", "$player", "n", Map.of("$sum", 1)))),
                        Map.of("$project", Map.of("createdAt", 1, "player", 1)),
                        Map.of("$sort", Map.of("updatedAt", -1))));
        assertTrue(p.groupsByPointer());
        Document match = (Document) p.stages().get(0).get("$match");
        assertEquals("Player$p1", match.get("_p_player"));
        assertEquals(new Date(1704067200000L), ((Document) match.get("_created_at")).get("$gt"));
        assertEquals("x", match.get("_id"));
        assertEquals(
                Document.parse("{_id:'$_p_player', n:{$sum:1}}"),
                p.stages().get(1).get("$group"));
        assertEquals(
                Document.parse("{_created_at:1, _p_player:1}").keySet(),
                ((Document) p.stages().get(2).get("$project")).keySet());
        assertEquals(Document.parse("{_updated_at:-1}"), p.stages().get(3).get("$sort"));

        Map<String, Object> row =
                MongoAggregateTransform.resultToRest("S", schema, Document.parse("{_id:'Player$p1', n:2}"), true);
        assertEquals(Map.of("objectId", "p1", "n", 2), row);
        Map<String, Object> empty =
                MongoAggregateTransform.resultToRest("S", schema, Document.parse("{_id:'', n:2}"), false);
        assertTrue(empty.containsKey("objectId"));
        assertNull(empty.get("objectId"));
    }
}
