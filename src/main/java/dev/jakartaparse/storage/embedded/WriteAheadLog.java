package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The embedded store's write-ahead log: every write command, appended to a file before it is
 * applied, so that it survives a kill -9 without the store committing its pages for each write.
 * The store folds the log into its file now and then (a checkpoint) and starts a new one.
 *
 * <p>The file: a header (magic and the log's generation, a number each checkpoint raises), then
 * records of [length, CRC-32C, BSON {"db": database, "command": command document}], little-endian;
 * a transaction's commands are one record {"transaction": [{"db", "command"}, ...]}.
 * A write returns once the kernel has the bytes (no fsync: the process may die, the machine is
 * trusted, as before). Reading stops at the first record that is cut short or does not match its
 * checksum: a record is only half there when the process died while writing it, before the write
 * was applied or answered.
 *
 * <p>Not thread-safe: the store appends, restarts and closes it under its one write lock.
 */
final class WriteAheadLog implements AutoCloseable {
    private static final long MAGIC = 0x4c41574553524150L; // "PARSEWAL"
    private static final int HEADER_BYTES = 16;
    private static final int RECORD_HEAD_BYTES = 8;
    private static final int INITIAL_SCRATCH_BYTES = 4096;
    /** A record buffer above this size (a big batch) is not kept. */
    private static final int KEPT_SCRATCH_BYTES = 1 << 20;

    /** One logged command. */
    record Entry(String database, Document command) {}

    /** What a log file holds: its generation (0 when it has no valid header) and its commands. */
    record Contents(long generation, List<Entry> entries) {}

    private final FileChannel channel;
    private long generation;
    private long records;
    private ByteBuf scratch = Unpooled.buffer(INITIAL_SCRATCH_BYTES);

    /** Opens the log for appending, emptied and started at the given generation. */
    WriteAheadLog(Path file, long generation) {
        try {
            this.channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the embedded database's log " + file, e);
        }
        restart(generation);
    }

    long generation() {
        return generation;
    }

    /** Whether anything was appended since the log was (re)started. */
    boolean hasRecords() {
        return records > 0;
    }

    /** Appends one record, encoded in a buffer the log keeps. */
    void append(String database, Document command) {
        appendRecord(new Document("db", database).append("command", command));
    }

    /**
     * Appends the commands of a transaction as one record: read back whole or not at all (a
     * record cut short by a crash fails its checksum), so a transaction is replayed entirely or not.
     */
    void appendAll(List<Entry> entries) {
        List<Document> commands = new ArrayList<>();
        for (Entry e : entries) {
            commands.add(new Document("db", e.database()).append("command", e.command()));
        }
        appendRecord(new Document("transaction", commands));
    }

    private void appendRecord(Document record) {
        ByteBuf bson = scratch.clear();
        bson.writerIndex(RECORD_HEAD_BYTES);
        H2Bson.encodeDocument(record, bson);
        int length = bson.writerIndex() - RECORD_HEAD_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bson.nioBuffer(RECORD_HEAD_BYTES, length));
        bson.setIntLE(0, length);
        bson.setIntLE(4, (int) crc.getValue());
        writeFully(bson.nioBuffer(0, bson.writerIndex()));
        records++;
        if (bson.capacity() > KEPT_SCRATCH_BYTES) {
            scratch = Unpooled.buffer(INITIAL_SCRATCH_BYTES);
        }
    }

    /** Empties the log and starts the given generation. */
    void restart(long newGeneration) {
        try {
            channel.truncate(0);
            channel.position(0);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(MAGIC).putLong(newGeneration).flip();
            writeFully(header);
            generation = newGeneration;
            records = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart the embedded database's log", e);
        }
    }

    private void writeFully(ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the embedded database's log", e);
        }
    }

    /** The valid part of a log file; generation 0 and nothing when there is none. */
    static Contents read(Path file) {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return new Contents(0, List.of());
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded database's log " + file, e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < HEADER_BYTES || in.getLong() != MAGIC) {
            return new Contents(0, List.of());
        }
        long generation = in.getLong();
        List<Entry> entries = new ArrayList<>();
        while (in.remaining() >= RECORD_HEAD_BYTES) {
            int length = in.getInt();
            int checksum = in.getInt();
            if (length <= 0 || length > in.remaining()) {
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(in.slice(in.position(), length));
            if ((int) crc.getValue() != checksum) {
                break;
            }
            Document record = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(in.slice(in.position(), length)));
            in.position(in.position() + length);
            if (record.get("transaction") instanceof List<?> commands) {
                for (Object c : commands) {
                    Document one = (Document) c;
                    entries.add(new Entry((String) one.get("db"), (Document) one.get("command")));
                }
            } else {
                entries.add(new Entry((String) record.get("db"), (Document) record.get("command")));
            }
        }
        return new Contents(generation, entries);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the embedded database's log", e);
        }
    }
}
