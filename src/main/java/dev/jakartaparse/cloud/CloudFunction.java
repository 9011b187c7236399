package dev.jakartaparse.cloud;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a CDI bean as the Cloud Code function {@code POST /functions/<value>}. The
 * method takes one {@link FunctionRequest}; what it returns is the answer's {@code result}. A
 * {@code void} method, or an empty {@link java.util.Optional}, gives no result: the answer is
 * {@code {}} and the JS SDK yields {@code undefined}, as for a JavaScript function returning
 * nothing; {@code null} gives {@code {"result":null}}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CloudFunction {
    /** The function's name. */
    String value();

    /** Only callers with a session token may run it (otherwise 141 "Validation failed. Please login to continue."). */
    boolean requireUser() default false;

    /** Only the master key may run it (otherwise 141 "Validation failed. Master key is required to complete this request."). */
    boolean requireMaster() default false;
}
