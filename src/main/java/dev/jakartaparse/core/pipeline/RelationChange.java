package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * AddRelation / RemoveRelation operations (also inside a Batch op) taken out of a write: they
 * change the join table _Join:key:Class, not the object itself.
 */
record RelationChange(String key, String targetClass, List<String> added, List<String> removed) {

    /** Removes relation operations from {@code data} and returns them. */
    static List<RelationChange> extract(Map<String, Object> data) {
        List<RelationChange> changes = new ArrayList<>();
        Iterator<Map.Entry<String, Object>> it = data.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            if (!(e.getValue() instanceof Map<?, ?> op) || !(op.get("__op") instanceof String name)) {
                continue;
            }
            List<Map<?, ?>> ops = new ArrayList<>();
            if ("Batch".equals(name)) {
                if (!(op.get("ops") instanceof List<?> list)) {
                    throw new ParseException(ParseError.INVALID_JSON, "Batch ops must be an array");
                }
                for (Object o : list) {
                    if (!(o instanceof Map<?, ?> m)) {
                        throw new ParseException(ParseError.INVALID_JSON, "Batch ops must be objects");
                    }
                    ops.add(m);
                }
            } else if ("AddRelation".equals(name) || "RemoveRelation".equals(name)) {
                ops.add(op);
            } else {
                continue;
            }
            changes.add(build(e.getKey(), ops));
            it.remove();
        }
        return changes;
    }

    private static RelationChange build(String key, List<Map<?, ?>> ops) {
        String target = null;
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map<?, ?> op : ops) {
            Object name = op.get("__op");
            boolean add = "AddRelation".equals(name);
            if (!add && !"RemoveRelation".equals(name)) {
                throw new ParseException(ParseError.INVALID_JSON, "unexpected op in Batch: " + name);
            }
            if (!(op.get("objects") instanceof List<?> objects)) {
                throw new ParseException(ParseError.INVALID_JSON, "objects to add must be an array");
            }
            for (Object o : objects) {
                if (!(o instanceof Map<?, ?> p)
                        || !"Pointer".equals(p.get("__type"))
                        || !(p.get("className") instanceof String cls)
                        || !(p.get("objectId") instanceof String id)) {
                    throw new ParseException(ParseError.INVALID_JSON, "objects to add must be an array of pointers");
                }
                if (target != null && !target.equals(cls)) {
                    throw new ParseException(
                            ParseError.INVALID_POINTER,
                            "Can't add a pointer of class " + cls + " to a relation of " + target);
                }
                target = cls;
                (add ? added : removed).add(id);
            }
        }
        if (target == null) {
            throw new ParseException(ParseError.INVALID_JSON, "objects to add must be an array");
        }
        return new RelationChange(key, target, added, removed);
    }
}
