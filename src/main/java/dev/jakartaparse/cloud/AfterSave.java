package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the AfterSave trigger of a class, e.g. {@code @AfterSave("GameScore")} or
 * {@code @AfterSave("_User")}. The method takes one {@link SaveRequest} and returns nothing.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AfterSave {
    /** The class the trigger runs for. */
    String value();
}
