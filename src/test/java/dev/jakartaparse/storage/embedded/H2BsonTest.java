package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The embedded store's own BSON encoder writes exactly the bytes of mongo-java-server's. */
class H2BsonTest {

    private static String stock(Map<String, ?> document) {
        ByteBuf out = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, out);
        return ByteBufUtil.hexDump(out);
    }

    private static String ours(Map<String, ?> document) {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[] {9, 9, 9}); // not at the buffer's start, as in a log record
        H2Bson.encodeDocument(document, out);
        return ByteBufUtil.hexDump(out.skipBytes(3));
    }

    @Test
    void encodesEveryTypeAsTheStockEncoder() {
        List<Object> longArray = new ArrayList<>();
        for (int i = 0; i < 1005; i++) {
            longArray.add(i % 3 == 0 ? "s" + i : i);
        }
        Document document = new Document("_id", "aB3dE5gH7j")
                .append("string", "plain")
                .append("empty", "")
                .append("unicode", "Grüße 日本 \uD83D\uDE00")
                .append("lone surrogates", "a\uD800b\uDC00c\uD800")
                .append("ünïcode key \uD83D\uDE00", 1)
                .append("int", 42)
                .append("long", 5_000_000_000L)
                .append("double", -0.0)
                .append("nan", Double.NaN)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("date", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("objectId", new ObjectId())
                .append("bytes", new BinData(new byte[] {0, 1, (byte) 255}))
                .append("uuid", UUID.randomUUID())
                .append("decimal", Decimal128.ONE)
                .append("timestamp", new BsonTimestamp(123L))
                .append("regex", new BsonRegularExpression("^a.ü", "im"))
                .append("code", new BsonJavaScript("return 1"))
                .append("min", MinKey.getInstance())
                .append("max", MaxKey.getInstance())
                .append("nested", new Document("a", new Document("b", List.of(1, "two", new Document("c", 3)))))
                .append("_rperm", List.of("*", "role:Admin"))
                .append("set", new LinkedHashSet<>(List.of("x", "y")))
                .append("long array", longArray)
                .append("empty array", List.of())
                .append("empty document", new Document());
        assertEquals(stock(document), ours(document));
    }

    @Test
    void writesPagesAndReadsThemBack() {
        Document document = new Document("_id", "x").append("n", 1).append("tags", List.of("a", "b"));
        WriteBuffer out = new WriteBuffer();
        int size = H2Bson.write(out, document);
        assertEquals(out.position(), size);
        assertEquals(document, H2Bson.read(out.getBuffer().flip()));
    }

    @Test
    void writesIndexKeysAsTheDocumentOfTheirValues() {
        List<Object> values = new ArrayList<>(List.of("user7", 3.0, true, new ObjectId()));
        values.add(null);
        Document asDocument = new Document();
        for (int i = 0; i < values.size(); i++) {
            asDocument.put(Integer.toString(i), values.get(i));
        }
        WriteBuffer indexed = new WriteBuffer();
        H2Bson.writeIndexed(indexed, values);
        WriteBuffer document = new WriteBuffer();
        H2Bson.write(document, asDocument);
        assertEquals(document.getBuffer().flip(), indexed.getBuffer().flip());
        assertEquals(stock(asDocument), ByteBufUtil.hexDump(Unpooled.wrappedBuffer(indexed.getBuffer())));
    }
}
