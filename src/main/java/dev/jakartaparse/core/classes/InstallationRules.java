package dev.jakartaparse.core.classes;

import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code _Installation}: a client may create, read and update an installation but neither list
 * them nor delete one, as Parse Server answers (the rest of Parse's installation rules come with
 * push).
 */
@ApplicationScoped
public class InstallationRules implements ClassRules {

    @Override
    public String className() {
        return "_Installation";
    }

    @Override
    public ParseException refuseClient(String operation) {
        if ("find".equals(operation) || "delete".equals(operation)) {
            return ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN,
                    "Clients aren't allowed to perform the " + operation
                            + " operation on the installation collection.");
        }
        return null;
    }
}
