package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A {@code Message-ID} that is the same whenever the same system sends the same entity's same mail: a digest of the
 * system, the entity {@code _id}, the sender, the recipients, the subject and the content of every part, at the
 * sender's domain. So a mail sent again after an uncertain outcome (or by a retried batch) can be recognised as the same
 * mail by receivers, which may drop duplicates by it, and by the user. The {@code Date} and the MIME boundaries, which
 * change from one rendering to the next, do not count.
 */
public final class StableMessageId {

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The sender's domain and its ASCII form, from the mail before: most mails of a system share a sender. */
    private static volatile AsciiDomain lastDomain = new AsciiDomain("", "");

    private StableMessageId() {}

    /** The stable {@code Message-ID} of {@code message}: {@code <32 hex digits@the sender's domain>}. */
    public static String of(MimeMessage message, String systemId, String entityId) throws MessagingException {
        MessageDigest digest = sha256();
        update(digest, systemId);
        update(digest, entityId);
        addresses(digest, message.getFrom());
        addresses(digest, message.getAllRecipients());
        update(digest, message.getSubject());
        try {
            content(digest, message);
        } catch (IOException e) {
            throw new MessagingException("Cannot read the mail's content for its Message-ID", e);
        }
        String id = HexFormat.of().formatHex(digest.digest(), 0, 16);
        return "<" + id + "@" + domainOf(message.getFrom()) + ">";
    }

    private static void content(MessageDigest digest, Part part) throws MessagingException, IOException {
        // the type without its parameters: a multipart's boundary changes with each rendering
        String type = String.valueOf(part.getContentType());
        int parameters = type.indexOf(';');
        update(digest, (parameters < 0 ? type : type.substring(0, parameters)).strip());
        update(digest, part.getFileName());
        Object content = part.getContent();
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                content(digest, parts.getBodyPart(i));
            }
        } else if (content instanceof String text) {
            update(digest, text);
        } else {
            // a file (an attachment, an inline image): its bytes, not the stream object's name
            try (InputStream bytes = part.getInputStream()) {
                bytes.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            }
            digest.update((byte) 0);
        }
    }

    private static void addresses(MessageDigest digest, Address[] addresses) {
        if (addresses != null) {
            for (Address address : addresses) {
                update(
                        digest,
                        address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
            }
        }
        digest.update((byte) 1);
    }

    private static String domainOf(Address[] from) {
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress sender) {
            String address = sender.getAddress();
            int at = address.lastIndexOf('@');
            if (at >= 0 && at < address.length() - 1) {
                String domain = address.substring(at + 1);
                AsciiDomain last = lastDomain;
                if (last.domain().equals(domain)) {
                    return last.ascii();
                }
                try {
                    String ascii = IDN.toASCII(domain);
                    lastDomain = new AsciiDomain(domain, ascii);
                    return ascii;
                } catch (IllegalArgumentException e) {
                    // falls through to a name that cannot clash with a real domain
                }
            }
        }
        return "smtp-system.invalid";
    }

    /** A domain as the sender's address gives it, and as IDNA's ASCII form. */
    private record AsciiDomain(String domain, String ascii) {}

    private static void update(MessageDigest digest, String text) {
        digest.update(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
        // a separator, so that ("ab", "c") and ("a", "bc") differ
        digest.update((byte) 0);
    }

    /** A new SHA-256 digest, cloned from one looked up once: a provider look-up per mail costs more than the digest. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException missing) {
                throw new IllegalStateException("Every Java runtime has SHA-256", missing);
            }
        }
    }
}
