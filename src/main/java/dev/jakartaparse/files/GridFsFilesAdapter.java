package dev.jakartaparse.files;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoException;
import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.bson.Document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files in GridFS (the {@code fs.files} and {@code fs.chunks} collections of the app's database),
 * by file name, as Parse Server's GridFSBucketAdapter stores them: files written by either server
 * are read by the other.
 */
public final class GridFsFilesAdapter implements FilesAdapter {
    private final GridFSBucket bucket;

    public GridFsFilesAdapter(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database);
    }

    @Override
    public void createFile(String name, byte[] data, String contentType) {
        try {
            bucket.uploadFromStream(
                    name, new ByteArrayInputStream(data), new GridFSUploadOptions().metadata(new Document()));
        } catch (MongoException e) {
            throw new ParseException(ParseError.FILE_SAVE_ERROR, "Could not store file.");
        }
    }

    @Override
    public Optional<byte[]> getFileData(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            bucket.downloadToStream(name, out);
        } catch (MongoGridFSException e) {
            return Optional.empty(); // no file of that name
        }
        return Optional.of(out.toByteArray());
    }

    @Override
    public void deleteFile(String name) {
        List<GridFSFile> found = bucket.find(eq("filename", name)).into(new ArrayList<>());
        if (found.isEmpty()) {
            throw new ParseException(ParseError.FILE_DELETE_ERROR, "FileNotFound");
        }
        found.forEach(f -> bucket.delete(f.getObjectId()));
    }
}
