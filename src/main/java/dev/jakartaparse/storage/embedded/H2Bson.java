package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;

/** A BSON document in an H2 page, for the embedded store's data types. */
final class H2Bson {

    private H2Bson() {}

    /** Scratch space of the thread writing pages; one above this size is not kept. */
    private static final int KEPT_SCRATCH_BYTES = 1 << 20;

    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));
    private static final String[] INDEX_KEYS = new String[1000];

    static {
        for (int i = 0; i < INDEX_KEYS.length; i++) {
            INDEX_KEYS[i] = Integer.toString(i);
        }
    }

    /**
     * Writes the document as BSON; returns its size in bytes. Encoded in a buffer the thread keeps:
     * a commit writes every document of each page it changed, and a new buffer for each was a
     * quarter of what a create allocated.
     */
    static int write(WriteBuffer out, Map<String, ?> document) {
        ByteBuf bson = SCRATCH.get().clear();
        encodeDocument(document, bson);
        return copy(bson, out);
    }

    /** Writes the values as the BSON document {"0": first, "1": second, ...}; returns its size in bytes. */
    static int writeIndexed(WriteBuffer out, Iterable<?> values) {
        ByteBuf bson = SCRATCH.get().clear();
        encodeIndexed(values, bson);
        return copy(bson, out);
    }

    private static int copy(ByteBuf bson, WriteBuffer out) {
        int size = bson.readableBytes();
        out.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        if (bson.capacity() > KEPT_SCRATCH_BYTES) {
            SCRATCH.remove();
        }
        return size;
    }

    /**
     * The stock encoder's bytes, without its garbage: it copies every key and string into a new
     * array first, and each page a commit writes encodes all its documents again (those copies were
     * a quarter of a create's allocation). Keys and strings go straight into the buffer here; the
     * types Parse data does not use are left to the stock encoder.
     */
    static void encodeDocument(Map<String, ?> document, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0); // the size, known at the end
        for (Map.Entry<String, ?> e : document.entrySet()) {
            encodeElement(e.getKey(), e.getValue(), out);
        }
        out.writeByte(BsonConstants.TERMINATING_BYTE);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void encodeElement(String key, Object value, ByteBuf out) {
        byte type = BsonEncoder.determineType(value);
        out.writeByte(type);
        writeCString(key, out);
        switch (type) {
            case BsonConstants.TYPE_UTF8_STRING -> writeString(value.toString(), out);
            case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> {
                @SuppressWarnings("unchecked")
                Map<String, ?> map = (Map<String, ?>) value;
                encodeDocument(map, out);
            }
            case BsonConstants.TYPE_ARRAY -> encodeIndexed((Collection<?>) value, out);
            case BsonConstants.TYPE_REGEX -> {
                BsonRegularExpression regex = (BsonRegularExpression) value;
                writeCString(regex.getPattern(), out);
                writeCString(regex.getOptions(), out);
            }
            case BsonConstants.TYPE_JAVASCRIPT_CODE -> writeString(((BsonJavaScript) value).getCode(), out);
            default -> BsonEncoder.encodeValue(type, value, out);
        }
    }

    /**
     * The values as a document keyed by their indexes, as BSON writes an array (the keys of the
     * first thousand made once).
     */
    private static void encodeIndexed(Iterable<?> values, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0); // the size, known at the end
        int index = 0;
        for (Object value : values) {
            encodeElement(index < INDEX_KEYS.length ? INDEX_KEYS[index] : Integer.toString(index), value, out);
            index++;
        }
        out.writeByte(BsonConstants.TERMINATING_BYTE);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeCString(String s, ByteBuf out) {
        ByteBufUtil.writeUtf8(out, s);
        out.writeByte(BsonConstants.STRING_TERMINATION);
    }

    private static void writeString(String s, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        int length = ByteBufUtil.writeUtf8(out, s);
        out.writeByte(BsonConstants.STRING_TERMINATION);
        out.setIntLE(start, length + 1);
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
