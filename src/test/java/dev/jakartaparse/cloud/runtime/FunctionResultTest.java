package dev.jakartaparse.cloud.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Optional;

class FunctionResultTest {

    @Test
    void voidAndEmptyOptionalAreNoResult() {
        assertFalse(FunctionResult.ofReturned(void.class, null).present());
        assertFalse(FunctionResult.ofReturned(Optional.class, Optional.empty()).present());
    }

    @Test
    void nullIsAResultAndOptionalsAreUnwrapped() {
        FunctionResult nothing = FunctionResult.ofReturned(Object.class, null);
        assertTrue(nothing.present());
        assertNull(nothing.value());
        assertEquals(
                "hi",
                FunctionResult.ofReturned(Optional.class, Optional.of("hi")).value());
        assertEquals(42, FunctionResult.ofReturned(int.class, 42).value());
    }
}
