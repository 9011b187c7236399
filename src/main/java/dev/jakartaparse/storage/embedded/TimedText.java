package dev.jakartaparse.storage.embedded;

/**
 * A string as a regex matcher reads it, charging the time the match takes to a {@link Budget},
 * which ends the match by throwing. The matcher reads a character for every step it takes, so a
 * runaway backtrack reads millions: the clock is looked at only every few thousand reads, and an
 * ordinary match, over before that, costs no clock reading at all.
 */
final class TimedText implements CharSequence {
    /** Reads between two looks at the clock, minus one (a power of two, as a mask). */
    private static final int CHECK_EVERY = 4095;

    /** Where the time of a long match goes. */
    interface Budget {
        /** The nanoseconds since the previous call (0 on the first); throws when the time is up. */
        void spend(long nanos);
    }

    private final String text;
    private final Budget budget;
    private int reads;
    private long last;
    private boolean started;

    TimedText(String text, Budget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & CHECK_EVERY) == 0) {
            long now = System.nanoTime();
            budget.spend(started ? now - last : 0);
            started = true;
            last = now;
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
