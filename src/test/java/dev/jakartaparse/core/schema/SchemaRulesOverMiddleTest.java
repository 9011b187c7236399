package dev.jakartaparse.core.schema;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

/** Schemas over the embedded store: inferred on first write, types locked in, the /schemas operations. */
class SchemaRulesOverMiddleTest {
    @RegisterExtension
    static final Middle middle = new Middle();

    @Test
    void aWriteInfersFieldsAndLocksTheirTypes() {
        String cls = middle.newClassName("Inferred");
        String id = middle.master()
                .create(
                        cls,
                        json("{score: 1, name: 'a', where: {__type: 'GeoPoint', latitude: 1," + " longitude: 2}}"));
        ClassSchema schema = middle.schemas().find(cls).orElseThrow();
        assertEquals(FieldType.NUMBER, schema.field("score"));
        assertEquals("GeoPoint", schema.field("where").type());
        assertParseError(
                ParseError.INCORRECT_TYPE,
                "schema mismatch for " + cls + ".score; expected Number but got String",
                () -> middle.master().update(cls, id, json("{score: 'high'}")));
        assertParseError(
                ParseError.INCORRECT_TYPE,
                "there can only be one geopoint field in a class",
                () -> middle.master().create(cls, json("{other: {__type: 'GeoPoint', latitude: 1, longitude: 2}}")));
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                "Invalid field name: bad-name.",
                () -> middle.master().create(cls, json("{'bad-name': 1}")));
    }

    @Test
    void classesAreCreatedOnceAndDroppedOnlyWhenEmpty() {
        String cls = middle.createClass("Made", json("{title: {type: 'String', required: true}}"), null);
        assertParseError(
                ParseError.INVALID_CLASS_NAME,
                "Class " + cls + " already exists.",
                () -> middle.schemas().createClass(cls, Map.of(), null, null));
        assertParseError(
                ParseError.VALIDATION_ERROR,
                "title is required",
                () -> middle.master().create(cls, json("{n: 1}")));
        String id = middle.master().create(cls, json("{title: 't'}"));
        assertParseError(
                ParseError.INVALID_SCHEMA_OPERATION,
                "Class " + cls + " is not empty, contains 1 objects," + " cannot drop schema.",
                () -> middle.schemas().deleteClass(cls));
        middle.master().delete(cls, id);
        middle.schemas().deleteClass(cls);
        assertTrue(middle.schemas().find(cls).isEmpty());
    }

    @Test
    void fieldsAreAddedAndDeletedByName() {
        String cls = middle.createClass("Fields", json("{a: {type: 'Number'}}"), null);
        assertParseError(
                ParseError.INVALID_SCHEMA_OPERATION,
                "Field a exists, cannot update.",
                () -> middle.schemas().updateClass(cls, json("{a: {type: 'String'}}"), null, null));
        assertParseError(
                ParseError.INVALID_SCHEMA_OPERATION,
                "Field b does not exist, cannot delete.",
                () -> middle.schemas().updateClass(cls, json("{b: {__op: 'Delete'}}"), null, null));
        assertParseError(
                136,
                "field objectId cannot be changed",
                () -> middle.schemas().updateClass(cls, json("{objectId: {__op: 'Delete'}}"), null, null));
        middle.schemas().updateClass(cls, json("{a: {__op: 'Delete'}, b: {type: 'Date'}}"), null, null);
        ClassSchema schema = middle.schemas().find(cls).orElseThrow();
        assertNull(schema.field("a"));
        assertEquals("Date", schema.field("b").type());
    }

    @Test
    void classLevelPermissionsAreValidated() {
        String cls = middle.createClass("Perms", null);
        assertParseError(
                ParseError.INVALID_JSON,
                "teleport is not a valid operation for class level permissions",
                () -> middle.setClassLevelPermissions(cls, json("{teleport: {'*': true}}")));
        assertParseError(
                ParseError.INVALID_JSON,
                "'owner' is not a valid column for class level pointer permissions" + " readUserFields",
                () -> middle.setClassLevelPermissions(cls, json("{readUserFields: ['owner']}")));
    }
}
