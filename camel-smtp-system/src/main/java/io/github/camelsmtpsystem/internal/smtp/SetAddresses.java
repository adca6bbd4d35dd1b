package io.github.camelsmtpsystem.internal.smtp;

import java.util.Arrays;

import jakarta.mail.Address;

/**
 * The addresses a mail's {@code From}, {@code To}, {@code Cc}, {@code Bcc}, {@code Reply-To}, {@code Sender} and
 * {@code Newsgroups} headers were last set from (none, for a new mail), so that reading them back (for the envelope,
 * the log and the SMTPUTF8 check) need not parse the headers again. A header set or removed any other way is
 * forgotten, and read as {@link jakarta.mail.internet.MimeMessage} reads it.
 */
final class SetAddresses {

    /** The headers kept; a name is found by identity first, as callers pass these constants. */
    private static final String[] HEADERS = {"From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Newsgroups"};

    /** Whether each header's addresses are known: a new mail has none of the headers. */
    private final boolean[] known = new boolean[HEADERS.length];
    /** The known headers' addresses, {@code null} for a header the mail does not have. */
    private final Address[][] addresses = new Address[HEADERS.length][];

    SetAddresses() {
        Arrays.fill(known, true);
    }

    /** Remembers that {@code header} holds {@code addresses} (that the mail has no such header, for none). */
    void set(String header, Address[] addresses) {
        int i = indexOf(header);
        if (i >= 0) {
            known[i] = true;
            this.addresses[i] = addresses == null || addresses.length == 0 ? null : addresses.clone();
        }
    }

    /** Forgets {@code header}: it was changed some other way. */
    void changed(String header) {
        int i = indexOf(header);
        if (i >= 0) {
            known[i] = false;
            addresses[i] = null;
        }
    }

    /** Forgets every header: they were changed in a way that does not name them. */
    void forgetAll() {
        Arrays.fill(known, false);
        Arrays.fill(addresses, null);
    }

    /** Whether {@code header}'s addresses are known; {@link #get} gives them. */
    boolean knows(String header) {
        int i = indexOf(header);
        return i >= 0 && known[i];
    }

    /** A copy of the addresses {@code header} was set from, or {@code null} when the mail has no such header. */
    Address[] get(String header) {
        int i = indexOf(header);
        return i < 0 || addresses[i] == null ? null : addresses[i].clone();
    }

    private static int indexOf(String header) {
        for (int i = 0; i < HEADERS.length; i++) {
            if (HEADERS[i] == header) {
                return i;
            }
        }
        for (int i = 0; i < HEADERS.length; i++) {
            if (HEADERS[i].equalsIgnoreCase(header)) {
                return i;
            }
        }
        return -1;
    }
}
