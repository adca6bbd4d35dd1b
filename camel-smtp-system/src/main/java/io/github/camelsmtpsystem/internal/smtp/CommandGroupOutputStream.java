package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that holds back what the current thread writes while it sends a pipelined group of commands, and
 * writes the whole group at once when the group's last command comes: Angus Mail flushes each command on its own, and
 * a server that answers the first commands of a group before the rest arrive may then hold its next reply until our
 * delayed acknowledgement (Nagle's algorithm on its side), which stalls the send for 40 ms.
 */
final class CommandGroupOutputStream extends FilterOutputStream {

    private static final ThreadLocal<Boolean> HOLDING = new ThreadLocal<>();

    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    CommandGroupOutputStream(OutputStream out) {
        super(out);
    }

    /** What this thread writes from now on waits for {@link #release()}. */
    static void hold() {
        HOLDING.set(Boolean.TRUE);
    }

    /** The next write of this thread goes out together with everything held before it. */
    static void release() {
        HOLDING.remove();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (HOLDING.get() == null && held.size() == 0) {
            out.write(bytes, offset, length);
            return;
        }
        held.write(bytes, offset, length);
        if (HOLDING.get() == null) {
            // one write, so that the group leaves in one TCP segment
            out.write(held.toByteArray());
            held.reset();
        }
    }

    @Override
    public void flush() throws IOException {
        if (HOLDING.get() == null) {
            out.flush();
        }
    }
}
