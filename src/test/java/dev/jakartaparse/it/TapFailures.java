package dev.jakartaparse.it;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Node's test runner output (TAP) line by line and keeps each failed test with the first
 * line of its error, so that a failing IT names them in its own message: CI shows the end of the
 * build's output, where the test summary is, not the TAP lines far above it. Suites that failed
 * only because a test inside them did are left out.
 */
final class TapFailures implements Consumer<String> {
    private static final Pattern NOT_OK = Pattern.compile("^\\s*not ok \\d+ - (.*?)\\s*$");
    private static final Pattern ERROR = Pattern.compile("^\\s*error: (.*)$");
    private static final Pattern SUBTESTS_FAILED = Pattern.compile("\\d+ subtests? failed");
    private static final int MAX_SHOWN = 10;

    private final List<String> failures = new ArrayList<>();
    /** The failed test whose YAML block is being read, or null. */
    private String test;
    /** The error is a block scalar ("error: |-"): its first non-blank line is the message. */
    private boolean blockFollows;

    @Override
    public synchronized void accept(String line) {
        Matcher notOk = NOT_OK.matcher(line);
        if (notOk.matches()) {
            test = notOk.group(1);
            blockFollows = false;
            return;
        }
        if (test == null) {
            return;
        }
        if (blockFollows) {
            if (!line.isBlank()) {
                record(line.strip());
            }
            return;
        }
        Matcher error = ERROR.matcher(line);
        if (error.matches()) {
            String value = error.group(1).strip();
            if (value.equals("|-") || value.equals("|")) {
                blockFollows = true;
            } else {
                record(unquote(value));
            }
        } else if (line.strip().equals("...")) {
            record(null);
        }
    }

    /** The failures seen so far, or a note that the output named none. */
    @Override
    public synchronized String toString() {
        if (failures.isEmpty()) {
            return "no failed test in the output";
        }
        List<String> shown = failures.subList(0, Math.min(MAX_SHOWN, failures.size()));
        String more = failures.size() > MAX_SHOWN ? "; and " + (failures.size() - MAX_SHOWN) + " more" : "";
        return failures.size() + " failed: " + String.join("; ", shown) + more;
    }

    private void record(String message) {
        if (message == null || !SUBTESTS_FAILED.matcher(message).matches()) {
            failures.add(message == null ? test : test + " (" + message + ")");
        }
        test = null;
        blockFollows = false;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        return value;
    }
}
