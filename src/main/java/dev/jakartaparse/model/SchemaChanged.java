package dev.jakartaparse.model;

/**
 * Fired by the schema controller after this server changed a class's schema in the store (class
 * created or deleted, field added or deleted, class-level permissions or indexes changed), so
 * that the other servers on the same store drop their cached schemas (LiveQuery's bus carries it
 * when Redis is configured).
 */
public record SchemaChanged(String className) {}
