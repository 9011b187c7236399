package dev.jakartaparse.core.spi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@link ClassRules} of every special class, found among the application's beans; {@link ClassRules#NONE} for the others. */
@ApplicationScoped
public class SpecialClasses {
    private final Map<String, ClassRules> byClass = new HashMap<>();

    protected SpecialClasses() {}

    @Inject
    public SpecialClasses(Instance<ClassRules> rules) {
        this(rules.stream().toList());
    }

    /** For tests and hand wiring. */
    public SpecialClasses(List<ClassRules> rules) {
        for (ClassRules r : rules) {
            if (byClass.put(r.className(), r) != null) {
                throw new IllegalStateException("Two class rules for " + r.className());
            }
        }
    }

    public ClassRules of(String className) {
        return byClass.getOrDefault(className, ClassRules.NONE);
    }
}
