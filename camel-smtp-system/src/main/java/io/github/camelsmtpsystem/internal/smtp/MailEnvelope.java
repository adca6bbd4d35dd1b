package io.github.camelsmtpsystem.internal.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.InternetAddress;

/**
 * What a mail asks of its SMTP envelope beyond the header's sender and recipients: a bounce address for
 * {@code MAIL FROM}, and delivery status notifications (RFC 3461) when the server offers DSN.
 *
 * @param envelopeFrom the reverse path, or {@code null} for the header's {@code From}
 * @param notifyOn     {@code NOTIFY} for every {@code RCPT TO} ({@code NEVER}, or some of {@code SUCCESS},
 *                     {@code FAILURE}, {@code DELAY}), or empty for none
 * @param ret          {@code RET} on {@code MAIL FROM} ({@code FULL} or {@code HDRS}), or {@code null}
 * @param envelopeId   {@code ENVID} as it is (xtext-encoded here), or {@code null}
 */
public record MailEnvelope(InternetAddress envelopeFrom, List<String> notifyOn, String ret, String envelopeId) {

    /** RFC 3461 §4.4: an ENVID longer than this is refused by servers that check it. */
    static final int MAX_ENVID_LENGTH = 100;

    public MailEnvelope {
        notifyOn = notifyOn == null ? List.of() : List.copyOf(notifyOn);
    }

    /** Whether the mail asks for delivery status notifications at all. */
    public boolean wantsDsn() {
        return !notifyOn.isEmpty() || ret != null;
    }

    /** The DSN parameters of {@code MAIL FROM}: {@code RET} and {@code ENVID}, each with a leading space. */
    String mailFromParameters() {
        StringBuilder out = new StringBuilder();
        if (ret != null) {
            out.append(" RET=").append(ret);
        }
        String envid = envelopeId == null ? null : xtext(envelopeId);
        if (envid != null && envid.length() <= MAX_ENVID_LENGTH) {
            out.append(" ENVID=").append(envid);
        }
        return out.toString();
    }

    /** Whether {@code ENVID} is left out because the encoded id is too long. */
    boolean envelopeIdTooLong() {
        return envelopeId != null && xtext(envelopeId).length() > MAX_ENVID_LENGTH;
    }

    /** The DSN parameters of {@code RCPT TO}: {@code NOTIFY} and {@code ORCPT}, each with a leading space. */
    String rcptParameters(InternetAddress recipient) {
        StringBuilder out = new StringBuilder();
        if (!notifyOn.isEmpty()) {
            out.append(" NOTIFY=").append(String.join(",", notifyOn));
        }
        String address = recipient.getAddress();
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(address)) {
            // RFC 3461 §4.2: the address as the sender gave it, so that a report names it even after rewriting
            out.append(" ORCPT=rfc822;").append(xtext(address));
        }
        return out.toString();
    }

    /**
     * RFC 3461 §4: "+", "=", and every character outside printable ASCII as {@code +XX} (the hex of its UTF-8 bytes),
     * so that an id or address can never end the parameter or the command.
     */
    static String xtext(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                out.append((char) c);
            } else {
                out.append('+').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
