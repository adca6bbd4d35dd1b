package io.github.camelsmtpsystem.internal.smtp;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The server's limit on a mail's size (EHLO {@code SIZE}, RFC 1870): a larger mail fails before its envelope is
 * written, and a mail within it declares its size on {@code MAIL FROM}, so the server can refuse it before its data.
 */
final class MailSizeCheck {

    private MailSizeCheck() {}

    /**
     * The {@code SIZE=} parameter for {@code MAIL FROM}, or nothing when the server does not offer SIZE.
     *
     * @throws SMTPSendFailedException a permanent failure (552, as the server would answer) when the mail is larger
     *                                 than the server's limit
     */
    static String mailFromParameter(SmtpCapabilities capabilities, int size, String server)
            throws SMTPSendFailedException {
        if (!capabilities.offers("SIZE")) {
            return "";
        }
        long limit = capabilities.sizeLimit();
        if (limit > 0 && size > limit) {
            throw new SMTPSendFailedException(
                    "MAIL",
                    552,
                    "552 5.3.4 The mail is " + size + " bytes, larger than the " + limit + " bytes the SMTP server "
                            + server + " takes (its EHLO SIZE); nothing was sent. Send smaller attachments, or raise "
                            + "the server's limit",
                    null,
                    null,
                    null,
                    null);
        }
        return " SIZE=" + size;
    }
}
