package io.github.camelsmtpsystem.internal.smtp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The addresses of a mail that only SMTPUTF8 (RFC 6531) can carry: those with a character outside ASCII in the
 * address itself (a display name is encoded as an RFC 2047 word and needs nothing).
 */
final class Utf8Addresses {

    private Utf8Addresses() {
    }

    /** The non-ASCII addresses among the envelope recipients, the senders and the reply-to addresses of a mail. */
    static List<String> of(MimeMessage message, Address[] envelope) throws MessagingException {
        Set<String> found = new LinkedHashSet<>();
        add(found, envelope);
        add(found, message.getFrom());
        add(found, message.getReplyTo());
        add(found, message.getAllRecipients());
        Address sender = message.getSender();
        if (sender != null) {
            add(found, new Address[] { sender });
        }
        return new ArrayList<>(found);
    }

    /** Whether the mail's header addresses need UTF-8 headers. */
    static boolean inHeaders(MimeMessage message) throws MessagingException {
        return !of(message, null).isEmpty();
    }

    private static void add(Set<String> found, Address[] addresses) {
        if (addresses == null) {
            return;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && !isAscii(internet.getAddress())) {
                found.add(internet.getAddress());
            }
        }
    }

    static boolean isAscii(String text) {
        return text == null || text.chars().allMatch(c -> c < 0x80);
    }
}
