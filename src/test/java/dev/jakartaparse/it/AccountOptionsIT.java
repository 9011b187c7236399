package dev.jakartaparse.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Account options the main test server does not use, on a server of their own (own port, own
 * fresh embedded database): preventLoginWithUnverifiedEmail, verification and reset tokens reused
 * while valid, and masterKeyIps that leave out the loopback address. tests/account-options.test.js drives it, with an SMTP server of its own.
 */
class AccountOptionsIT {
    private static final String NAME = "itAccounts";
    private static final String PORT = System.getProperty("it.accounts.port", "9349");
    private static final String DB_PORT = System.getProperty("it.accounts.db.port", "27317");
    private static final String SMTP_PORT = System.getProperty("it.accounts.smtp.port", "9342");
    private static final String URL = "http://localhost:" + PORT + "/parse";

    @BeforeAll
    static void start() throws Exception {
        Path data = ExtraServers.BUILD.resolve("it-accounts-data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ExtraServers.create(NAME, List.of(
                "HTTP_PORT=" + PORT,
                "PARSE_SERVER_APPLICATION_ID=APPLICATION_ID",
                "PARSE_SERVER_MASTER_KEY=MASTER_KEY",
                "PARSE_SERVER_REST_API_KEY=REST_KEY",
                "PARSE_SERVER_JAVASCRIPT_KEY=JS_KEY",
                "PARSE_SERVER_URL=" + URL,
                "PARSE_PUBLIC_SERVER_URL=" + URL,
                "PARSE_SERVER_APP_NAME=Accounts IT",
                "PARSE_SERVER_EMBEDDED_DATABASE_PORT=" + DB_PORT,
                "PARSE_SERVER_EMBEDDED_DATABASE_PATH=" + data,
                "PARSE_SERVER_MASTER_KEY_IPS=10.1.2.3",
                "PARSE_SERVER_VERIFY_USER_EMAILS=true",
                "PARSE_SERVER_PREVENT_LOGIN_WITH_UNVERIFIED_EMAIL=true",
                "PARSE_SERVER_EMAIL_VERIFY_TOKEN_VALIDITY_DURATION=3600",
                "PARSE_SERVER_EMAIL_VERIFY_TOKEN_REUSE_IF_VALID=true",
                "PARSE_SERVER_PASSWORD_POLICY={\"resetTokenValidityDuration\":3600,\"resetTokenReuseIfValid\":true}",
                "PARSE_SERVER_EMAIL_ADAPTER={\"host\":\"127.0.0.1\",\"port\":" + SMTP_PORT + ",\"fromAddress\":\"noreply@example.com\"}"));
        ExtraServers.server("start", NAME);
        ExtraServers.awaitHealthy(URL, Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        ExtraServers.server("stop", NAME);
    }

    @Test
    void accountOptions() throws Exception {
        int code = ExtraServers.nodeTests(Map.of("PARSE_SERVER_URL", URL, "PARSE_ACCOUNTS_SMTP_PORT", SMTP_PORT),
                "tests/account-options.test.js");
        assertEquals(0, code, "the account option tests failed (see their output above)");
    }
}
