package io.github.camelsmtpsystem.internal.smtp;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The addresses of a mail that only SMTPUTF8 (RFC 6531) can carry: those with a character outside ASCII in the
 * address itself (a display name is encoded as an RFC 2047 word and needs nothing).
 */
final class Utf8Addresses {

    private Utf8Addresses() {}

    /** The non-ASCII addresses among the envelope recipients, the senders and the reply-to addresses of a mail. */
    static List<String> of(MimeMessage message, Address[] envelope) throws MessagingException {
        Set<String> found = add(null, envelope);
        found = add(found, message.getFrom());
        found = add(found, message.getReplyTo());
        found = add(found, message.getAllRecipients());
        Address sender = message.getSender();
        if (sender != null) {
            found = add(found, new Address[] {sender});
        }
        return found == null ? List.of() : new ArrayList<>(found);
    }

    /** Whether the mail's header addresses need UTF-8 headers. */
    static boolean inHeaders(MimeMessage message) throws MessagingException {
        return !of(message, null).isEmpty();
    }

    /** {@code found} with the non-ASCII addresses of {@code addresses}; made only when there is one (most mails: none). */
    private static Set<String> add(Set<String> found, Address[] addresses) {
        if (addresses == null) {
            return found;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && !isAscii(internet.getAddress())) {
                if (found == null) {
                    found = new LinkedHashSet<>();
                }
                found.add(internet.getAddress());
            }
        }
        return found;
    }

    /**
     * Writes the mail's addresses with their domains in IDNA's ASCII form ({@code xn--}, RFC 5891), for a server without
     * SMTPUTF8, and returns the envelope's likewise; {@code null}, leaving the mail alone, when an address has a local
     * part outside ASCII, which has no ASCII form.
     */
    static Address[] toAsciiDomains(MimeMessage message, Address[] envelope) throws MessagingException {
        Address[] ascii = asciiDomains(envelope);
        Map<Message.RecipientType, Address[]> recipients = new LinkedHashMap<>();
        for (Message.RecipientType type :
                List.of(Message.RecipientType.TO, Message.RecipientType.CC, Message.RecipientType.BCC)) {
            recipients.put(type, asciiDomains(message.getRecipients(type)));
        }
        Address[] from = asciiDomains(message.getFrom());
        Address[] replyTo = asciiDomains(message.getReplyTo());
        Address[] sender = message.getSender() == null ? null : asciiDomains(new Address[] {message.getSender()});
        if (ascii == null
                || recipients.containsValue(null)
                || from == null
                || replyTo == null
                || message.getSender() != null && sender == null) {
            return null;
        }
        for (Map.Entry<Message.RecipientType, Address[]> entry : recipients.entrySet()) {
            if (entry.getValue().length > 0) {
                message.setRecipients(entry.getKey(), entry.getValue());
            }
        }
        if (from.length > 0) {
            message.setFrom(from[0]);
            if (from.length > 1) {
                message.addFrom(List.of(from).subList(1, from.length).toArray(Address[]::new));
            }
        }
        if (replyTo.length > 0 && message.getHeader("Reply-To") != null) {
            message.setReplyTo(replyTo);
        }
        if (sender != null) {
            message.setSender(sender[0]);
        }
        return ascii;
    }

    /** The addresses with ASCII domains, or {@code null} if one cannot have them; an empty array for none. */
    private static Address[] asciiDomains(Address[] addresses) {
        if (addresses == null) {
            return new Address[0];
        }
        Address[] ascii = new Address[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            ascii[i] = addresses[i];
            if (addresses[i] instanceof InternetAddress internet && !isAscii(internet.getAddress())) {
                String address = internet.getAddress();
                int at = address.lastIndexOf('@');
                if (at < 0 || !isAscii(address.substring(0, at))) {
                    return null;
                }
                try {
                    InternetAddress converted = (InternetAddress) internet.clone();
                    String domain = IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
                    converted.setAddress(address.substring(0, at + 1) + domain);
                    ascii[i] = converted;
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return ascii;
    }

    static boolean isAscii(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return false;
                }
            }
        }
        return true;
    }
}
