package dev.jakartaparse.storage;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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

    private BsonDocumentType() {
    }

    @Override
    public int getMemory(Document document) {
        return 64 + averageSize * 2;
    }

    @Override
    public void write(WriteBuffer out, Document document) {
        ByteBuf bson = Unpooled.buffer(averageSize + 64);
        try {
            BsonEncoder.encodeDocument(document, bson);
            int size = bson.readableBytes();
            out.put(BSON_MARK).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
            averageSize = (averageSize * 15 + size) / 16;
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer in) {
        if (in.get(in.position()) != BSON_MARK) {
            return (Document) JAVA_SERIALIZED.read(in);
        }
        int start = in.position() + 1;
        int size = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start); // BSON starts with its length
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(in.slice(start, size)));
        in.position(start + size);
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
