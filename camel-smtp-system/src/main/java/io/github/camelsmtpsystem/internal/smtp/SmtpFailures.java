package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;

import io.github.camelsmtpsystem.oauth2.OAuth2TokenException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Tells transient SMTP failures (worth retrying: the connection was refused, dropped or timed out, or the server
 * answered 4xx) from permanent ones (5xx, rejected recipients, failed authentication, TLS problems).
 */
public final class SmtpFailures {

    private static final Pattern REPLY = Pattern.compile("(?<![0-9])([245][0-9][0-9])(?=[ -])");

    private SmtpFailures() {}

    /** Whether sending again later may succeed. An uncertain mail is not transient: it may have been delivered. */
    public static boolean isTransient(Throwable failure) {
        if (isUncertain(failure)) {
            return false;
        }
        int code = replyCode(failure);
        if (code > 0) {
            return code >= 400 && code < 500;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OAuth2TokenException e) {
                return e.isTransient();
            }
            if (t instanceof AuthenticationFailedException || t instanceof SSLException) {
                return false;
            }
            if (t instanceof MailConnectException || t instanceof IOException || isEndOfStream(t)) {
                return true;
            }
        }
        return false;
    }

    /** Angus reports a connection the server closed before its reply as a reply "[EOF]" with code -1. */
    private static boolean isEndOfStream(Throwable t) {
        return t.getMessage() != null && t.getMessage().contains("[EOF]");
    }

    /**
     * Whether the failure says the connection itself is gone (closed, reset, or a 421 "closing channel"), so that the
     * message may go again at once on a new connection.
     */
    public static boolean isBrokenConnection(Throwable failure) {
        if (isUncertain(failure)) {
            return false;
        }
        if (replyCode(failure) == 421) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || isEndOfStream(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the mail's end of data was written and no final reply came ({@link SmtpUncertainException}): it may have
     * been delivered.
     */
    public static boolean isUncertain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SmtpUncertainException) {
                return true;
            }
        }
        return false;
    }

    /** The SMTP reply code of the failure (the first rejected recipient's, for a rejected recipient), or -1. */
    public static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException e && e.getReturnCode() > 0) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof AuthenticationFailedException && t.getMessage() != null) {
                Matcher m = REPLY.matcher(t.getMessage());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        // a refused greeting ("Got bad greeting from SMTP host: ... 421 ...") has no code of its own
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("bad greeting")) {
                Matcher m = REPLY.matcher(message);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return -1;
    }

    /** The failure in one line: the server's reply (which carries its code) or the connection problem. */
    public static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException e) {
                return "the server rejected recipient " + e.getAddress() + ": "
                        + e.getMessage().strip();
            }
            deepest = t;
        }
        String text = failure.getMessage() != null
                ? failure.getMessage().strip()
                : failure.getClass().getSimpleName();
        String cause = deepest.getMessage();
        return deepest == failure || cause == null || text.contains(cause) ? text : text + " (" + cause.strip() + ")";
    }
}
