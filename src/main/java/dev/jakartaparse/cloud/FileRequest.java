package dev.jakartaparse.cloud;

import jakarta.enterprise.inject.spi.CDI;

import java.util.Map;

/**
 * What a file trigger receives: the file (its name, contents and content type; after a save also
 * its stored name and URL) and who is saving or deleting it. A beforeSaveFile may
 * {@link #rename(String)} the file or {@link #replaceData(byte[], String)}; the server still adds
 * its unique prefix to the name. Contents are null for delete triggers.
 */
public final class FileRequest {
    private final String triggerName;
    private String name;
    private byte[] data;
    private String contentType;
    private final String url;
    private final String userId;
    private final boolean master;
    private final String installationId;
    private final Client client;

    public FileRequest(String triggerName, String name, byte[] data, String contentType, String url, String userId,
                       boolean master, String installationId, Client client) {
        this.triggerName = triggerName;
        this.name = name;
        this.data = data;
        this.contentType = contentType;
        this.url = url;
        this.userId = userId;
        this.master = master;
        this.installationId = installationId;
        this.client = client;
    }

    public String triggerName() {
        return triggerName;
    }

    public String name() {
        return name;
    }

    public byte[] data() {
        return data;
    }

    public String contentType() {
        return contentType;
    }

    public long fileSize() {
        return data == null ? 0 : data.length;
    }

    /** After a save: the file's URL; null before. */
    public String url() {
        return url;
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

    public String ip() {
        return client.ip();
    }

    public Map<String, String> headers() {
        return client.headers();
    }


    /** The calling user's _User object (read when asked for); null for the master key or an anonymous caller. */
    public Map<String, Object> user() {
        return userId == null ? null : CDI.current().select(CloudCode.class).get().userObject(userId);
    }

    /** beforeSaveFile: save under this name instead (checked like a client's file name). */
    public void rename(String newName) {
        this.name = newName;
    }

    /** beforeSaveFile: save these contents instead. */
    public void replaceData(byte[] newData, String newContentType) {
        this.data = newData;
        this.contentType = newContentType;
    }
}
