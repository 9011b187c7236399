package dev.jakartaparse.cloud.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.cloud.Validator;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class ValidatorRulesTest {

    @Validator(
            fields =
                    @Validator.Field(
                            value = "n",
                            type = Number.class,
                            defaultValue = "5",
                            options = {"5", "6"}))
    void numbers() {}

    @Validator(fields = @Validator.Field(value = "n", type = Number.class, defaultValue = "five"))
    void badDefault() {}

    @Validator(fields = @Validator.Field(value = "d", type = Date.class))
    void unknownType() {}

    @Validator(fields = @Validator.Field(value = "state", type = String.class, defaultValue = "new", constant = true))
    void constant() {}

    @Validator(requireAnyUserRoles = "Admin", skipWithMasterKey = true)
    void admins() {}

    private static Validator annotation(String method) throws NoSuchMethodException {
        return ValidatorRulesTest.class.getDeclaredMethod(method).getAnnotation(Validator.class);
    }

    private static ValidatorRules.Subject params(Map<String, Object> values) {
        return new ValidatorRules.Subject(false, false, List::of, () -> null, values, null, false);
    }

    @Test
    void defaultsAndOptionsAreDecodedByType() throws Exception {
        ValidatorRules rules = ValidatorRules.of(annotation("numbers"), null);
        Map<String, Object> values = new HashMap<>();
        rules.check(params(values));
        assertEquals(5L, ((Number) values.get("n")).longValue());
        values.put("n", 6.0);
        rules.check(params(values));
        values.put("n", 7);
        ParseException e = assertThrows(ParseException.class, () -> rules.check(params(values)));
        assertEquals(142, e.code());
        assertEquals("Validation failed. Invalid option for n. Expected: 5, 6", e.getMessage());
    }

    @Test
    void mistakesInTheAnnotationAreFoundAtDeployment() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValidatorRules.of(annotation("badDefault"), null))
                .getMessage()
                .contains("\"five\" is not valid JSON"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> ValidatorRules.of(annotation("unknownType"), null))
                        .getMessage()
                        .contains("use String, Number, Boolean, List or Map"));
        assertNull(ValidatorRules.of(null, null), "no rules at all");
    }

    @Test
    void aConstantKeepsTheStoredValueOnUpdateAndTheDefaultOnCreate() throws Exception {
        ValidatorRules rules = ValidatorRules.of(annotation("constant"), null);
        Map<String, Object> update = new HashMap<>(Map.of("state", "hacked"));
        rules.check(new ValidatorRules.Subject(
                false, false, List::of, () -> null, update, Map.of("state", "approved"), true));
        assertEquals("approved", update.get("state"));
        Map<String, Object> create = new HashMap<>(Map.of("state", "hacked"));
        rules.check(new ValidatorRules.Subject(false, false, List::of, () -> null, create, null, true));
        assertEquals("new", create.get("state"));
    }

    @Test
    void rolesAreCheckedForUsersAndTheMasterKeySkips() throws Exception {
        ValidatorRules rules = ValidatorRules.of(annotation("admins"), null);
        ValidatorRules.Subject admin = new ValidatorRules.Subject(
                false, true, () -> List.of("role:Admin"), () -> null, new HashMap<>(), null, false);
        rules.check(admin);
        ValidatorRules.Subject other = new ValidatorRules.Subject(
                false, true, () -> List.of("role:Guest"), () -> null, new HashMap<>(), null, false);
        assertEquals(
                "Validation failed. User does not match the required roles.",
                assertThrows(ParseException.class, () -> rules.check(other)).getMessage());
        assertTrue(rules.skips(true));
        assertTrue(!rules.skips(false));
    }
}
