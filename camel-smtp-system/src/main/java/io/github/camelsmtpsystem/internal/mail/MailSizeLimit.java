package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.mail.EntityMailException;

/** The component's own limit on a mail's size ({@code maxMailSize}), checked before the mail goes anywhere. */
public final class MailSizeLimit {

    private MailSizeLimit() {}

    /**
     * @param  limit               the most bytes; 0 or less for no limit
     * @throws EntityMailException naming the entity, the mail's size and the limit, when the mail is larger
     */
    public static void check(String entityId, MimeMessage message, long limit) {
        if (limit <= 0) {
            return;
        }
        long size;
        try {
            size = sizeOf(message);
        } catch (IOException | MessagingException e) {
            throw EntityMailException.withSafeIds(
                    entityId, "the mail cannot be built: " + e.getMessage(), e, List.of());
        }
        if (size > limit) {
            throw EntityMailException.withSafeIds(
                    entityId,
                    "the mail is " + size + " bytes, larger than maxMailSize (" + limit + " bytes); nothing was sent. "
                            + "Send smaller attachments, or raise maxMailSize",
                    null,
                    List.of());
        }
    }

    /** The mail's size as it goes on the wire: every line ending CRLF. */
    static long sizeOf(MimeMessage message) throws IOException, MessagingException {
        Counter counter = new Counter();
        message.writeTo(counter);
        return counter.count;
    }

    /** Counts bytes, a bare LF as the CRLF it becomes on the wire. */
    private static final class Counter extends OutputStream {
        long count;
        int last;

        @Override
        public void write(int b) {
            count += b == '\n' && last != '\r' ? 2 : 1;
            last = b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
