package dev.jakartaparse.storage;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/** A BSON document in an H2 page, for the embedded store's data types. */
final class H2Bson {

    private H2Bson() {
    }

    /** Scratch space of the thread writing pages; one above this size is not kept. */
    private static final int KEPT_SCRATCH_BYTES = 1 << 20;
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    /**
     * Writes the document as BSON; returns its size in bytes. Encoded in a buffer the thread keeps:
     * a commit writes every document of each page it changed, and a new buffer for each was a
     * quarter of what a create allocated.
     */
    static int write(WriteBuffer out, Map<String, ?> document) {
        ByteBuf bson = SCRATCH.get().clear();
        BsonEncoder.encodeDocument(document, bson);
        int size = bson.readableBytes();
        out.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        if (bson.capacity() > KEPT_SCRATCH_BYTES) {
            SCRATCH.remove();
        }
        return size;
    }

    /** Reads the BSON document at the buffer's position and moves past it. */
    static Document read(ByteBuffer in) {
        int start = in.position();
        int size = in.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start); // BSON starts with its length
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(in.slice(start, size)));
        in.position(start + size);
        return document;
    }
}
