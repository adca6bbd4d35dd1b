package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

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

    /**
     * Turns bare CR and bare LF into CRLF as bytes go through, and keeps them. Not a {@code ByteArrayOutputStream}:
     * MIME writers write byte by byte, and its synchronized {@code write(int)} showed in profiles.
     */
    static final class Canonical extends OutputStream {
        private byte[] buffer = new byte[8192];
        private int count;
        private int last = '\n';

        @Override
        public void write(int b) {
            if (b == '\n' && last != '\r') {
                put('\r');
            } else if (last == '\r' && b != '\n') {
                put('\n');
            }
            put(b);
            last = b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int end = off + len;
            int i = off;
            while (i < end) {
                if (last != '\r') {
                    // a run of bytes that are no line break goes as it is, in one copy
                    int start = i;
                    while (i < end && b[i] != '\r' && b[i] != '\n') {
                        i++;
                    }
                    if (i > start) {
                        put(b, start, i - start);
                        last = b[i - 1] & 0xff;
                    }
                    if (i == end) {
                        break;
                    }
                }
                write(b[i] & 0xff);
                i++;
            }
        }

        private void put(byte[] b, int off, int len) {
            if (count + len > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + len));
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        private void put(int b) {
            if (count == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[count++] = (byte) b;
        }

        /** The content ends with CRLF, so that the end of data follows a line's end. */
        void end() {
            if (last == '\r') {
                put('\n');
            } else if (count > 0 && last != '\n') {
                put('\r');
                put('\n');
            }
            last = '\n';
        }

        byte[] bytes() {
            return buffer;
        }

        int size() {
            return count;
        }
    }
}
