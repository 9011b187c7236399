package dev.jakartaparse.config;

/** A missing or malformed option; its message is the one line printed when start-up stops. */
public class ConfigurationError extends RuntimeException {
    private final String option;

    public ConfigurationError(String option, String problem) {
        super("Parse Server configuration: option '" + option + "' " + problem, null, false, false);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
