package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that runs before a LiveQuery subscription to a class, e.g.
 * {@code @BeforeSubscribe("Message")}. It takes one {@link SubscribeRequest} and may narrow the
 * query or the keys; throwing refuses the subscription.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeSubscribe {
    /** The class the hook runs for. */
    String value();
}
