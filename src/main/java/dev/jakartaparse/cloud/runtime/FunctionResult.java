package dev.jakartaparse.cloud.runtime;

import java.util.Optional;

/**
 * What a Cloud Code function answered. JavaScript tells "no result" ({@code undefined}: the REST
 * answer is {@code {}}) from {@code null} ({@code {"result":null}}); Java says the first with a
 * {@code void} method or an empty {@link Optional}, the second by returning {@code null}.
 */
public record FunctionResult(boolean present, Object value) {

    public static final FunctionResult NONE = new FunctionResult(false, null);

    public static FunctionResult of(Object value) {
        return new FunctionResult(true, value);
    }

    /** A Java method's return value: an Optional is unwrapped, an empty one is no result. */
    static FunctionResult ofReturned(Class<?> returnType, Object returned) {
        if (returnType == void.class) {
            return NONE;
        }
        if (returned instanceof Optional<?> optional) {
            return optional.map(FunctionResult::of).orElse(NONE);
        }
        return of(returned);
    }
}
