package io.github.camelsmtpsystem.internal.smtp;

import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.Address;

/**
 * The addresses a mail's {@code From}, {@code To}, {@code Cc}, {@code Bcc}, {@code Reply-To} and {@code Sender} headers
 * were last set from (none, for a
 * new mail), so that reading them back (for the envelope, the log and the SMTPUTF8 check) need not parse the headers
 * again. A header set or removed any other way is forgotten, and read as {@link jakarta.mail.internet.MimeMessage}
 * reads it.
 */
final class SetAddresses {

    /** Known headers: their addresses, or {@code null} for a header the mail does not have. */
    private final Map<String, Address[]> byHeader = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** A new mail's: it has none of the headers. */
    SetAddresses() {
        for (String header : new String[] {"From", "To", "Cc", "Bcc", "Reply-To", "Sender"}) {
            byHeader.put(header, null);
        }
    }

    /** Remembers that {@code header} holds {@code addresses} (that the mail has no such header, for none). */
    void set(String header, Address[] addresses) {
        byHeader.put(header, addresses == null || addresses.length == 0 ? null : addresses.clone());
    }

    /** Forgets {@code header}: it was changed some other way. */
    void changed(String header) {
        if (!byHeader.isEmpty()) {
            byHeader.remove(header);
        }
    }

    /** Forgets every header: they were changed in a way that does not name them. */
    void forgetAll() {
        byHeader.clear();
    }

    /** Whether {@code header}'s addresses are known; {@link #get} gives them. */
    boolean knows(String header) {
        return byHeader.containsKey(header);
    }

    /** A copy of the addresses {@code header} was set from, or {@code null} when the mail has no such header. */
    Address[] get(String header) {
        Address[] addresses = byHeader.get(header);
        return addresses == null ? null : addresses.clone();
    }
}
