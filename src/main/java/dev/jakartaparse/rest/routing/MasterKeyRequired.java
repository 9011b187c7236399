package dev.jakartaparse.rest.routing;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources and resource methods whose routes have a master-key rule (most need the master
 * key; a file upload only refuses the read-only one): {@code MasterKeyFilter} runs before them and
 * applies the route's {@link MasterOnly} rule from {@link ParseRoutes#TABLE}. A test checks that
 * the marked methods are exactly the routes of the table with such a rule.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MasterKeyRequired {}
