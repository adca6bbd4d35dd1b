package io.github.camelsmtpsystem.internal.smtp;

import jakarta.mail.MessagingException;

/**
 * The end of a mail's data went to the server and no final reply came: the connection was lost, or the reply did not
 * come within {@code finalReplyTimeout}. The server may have delivered the mail (RFC 5321 §4.5.3.2.6 warns that
 * sending it again "would typically result in delivery of multiple copies"), so it is not sent again unless the
 * component option {@code retryUncertain} says so.
 */
public final class SmtpUncertainException extends MessagingException {

    private static final long serialVersionUID = 1L;

    public SmtpUncertainException(String message, Exception cause) {
        super(message, cause);
    }
}
