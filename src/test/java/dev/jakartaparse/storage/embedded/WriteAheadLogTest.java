package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

class WriteAheadLogTest {

    @Test
    void readsBackTheCommandsInOrderWithTheGeneration(@TempDir Path dir) {
        Path file = dir.resolve("log");
        try (WriteAheadLog log = new WriteAheadLog(file, 7)) {
            log.append("parse", insert("a"));
            log.append("other", insert("b"));
        }
        WriteAheadLog.Contents contents = WriteAheadLog.read(file);
        assertEquals(7, contents.generation());
        assertEquals(
                List.of(new WriteAheadLog.Entry("parse", insert("a")), new WriteAheadLog.Entry("other", insert("b"))),
                contents.entries());
    }

    @Test
    void aTransactionIsOneRecordReadBackWholeOrNotAtAll(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log");
        List<WriteAheadLog.Entry> transaction =
                List.of(new WriteAheadLog.Entry("parse", insert("t1")), new WriteAheadLog.Entry("parse", insert("t2")));
        try (WriteAheadLog log = new WriteAheadLog(file, 1)) {
            log.append("parse", insert("a"));
            log.appendAll(transaction);
        }
        WriteAheadLog.Entry a = new WriteAheadLog.Entry("parse", insert("a"));
        assertEquals(
                List.of(a, transaction.get(0), transaction.get(1)),
                WriteAheadLog.read(file).entries());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 3); // the process died while writing the transaction
        }
        assertEquals(List.of(a), WriteAheadLog.read(file).entries());
    }

    @Test
    void aRecordCutShortOrDamagedEndsTheLog(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("log");
        try (WriteAheadLog log = new WriteAheadLog(file, 1)) {
            log.append("parse", insert("a"));
            log.append("parse", insert("b"));
        }
        long full = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(full - 3); // the process died while writing the second record
        }
        assertEquals(
                List.of(new WriteAheadLog.Entry("parse", insert("a"))),
                WriteAheadLog.read(file).entries());

        byte[] bytes = Files.readAllBytes(file);
        bytes[30] ^= 0x5a; // inside the first record
        Files.write(file, bytes);
        assertEquals(List.of(), WriteAheadLog.read(file).entries());
    }

    @Test
    void restartEmptiesTheLog(@TempDir Path dir) {
        Path file = dir.resolve("log");
        try (WriteAheadLog log = new WriteAheadLog(file, 1)) {
            log.append("parse", insert("a"));
            log.restart(2);
            log.append("parse", insert("b"));
        }
        WriteAheadLog.Contents contents = WriteAheadLog.read(file);
        assertEquals(2, contents.generation());
        assertEquals(List.of(new WriteAheadLog.Entry("parse", insert("b"))), contents.entries());
    }

    @Test
    void aMissingOrForeignFileHoldsNothing(@TempDir Path dir) throws Exception {
        assertEquals(new WriteAheadLog.Contents(0, List.of()), WriteAheadLog.read(dir.resolve("none")));
        Files.writeString(dir.resolve("foreign"), "not a log, but long enough for a header");
        assertEquals(new WriteAheadLog.Contents(0, List.of()), WriteAheadLog.read(dir.resolve("foreign")));
    }

    private static Document insert(String id) {
        return new Document("insert", "c").append("documents", List.of(new Document("_id", id).append("n", 1)));
    }
}
