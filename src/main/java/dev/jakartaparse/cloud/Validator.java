package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Parse Server's validator object for a Cloud Code function or trigger, checked before the method
 * runs. A failed check answers 142 with Parse Server's message (or the field's own
 * {@link Field#error()}). With the master key nothing is checked unless {@link #validateMasterKey()}.
 * <pre>
 * &#64;CloudFunction("rate")
 * &#64;Validator(requireUser = true, requireAnyUserRoles = "Moderator",
 *            fields = &#64;Validator.Field(value = "stars", type = Number.class, required = true, options = {"1", "2", "3"}),
 *            rateLimit = &#64;Validator.RateLimit(requestTimeWindow = 60_000, requestCount = 10))
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Validator {
    /** A logged-in user is needed ("Validation failed. Please login to continue."). */
    boolean requireUser() default false;

    /** Only the master key ("Validation failed. Master key is required to complete this request."). */
    boolean requireMaster() default false;

    /** Check the rules for master-key requests too. */
    boolean validateMasterKey() default false;

    /** With the master key the trigger does not run at all. */
    boolean skipWithMasterKey() default false;

    /** The user must have at least one of these roles (by name, inherited roles count). */
    String[] requireAnyUserRoles() default {};

    /** The user must have all of these roles. */
    String[] requireAllUserRoles() default {};

    /** Keys that must be set on the calling user's own _User object. */
    String[] requireUserKeys() default {};

    /** Rules for the function's params, or the trigger's object. */
    Field[] fields() default {};

    /** A rate limit on the route that runs this function or trigger; none unless requestCount is set. */
    RateLimit rateLimit() default @RateLimit;

    /** One param or object key. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Field {
        /** The key. */
        String value();

        /** String, Number, Boolean, List (a JSON array) or Map (a JSON object); Object checks nothing. */
        Class<?> type() default Object.class;

        boolean required() default false;

        /** Used when the key is missing: JSON text ({@code "10"}, {@code "[1,2]"}), or plain text for a String field. */
        String defaultValue() default "";

        /** On a trigger: clients cannot change it (an update keeps the stored value, a create gets the default). */
        boolean constant() default false;

        /** The allowed values, written like defaultValue. */
        String[] options() default {};

        /** The message when the value is not one of the options, instead of Parse Server's. */
        String error() default "";
    }

    /** As an entry of Parse Server's rateLimit option, applied to this function's or trigger's route. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface RateLimit {
        /** Milliseconds. */
        long requestTimeWindow() default 0;

        int requestCount() default 0;

        String errorResponseMessage() default "Too many requests.";

        boolean includeInternalRequests() default false;

        boolean includeMasterKey() default false;
    }
}
