package dev.jakartaparse.cloud;

import java.util.Map;

/**
 * What an afterLiveQueryEvent hook receives for one subscriber: the event ("create", "enter",
 * "update", "leave", "delete"), the object about to be sent (which it may change in place), the
 * original (update, enter, leave), and the subscriber. {@link #withhold()} keeps the event from
 * this subscriber. Protected fields are removed after the hook, whatever it adds.
 */
public final class LiveQueryEventRequest {
    private final String event;
    private final String className;
    private final Map<String, Object> object;
    private final Map<String, Object> original;
    private final String userId;
    private final boolean master;
    private final String installationId;
    private boolean sendEvent = true;

    public LiveQueryEventRequest(
            String event,
            String className,
            Map<String, Object> object,
            Map<String, Object> original,
            String userId,
            boolean master,
            String installationId) {
        this.event = event;
        this.className = className;
        this.object = object;
        this.original = original;
        this.userId = userId;
        this.master = master;
        this.installationId = installationId;
    }

    public String event() {
        return event;
    }

    public String className() {
        return className;
    }

    public Map<String, Object> object() {
        return object;
    }

    public Map<String, Object> original() {
        return original;
    }

    public String userId() {
        return userId;
    }

    public boolean master() {
        return master;
    }

    public String installationId() {
        return installationId;
    }

    /** Parse Server's {@code request.sendEvent = false}. */
    public void withhold() {
        sendEvent = false;
    }

    public boolean sendEvent() {
        return sendEvent;
    }
}
