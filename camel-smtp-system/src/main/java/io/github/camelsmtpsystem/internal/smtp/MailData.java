package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The content of one mail as it goes on the wire: written once, with every line ending CRLF (a bare CR or LF becomes
 * CRLF, RFC 5321 §2.3.8) and the content ending with CRLF. {@code DATA} needs it dot-stuffed ({@link #writeDotStuffed},
 * RFC 5321 §4.5.2); {@code BDAT} carries these bytes as they are (RFC 3030 §2).
 */
final class MailData {

    private final byte[] bytes;
    private final int length;

    private MailData(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The mail's content, with canonical line endings. */
    static MailData of(MimeMessage message) throws MessagingException {
        Canonical canonical = new Canonical();
        try {
            message.writeTo(canonical);
        } catch (IOException e) {
            throw new MessagingException("Cannot write the mail's content", e);
        }
        canonical.end();
        return new MailData(canonical.bytes(), canonical.size());
    }

    /** The content's size in bytes, as {@code BDAT} counts it. */
    int size() {
        return length;
    }

    /** Writes bytes {@code from} to {@code from + count} as they are (a BDAT chunk). */
    void writeRaw(OutputStream out, int from, int count) throws IOException {
        out.write(bytes, from, count);
    }

    /** Writes the content with each line that starts with a dot given one dot more, then the end of data {@code .}. */
    void writeDotStuffed(OutputStream out) throws IOException {
        int start = 0;
        boolean lineStart = true;
        for (int i = 0; i < length; i++) {
            if (lineStart && bytes[i] == '.') {
                out.write(bytes, start, i - start);
                out.write('.');
                start = i;
            }
            lineStart = bytes[i] == '\n';
        }
        out.write(bytes, start, length - start);
        out.write('.');
        out.write('\r');
        out.write('\n');
    }

    /** Turns bare CR and bare LF into CRLF as bytes go through, and keeps them. */
    private static final class Canonical extends ByteArrayOutputStream {
        private int last = '\n';

        Canonical() {
            super(8192);
        }

        @Override
        public void write(int b) {
            if (b == '\n' && last != '\r') {
                super.write('\r');
            } else if (last == '\r' && b != '\n') {
                super.write('\n');
            }
            super.write(b);
            last = b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                boolean bareLf = c == '\n' && (i == start ? last != '\r' : b[i - 1] != '\r');
                boolean afterBareCr = (i == start ? last == '\r' : b[i - 1] == '\r') && c != '\n';
                if (bareLf || afterBareCr) {
                    super.write(b, start, i - start);
                    if (i > start) {
                        last = b[i - 1];
                    }
                    write(c);
                    start = i + 1;
                }
            }
            if (start < off + len) {
                super.write(b, start, off + len - start);
                last = b[off + len - 1];
            }
        }

        /** The content ends with CRLF, so that the end of data follows a line's end. */
        void end() {
            if (last == '\r') {
                super.write('\n');
            } else if (count > 0 && last != '\n') {
                super.write('\r');
                super.write('\n');
            }
            last = '\n';
        }

        byte[] bytes() {
            return buf;
        }
    }
}
