package io.github.camelsmtpsystem.internal.smtp;

import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.Address;

/**
 * The addresses a mail's {@code From}, {@code To}, {@code Cc} and {@code Bcc} headers were last set from, so that
 * reading them back (for the envelope, the log and the SMTPUTF8 check) need not parse the headers again. A header set
 * or removed any other way forgets its addresses, and is parsed as {@link jakarta.mail.internet.MimeMessage} does.
 */
final class SetAddresses {

    private final Map<String, Address[]> byHeader = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** Remembers that {@code header} holds {@code addresses} (forgets it for none). */
    void set(String header, Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            byHeader.remove(header);
        } else {
            byHeader.put(header, addresses.clone());
        }
    }

    /** Forgets {@code header}'s addresses: it was changed some other way. */
    void changed(String header) {
        if (!byHeader.isEmpty()) {
            byHeader.remove(header);
        }
    }

    /** A copy of the addresses {@code header} was set from, or {@code null} when they are not known. */
    Address[] get(String header) {
        Address[] addresses = byHeader.get(header);
        return addresses == null ? null : addresses.clone();
    }
}
