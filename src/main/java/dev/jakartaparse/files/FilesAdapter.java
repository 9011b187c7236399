package dev.jakartaparse.files;

import java.util.Optional;

/** Where file contents live. The default keeps them in MongoDB's GridFS, as Parse Server does. */
public interface FilesAdapter {

    void createFile(String name, byte[] data, String contentType);

    /** The file's bytes, or empty when there is no such file. */
    Optional<byte[]> getFileData(String name);

    /** Deletes the file; a ParseException 153 when there is none. */
    void deleteFile(String name);
}
