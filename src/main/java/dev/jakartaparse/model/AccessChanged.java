package dev.jakartaparse.model;

/**
 * Fired when something that decides what a session may read changed: a role, its members or
 * children, or a session that ended. Caches of sessions and roles (LiveQuery's) drop what they hold.
 */
public record AccessChanged(String what) {}
