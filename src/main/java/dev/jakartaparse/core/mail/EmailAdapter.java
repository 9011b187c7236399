package dev.jakartaparse.core.mail;

/** Sends one plain-text email; implementations may queue it. Failures are the adapter's to report. */
public interface EmailAdapter {

    void sendMail(String to, String subject, String text);
}
