package dev.jakartaparse.model;

import java.util.Map;

/**
 * Fired by the write pipeline after a create, update or delete of an object in a class that
 * LiveQuery publishes. Objects are in REST form as stored (ACL included, secrets under their
 * "_" names); whoever passes them on must not show them to clients unfiltered.
 *
 * @param object   the object after the write (for a delete, the object as it was)
 * @param original the object before an update; null for a create or a delete
 */
public record ObjectChanged(
        String className, Map<String, Object> object, Map<String, Object> original, boolean deleted) {}
