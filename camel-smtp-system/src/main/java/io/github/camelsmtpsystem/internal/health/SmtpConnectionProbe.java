package io.github.camelsmtpsystem.internal.health;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import io.github.camelsmtpsystem.internal.smtp.SmtpSession;
import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;
import io.github.camelsmtpsystem.oauth2.OAuth2TokenException;
import io.github.camelsmtpsystem.system.SmtpSystem;

/**
 * Opens and closes one SMTP session the way the system sends: the same session properties (TLS mode, timeouts,
 * authentication) as the system's {@link SmtpSystemMailSender}. Connecting sends EHLO, STARTTLS when required, and
 * AUTH; closing sends QUIT. Nothing is sent.
 */
public class SmtpConnectionProbe {

    private static final String HIDDEN = "******";

    private final SmtpSystem system;
    private final SmtpSystemMailSender sender;

    /**
     * @param system the system
     * @param sender a mail sender of the system, whose session the probe uses
     */
    public SmtpConnectionProbe(SmtpSystem system, SmtpSystemMailSender sender) {
        this.system = system;
        this.sender = sender;
    }

    /** What a probe found; {@code reason} says why it is down, never with a secret. */
    public record Outcome(boolean up, String reason, Instant at) {}

    /** Connects, authenticates when the system has a username (with OAuth2: fetches a token first), and quits. */
    public Outcome probe() {
        // the sender's own sign-in: a password, or an access token from the token cache the sends use
        try (SmtpSession session = sender.connect()) {
            return new Outcome(true, null, Instant.now());
        } catch (MessagingException | RuntimeException e) {
            return new Outcome(false, reason(e), Instant.now());
        }
    }

    /** How the system's connection is protected: {@code implicit}, {@code starttls} (required) or {@code none}. */
    String tlsMode() {
        if (!system.isUseTls()) {
            return "none";
        }
        return sender.tls() == SmtpSession.Tls.IMPLICIT ? "implicit" : "starttls";
    }

    private String reason(Exception e) {
        String server = system.getSmtpServer() + ":" + system.getSmtpPort();
        String why;
        if (e instanceof OAuth2TokenException) {
            why = e.getMessage();
        } else if (e instanceof AuthenticationFailedException && system.usesOAuth2()) {
            why = "The SMTP server " + server + " refused the OAuth2 access token for smtp_username "
                    + system.getSmtpUsername() + " (XOAUTH2), also a newly fetched one" + detail(e.getMessage());
        } else if (e instanceof AuthenticationFailedException) {
            why = "The SMTP server " + server + " refused the system's smtp_username and smtp_password"
                    + detail(e.getMessage());
        } else if (cause(e, UnknownHostException.class)) {
            why = "The SMTP server host " + system.getSmtpServer() + " is unknown. Check smtp_server.";
        } else if (cause(e, ConnectException.class)) {
            why = "Cannot connect to the SMTP server " + server + detail(rootMessage(e));
        } else if (cause(e, SocketTimeoutException.class)) {
            why = "The SMTP server " + server + " did not answer in time" + detail(rootMessage(e));
        } else {
            why = "The SMTP server " + server + " cannot be used"
                    + detail(e.getMessage() != null ? e.getMessage() : rootMessage(e));
        }
        return hideSecret(why);
    }

    private static String detail(String message) {
        return message == null || message.isBlank()
                ? "."
                : ": " + message.strip().replaceAll("\\s+", " ");
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = HealthChecks.rootCause(e);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private String hideSecret(String text) {
        String password = system.getSmtpPassword();
        return password == null || password.isEmpty() ? text : text.replace(password, HIDDEN);
    }
}
