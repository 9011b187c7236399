package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the AfterDelete trigger of a class, e.g. {@code @AfterDelete("GameScore")} or
 * {@code @AfterDelete("_User")}. The method takes one {@link DeleteRequest} and returns nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AfterDelete {
    /** The class the trigger runs for. */
    String value();
}
