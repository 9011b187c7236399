package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * How the embedded store keeps documents in its H2 file: as BSON. H2's default writes them with
 * Java serialization, and since a changed page is written whole, every write serialized all the
 * documents sharing its page again: that was most of what a create cost the store.
 *
 * <p>Each value starts with a mark byte H2's default format never uses, so documents written
 * before (Java-serialized) are still read; their page is written as BSON when it next changes.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    /** ObjectDataType's tags are all below 0x80. */
    private static final byte BSON_MARK = (byte) 0xB5;

    private static final ObjectDataType JAVA_SERIALIZED = new ObjectDataType();

    /** A running average of the encoded size: H2 asks for sizes often, encoding to know is too dear. */
    private volatile int averageSize = 256;

    private BsonDocumentType() {}

    /**
     * What a document read from a page takes on the heap, for H2's page cache (16 MB): about 8
     * times its BSON (a typical Parse object of 156 BSON bytes decodes into 1.3 KB: a map entry, a
     * key string and a boxed value per field). Twice its BSON, as before, let the cache hold three
     * to four times its size, which every young GC of a write load copied again.
     */
    @Override
    public int getMemory(Document document) {
        return 64 + averageSize * 8;
    }

    @Override
    public void write(WriteBuffer out, Document document) {
        out.put(BSON_MARK);
        int size = H2Bson.write(out, document);
        averageSize = (averageSize * 15 + size) / 16;
    }

    @Override
    public Document read(ByteBuffer in) {
        if (in.get(in.position()) != BSON_MARK) {
            return (Document) JAVA_SERIALIZED.read(in);
        }
        in.get(); // the mark
        return H2Bson.read(in);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
