package dev.jakartaparse.rest.routing;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources and resource methods whose routes need the master key: {@code MasterKeyFilter}
 * runs before them and applies the route's {@link MasterOnly} rule from {@link ParseRoutes#TABLE}
 * (which also says whether the read-only master key may call it). A test checks that the marked
 * methods are exactly the master-only routes of the table.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MasterKeyRequired {}
