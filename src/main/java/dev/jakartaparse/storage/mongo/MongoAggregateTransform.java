package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parse aggregate pipelines -> Mongo pipelines, with the renames Parse Server's adapter applies:
 * objectId/createdAt/updatedAt -> _id/_created_at/_updated_at, pointer fields -> _p_field (values
 * "Class$id"), Date fields compared as dates; a $group may name its key objectId instead of _id.
 */
public final class MongoAggregateTransform {
    private MongoAggregateTransform() {}

    /** The translated pipeline and whether the $group key is a pointer column (results strip "Class$"). */
    public record Pipeline(List<Document> stages, boolean groupsByPointer) {}

    @SuppressWarnings("unchecked")
    public static Pipeline toMongoPipeline(ClassSchema schema, List<Map<String, Object>> pipeline) {
        List<Document> stages = new ArrayList<>();
        boolean groupsByPointer = false;
        for (Map<String, Object> stage : pipeline) {
            Document out = new Document();
            for (Map.Entry<String, Object> e : stage.entrySet()) {
                String op = e.getKey();
                Object arg = e.getValue();
                switch (op) {
                    case "$group" -> {
                        Map<String, Object> group = new LinkedHashMap<>((Map<String, Object>) arg);
                        if (group.containsKey("objectId") && !group.containsKey("_id")) {
                            Map<String, Object> renamed = new LinkedHashMap<>();
                            renamed.put("_id", group.get("objectId"));
                            group.forEach((k, v) -> {
                                if (!"objectId".equals(k)) {
                                    renamed.put(k, v);
                                }
                            });
                            group = renamed;
                        }
                        Document g = (Document) groupArgs(schema, group);
                        if (g.get("_id") instanceof String id && id.startsWith("$_p_")) {
                            groupsByPointer = true;
                        }
                        out.put(op, g);
                    }
                    case "$match" -> out.put(op, matchArgs(schema, arg));
                    case "$project" -> out.put(op, projectArgs(schema, (Map<String, Object>) arg));
                    case "$sort" -> {
                        Document sort = new Document();
                        ((Map<String, Object>) arg)
                                .forEach((k, v) -> sort.put(rename(schema, k), MongoValueCodec.toBson(v)));
                        out.put(op, sort);
                    }
                    case "$geoNear" -> {
                        Document geoNear = (Document) MongoValueCodec.toBson(arg);
                        if (geoNear.get("query") != null) {
                            geoNear.put("query", matchArgs(schema, geoNear.get("query")));
                        }
                        out.put(op, geoNear);
                    }
                    case "$unwind" ->
                        out.put(op, arg instanceof String s ? fieldRef(schema, s) : MongoValueCodec.toBson(arg));
                    default -> out.put(op, MongoValueCodec.toBson(arg));
                }
            }
            stages.add(out);
        }
        return new Pipeline(stages, groupsByPointer);
    }

    private static String rename(ClassSchema schema, String field) {
        return switch (field) {
            case "objectId" -> "_id";
            case "createdAt" -> "_created_at";
            case "updatedAt" -> "_updated_at";
            default -> MongoTransform.isPointer(schema, field) ? "_p_" + field : field;
        };
    }

    /** "$field" references inside $group: pointers, createdAt/updatedAt and objectId to their columns. */
    private static String fieldRef(ClassSchema schema, String ref) {
        if (!ref.startsWith("$") || ref.startsWith("$$")) {
            return ref;
        }
        String field = ref.substring(1);
        return "$" + rename(schema, field);
    }

    private static Object groupArgs(ClassSchema schema, Object arg) {
        if (arg instanceof Map<?, ?> m) {
            Document d = new Document();
            m.forEach((k, v) -> d.put(String.valueOf(k), groupArgs(schema, v)));
            return d;
        }
        if (arg instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(groupArgs(schema, v)));
            return out;
        }
        if (arg instanceof String s) {
            return fieldRef(schema, s);
        }
        return MongoValueCodec.toBson(arg);
    }

    /** $match (Parse's _parseAggregateArgs): keys renamed, pointer values as "Class$id", dates as dates. */
    static Object matchArgs(ClassSchema schema, Object arg) {
        if (arg == null || arg instanceof Date) {
            return arg;
        }
        if (arg instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(matchArgs(schema, v)));
            return out;
        }
        if (!(arg instanceof Map<?, ?> m)) {
            return MongoValueCodec.toBson(arg);
        }
        Document out = new Document();
        m.forEach((k, v) -> {
            String field = String.valueOf(k);
            FieldType type = MongoTransform.fieldType(schema, field);
            Object value;
            if (type != null && type.isPointer()) {
                value = pointerValue(type, v);
                out.put("_p_" + field, value);
                return;
            } else if ("Date".equals(MongoValueCodec.typeOf(v))) {
                value = MongoValueCodec.topLevelAtom(v);
            } else if ((type != null && "Date".equals(type.type()))
                    || "createdAt".equals(field)
                    || "updatedAt".equals(field)) {
                value = toDate(v);
            } else {
                value = matchArgs(schema, v);
            }
            out.put(rename(schema, field), value);
        });
        return out;
    }

    private static Object pointerValue(FieldType type, Object v) {
        if (v instanceof String s) {
            return type.targetClass() + "$" + s;
        }
        if ("Pointer".equals(MongoValueCodec.typeOf(v))) {
            return MongoValueCodec.topLevelAtom(v);
        }
        if (v instanceof Map<?, ?> ops) {
            // operators ($in, $exists, ...) on a pointer: convert ids and pointers inside
            Document d = new Document();
            ops.forEach((op, arg) -> {
                if (arg instanceof List<?> list) {
                    List<Object> vals = new ArrayList<>();
                    list.forEach(x -> vals.add(pointerValue(type, x)));
                    d.put(String.valueOf(op), vals);
                } else if (arg instanceof String || arg instanceof Map<?, ?>) {
                    d.put(String.valueOf(op), pointerValue(type, arg));
                } else {
                    d.put(String.valueOf(op), MongoValueCodec.toBson(arg));
                }
            });
            return d;
        }
        return MongoValueCodec.toBson(v);
    }

    private static Object toDate(Object v) {
        if (v instanceof String s) {
            return MongoValueCodec.parseIso(s);
        }
        if ("Date".equals(MongoValueCodec.typeOf(v))) {
            return MongoValueCodec.topLevelAtom(v);
        }
        if (v instanceof Map<?, ?> m) {
            Document d = new Document();
            m.forEach((k, x) -> d.put(String.valueOf(k), toDate(x)));
            return d;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(toDate(x)));
            return out;
        }
        return MongoValueCodec.toBson(v);
    }

    private static Document projectArgs(ClassSchema schema, Map<String, Object> project) {
        Document out = new Document();
        project.forEach((field, v) -> {
            Object value = v instanceof String s
                    ? fieldRef(schema, s)
                    : v instanceof Map<?, ?> ? groupArgs(schema, v) : MongoValueCodec.toBson(v);
            out.put(rename(schema, field), value);
        });
        return out;
    }

    /**
     * A result document in REST form: its _id becomes objectId (the id part of a "Class$id" pointer key,
     * null for an empty key), then the usual document transform.
     */
    public static Map<String, Object> resultToRest(
            String className, ClassSchema schema, Document result, boolean groupsByPointer) {
        Document doc = new Document(result);
        if (doc.containsKey("_id")) {
            Object id = doc.remove("_id");
            if (groupsByPointer && id instanceof String s && s.contains("$")) {
                id = s.substring(s.indexOf('$') + 1);
            }
            if (id instanceof String s && s.isEmpty() || id instanceof Map<?, ?> m && m.isEmpty()) {
                id = null;
            }
            Document withId = new Document("objectId", id);
            withId.putAll(doc);
            doc = withId;
        }
        return MongoTransform.toRest(className, schema, doc);
    }
}
