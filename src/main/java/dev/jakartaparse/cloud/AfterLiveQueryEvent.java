package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs before a LiveQuery event of a class goes to a subscriber, e.g.
 * {@code @AfterLiveQueryEvent("Message")}. It takes one {@link LiveQueryEventRequest} and may change
 * the object sent or withhold the event; it runs once per subscriber, so keep it quick.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AfterLiveQueryEvent {
    /** The class the hook runs for. */
    String value();
}
