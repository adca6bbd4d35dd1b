package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output that holds back what its connection writes while it sends a pipelined group of commands, and
 * writes the whole group at once when the group's last command comes: Angus Mail flushes each command on its own, and
 * a server that answers the first commands of a group before the rest arrive may then hold its next reply until our
 * delayed acknowledgement (Nagle's algorithm on its side), which stalls the send for 40 ms.
 * <p>
 * It belongs to one connection: the {@link PipelinedSmtpTransport} that opens the socket owns it and says when to
 * hold, release and drop; any other connection's stream passes every write straight through.
 */
final class CommandGroupOutputStream extends FilterOutputStream {

    /** The transport opening a connection on this thread, while it opens it: its socket's stream is its own. */
    private static final ThreadLocal<PipelinedSmtpTransport> OPENING = new ThreadLocal<>();

    private final HeldBytes held = new HeldBytes();
    private boolean holding;
    private boolean flushSends;

    private CommandGroupOutputStream(OutputStream out) {
        super(out);
    }

    /** The output of a new socket, handed to the transport that is opening it, if any. */
    static CommandGroupOutputStream of(OutputStream socketOutput) {
        CommandGroupOutputStream stream = new CommandGroupOutputStream(socketOutput);
        PipelinedSmtpTransport opening = OPENING.get();
        if (opening != null) {
            opening.useCommandGroups(stream);
        }
        return stream;
    }

    /** The command-group output of one socket, made from the socket's own output on first use. */
    static final class OfSocket {
        private OutputStream output;

        synchronized OutputStream get(SocketOutput socketOutput) throws IOException {
            if (output == null) {
                output = of(socketOutput.get());
            }
            return output;
        }
    }

    /** A socket's own output stream. */
    @FunctionalInterface
    interface SocketOutput {
        OutputStream get() throws IOException;
    }

    /** Runs {@code connect}, in which {@code transport} opens its socket and so gets the socket's stream. */
    static <T, E extends Exception> T opening(PipelinedSmtpTransport transport, Opener<T, E> connect) throws E {
        OPENING.set(transport);
        try {
            return connect.open();
        } finally {
            OPENING.remove();
        }
    }

    /** Opens a connection. */
    @FunctionalInterface
    interface Opener<T, E extends Exception> {
        T open() throws E;
    }

    /** What the connection writes from now on waits for {@link #release()}. */
    void hold() {
        holding = true;
    }

    /** The next write goes out together with everything held before it. */
    void release() {
        holding = false;
    }

    /** The next flush sends everything held, in one write: for a group that ends with content (BDAT). */
    void sendAtFlush() {
        flushSends = true;
    }

    /** Sends what is held now, in one write. */
    void sendHeld() throws IOException {
        holding = false;
        flushSends = false;
        writeHeld();
        out.flush();
    }

    /** How much is held now: where a mail's own bytes start, to drop only those if the mail fails. */
    int mark() {
        return held.size();
    }

    /**
     * Forgets what was held after {@code mark}, a group that will not be sent: nothing of it reaches the server with
     * the next write. What was held before it (an earlier mail's end, whose replies are still due) stays.
     */
    void dropTo(int mark) {
        holding = mark > 0;
        flushSends = false;
        held.truncate(mark);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (!holding && held.size() == 0) {
            out.write(bytes, offset, length);
            return;
        }
        held.write(bytes, offset, length);
        if (!holding) {
            writeHeld();
        }
    }

    /** One write, so that the group leaves in one TCP segment and, over TLS, in one record. */
    private void writeHeld() throws IOException {
        if (held.size() > 0) {
            // from the buffer itself, without a copy of it
            held.writeTo(out);
            held.reset();
        }
    }

    /** The held bytes, which can be cut back to a mark. */
    private static final class HeldBytes extends ByteArrayOutputStream {
        void truncate(int size) {
            count = Math.min(count, size);
        }
    }

    @Override
    public void flush() throws IOException {
        if (holding && flushSends) {
            sendHeld();
        } else if (!holding) {
            out.flush();
        }
    }
}
