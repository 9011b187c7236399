package dev.jakartaparse.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Account options the main test server does not use, on a server of their own (own port, own
 * fresh embedded database): preventLoginWithUnverifiedEmail, verification and reset tokens reused
 * while valid, masterKeyIps that leave out the loopback address, sendUserEmailVerification false, and
 * preventSignupWithUnverifiedEmail. tests/account-options.test.js drives it, with an SMTP server of its own.
 */
class AccountOptionsIT {
    private static final String NAME = "itAccounts";
    private static final String PORT = System.getProperty("it.accounts.port", "9349");
    private static final String DB_PORT = System.getProperty("it.accounts.db.port", "27317");
    private static final String SMTP_PORT = System.getProperty("it.accounts.smtp.port", "9342");
    private static final String URL = "http://localhost:" + PORT + "/parse";

    @AfterAll
    static void stop() {
        ExtraServers.server("stop", NAME);
    }

    /**
     * Three configurations one after the other on the same server: preventLoginWithUnverifiedEmail,
     * token reuse and masterKeyIps; sendUserEmailVerification false; preventSignupWithUnverifiedEmail.
     */
    @Test
    void accountOptions() throws Exception {
        start(List.of(
                "PARSE_SERVER_MASTER_KEY_IPS=10.1.2.3",
                "PARSE_SERVER_PREVENT_LOGIN_WITH_UNVERIFIED_EMAIL=true",
                "PARSE_SERVER_EMAIL_VERIFY_TOKEN_REUSE_IF_VALID=true",
                "PARSE_SERVER_PASSWORD_POLICY={\"resetTokenValidityDuration\":3600,\"resetTokenReuseIfValid\":true}"));
        run("prevent-login");
        ExtraServers.server("stop", NAME);
        start(List.of("PARSE_SERVER_SEND_USER_EMAIL_VERIFICATION=false"));
        run("no-verification-email");
        ExtraServers.server("stop", NAME);
        start(List.of(
                "PARSE_SERVER_PREVENT_LOGIN_WITH_UNVERIFIED_EMAIL=true",
                "PARSE_SERVER_PREVENT_SIGNUP_WITH_UNVERIFIED_EMAIL=true"));
        run("prevent-signup");
    }

    private static void run(String phase) throws Exception {
        ExtraServers.nodeTestsPass(
                "the account option tests (" + phase + ")",
                Map.of("PARSE_SERVER_URL", URL, "PARSE_ACCOUNTS_SMTP_PORT", SMTP_PORT, "PARSE_ACCOUNTS_PHASE", phase),
                "tests/account-options.test.js");
    }

    /** The server with a fresh database, email verification on, and these options besides. */
    private static void start(List<String> options) throws Exception {
        Path data = ExtraServers.BUILD.resolve("it-accounts-data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> env = new ArrayList<>(List.of(
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
                "PARSE_SERVER_VERIFY_USER_EMAILS=true",
                "PARSE_SERVER_EMAIL_VERIFY_TOKEN_VALIDITY_DURATION=3600",
                "PARSE_SERVER_EMAIL_ADAPTER={\"host\":\"127.0.0.1\",\"port\":" + SMTP_PORT
                        + ",\"fromAddress\":\"noreply@example.com\"}"));
        env.addAll(options);
        ExtraServers.create(NAME, env);
        ExtraServers.server("start", NAME);
        ExtraServers.awaitHealthy(URL, Duration.ofSeconds(180));
    }
}
