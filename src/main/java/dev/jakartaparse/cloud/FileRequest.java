package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

/**
 * What a file trigger receives: the file (its name, contents and content type; after a save also
 * its stored name and URL) and who is saving or deleting it. A beforeSaveFile may
 * {@link #rename(String)} the file or {@link #replaceData(byte[], String)}; the server still adds
 * its unique prefix to the name. Contents are null for delete triggers.
 */
public final class FileRequest implements CallerRequest {
    private final String triggerName;
    private String name;
    private byte[] data;
    private String contentType;
    private final String url;
    private final String userId;
    private final boolean master;
    private final String installationId;
    private final Client client;

    public FileRequest(
            String triggerName,
            String name,
            byte[] data,
            String contentType,
            String url,
            String userId,
            boolean master,
            String installationId,
            Client client) {
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

    @Override
    public Client client() {
        return client;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public boolean master() {
        return master;
    }

    public String installationId() {
        return installationId;
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
