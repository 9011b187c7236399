package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A compiled query answers exactly what mongo-java-server's own matcher answers. */
class CompiledQueryTest {

    private final Random random = new Random(7);
    private final DefaultQueryMatcher stockMatcher = new DefaultQueryMatcher();

    private Object plainValue() {
        return switch (random.nextInt(12)) {
            case 0 -> random.nextInt(6);
            case 1 -> (long) random.nextInt(6);
            case 2 -> random.nextInt(6) + (random.nextBoolean() ? 0.0 : 0.5);
            case 3 -> -0.0;
            case 4 -> 9_007_199_254_740_993L; // not a double
            case 5 -> "s" + random.nextInt(4);
            case 6 -> random.nextBoolean();
            case 7 -> null;
            case 8 -> Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(3));
            case 9 -> Double.NaN;
            case 10 -> "*";
            default -> random.nextInt(3);
        };
    }

    private Object storedValue() {
        return switch (random.nextInt(8)) {
            case 0 -> Arrays.asList(plainValue(), plainValue());
            case 1 -> new Document("v", plainValue());
            case 2 -> new ArrayList<>(List.of("*", "role:" + random.nextInt(2)));
            default -> plainValue();
        };
    }

    private Document document() {
        Document d = new Document("_id", random.nextInt(1000));
        for (String key : List.of("a", "b", "_rperm")) {
            if (random.nextInt(5) > 0) {
                d.append(key, storedValue());
            }
        }
        return d;
    }

    private List<Object> plainList() {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(plainValue());
        }
        return list;
    }

    private Object condition() {
        String[] ops = {"$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists"};
        return switch (random.nextInt(6)) {
            case 0 -> plainValue();
            case 1 -> plainList(); // array equality: not compiled
            case 2 -> new Document("$regex", "^s"); // not compiled
            default -> {
                Document ops2 = new Document();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    String op = ops[random.nextInt(ops.length)];
                    Supplier<Object> operand = switch (op) {
                        case "$in", "$nin" -> this::plainList;
                        case "$exists" -> () -> random.nextBoolean();
                        default -> this::plainValue;
                    };
                    ops2.append(op, operand.get());
                }
                yield ops2;
            }
        };
    }

    private Document query(int depth) {
        Document q = new Document();
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
            int kind = random.nextInt(depth > 1 ? 8 : 6);
            String key = switch (kind) {
                case 0 -> "a";
                case 1, 2 -> "b";
                case 3 -> "_rperm";
                case 4 -> "a.v"; // dotted: not compiled
                case 5 -> "c";
                case 6 -> "$or";
                default -> "$and";
            };
            if (key.startsWith("$")) {
                List<Object> parts = new ArrayList<>();
                for (int j = 1 + random.nextInt(3); j > 0; j--) {
                    parts.add(query(depth - 1));
                }
                q.append(key, parts);
            } else {
                q.append(key, condition());
            }
        }
        return q;
    }

    private String outcome(Predicate<Document> p, Document d) {
        try {
            return String.valueOf(p.test(d));
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void sameAnswersAsTheStockMatcher() {
        int compared = 0;
        int matched = 0;
        for (int n = 0; n < 3000; n++) {
            Document query = query(3);
            Predicate<Document> compiled = CompiledQuery.compile(query, stockMatcher::matches);
            for (int i = 0; i < 20; i++) {
                Document d = document();
                String stock = outcome(doc -> stockMatcher.matches(doc, query), d);
                assertEquals(stock, outcome(compiled, d), () -> "query " + query + " on " + d);
                compared++;
                matched += "true".equals(stock) ? 1 : 0;
            }
        }
        // the generated cases must exercise both answers
        assertTrue(matched > compared / 20, "matched " + matched + " of " + compared);
        assertTrue(matched < compared - compared / 20, "matched " + matched + " of " + compared);
    }

    @Test
    void parseAclQueryOnPublicAndPrivateObjects() {
        Document query = new Document(
                "$and",
                List.of(
                        new Document("score", new Document("$gte", 100)),
                        new Document("_rperm", new Document("$in", Arrays.asList(null, "*", "u1")))));
        Predicate<Document> compiled = CompiledQuery.compile(query, stockMatcher::matches);
        assertTrue(compiled.test(new Document("score", 150)));
        assertTrue(compiled.test(new Document("score", 100.0).append("_rperm", List.of("u1"))));
        assertFalse(compiled.test(new Document("score", 150).append("_rperm", List.of("u2"))));
        assertFalse(compiled.test(new Document("score", 99)));
        assertFalse(compiled.test(new Document("score", "150")));
    }
}
