package dev.jakartaparse.core.security;

import dev.jakartaparse.model.ClassSchema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the read guard allowed for one query: the class's schema, the where clause narrowed to
 * what the caller may ask for (owner and pointer permissions; the ACL is added after subqueries are
 * resolved), and the protected-field rules to apply to each result. {@code nothing} when the
 * caller may see no object at all (the answer is empty, not an error).
 */
public record ReadPlan(
        ClassSchema schema,
        String operation,
        Map<String, Object> where,
        Set<String> hidden,
        Map<String, List<String>> protectedRules,
        boolean nothing) {

    static ReadPlan nothing(ClassSchema schema, String operation) {
        return new ReadPlan(schema, operation, null, null, Map.of(), true);
    }
}
