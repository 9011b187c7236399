package dev.jakartaparse.core.mail;

import dev.jakartaparse.config.EmailOptions;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default email adapter: SMTP through Jakarta Mail (Liberty's mail feature), with optional
 * credentials, STARTTLS or SSL. Mail goes out in the background (on the executor it is given: the
 * container's managed executor) so that a slow or absent mail server never delays or fails the
 * request that caused it, as in Parse Server.
 */
public class SmtpEmailAdapter implements EmailAdapter {
    private static final Logger LOG = Logger.getLogger(SmtpEmailAdapter.class.getName());

    private final EmailOptions.SmtpOptions options;
    private final Session session;
    private final Executor sender;

    public SmtpEmailAdapter(EmailOptions.SmtpOptions options, Executor sender) {
        this.options = options;
        this.sender = sender;
        Properties p = new Properties();
        String proto = options.ssl() ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", options.host());
        p.put("mail." + proto + ".port", String.valueOf(options.port()));
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "10000");
        p.put("mail." + proto + ".writetimeout", "10000");
        if (options.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (options.username() != null) {
            p.put("mail." + proto + ".auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(options.username(), options.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public void sendMail(String to, String subject, String text) {
        sender.execute(() -> {
            try {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress(options.fromAddress()));
                m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
                m.setSubject(subject, StandardCharsets.UTF_8.name());
                m.setText(text, StandardCharsets.UTF_8.name());
                Transport.send(m);
            } catch (MessagingException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not send the email \"" + subject + "\" to " + to, e);
            }
        });
    }
}
