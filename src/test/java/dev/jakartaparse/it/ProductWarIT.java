package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * The product WAR never carries the example Cloud Code the black-box tests run with; the test
 * server's WAR does.
 */
class ProductWarIT {

    @Test
    void exampleCloudCodeOnlyInTheTestServersWar() throws Exception {
        Path target = Path.of(System.getProperty("it.build.dir", "target"));
        assertTrue(Files.exists(target.resolve("parse-server.war")));
        try (ZipFile product = new ZipFile(target.resolve("parse-server.war").toFile());
                ZipFile forTests =
                        new ZipFile(target.resolve("it-war/parse-server.war").toFile())) {
            assertTrue(
                    product.stream().noneMatch(e -> e.getName().contains("dev/jakartaparse/examples/")),
                    "the product WAR contains test Cloud Code");
            assertTrue(
                    forTests.stream().anyMatch(e -> e.getName().contains("dev/jakartaparse/examples/")),
                    "the test server's WAR lacks the example Cloud Code");
        }
    }
}
