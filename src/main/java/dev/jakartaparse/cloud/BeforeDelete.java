package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the BeforeDelete trigger of a class, e.g. {@code @BeforeDelete("GameScore")} or
 * {@code @BeforeDelete("_User")}. The method takes one {@link DeleteRequest} and returns nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeDelete {
    /** The class the trigger runs for. */
    String value();
}
