package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.github.camelsmtpsystem.mail.SafeText;

/**
 * The bytes of one SMTP connection: a socket it owns (plain, or TLS from the first byte or after STARTTLS), an outbox
 * where commands and content gather until {@link #flush()} writes them in one write (one TLS record for a small
 * group), and replies read line by line. Every blocking step has a bound: a reply must be complete within the timeout
 * it is read with (a server that trickles bytes gains nothing), and a write or TLS handshake that takes longer than the
 * write timeout closes the socket. A write is watched by one check per connection that runs every half write timeout,
 * not by a timer per write: a write costs two clock readings.
 */
final class SmtpWire implements AutoCloseable {

    /** The most bytes one reply may have: a server that never ends its reply must not fill the heap. */
    private static final int MOST_REPLY_BYTES = 64 * 1024;
    /** Writes of the outbox are cut to this size, each bounded by the write timeout on its own. */
    private static final int WRITE_SLICE = 64 * 1024;
    /** Closes sockets whose write outlasts its timeout, when the component gives no scheduler. */
    private static ScheduledExecutorService fallbackWatchdog;

    private final String host;
    private final int port;
    private final long writeMillis;
    private final ScheduledExecutorService watchdog;
    private final Outbox outbox = new Outbox();
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private volatile boolean timedOut;
    /** When the write or handshake under way started ({@link System#nanoTime()}), or 0 when none is. */
    private volatile long busySince;

    private ScheduledFuture<?> watch;

    private SmtpWire(String host, int port, long writeMillis, ScheduledExecutorService watchdog) {
        this.host = host;
        this.port = port;
        this.writeMillis = writeMillis;
        this.watchdog = watchdog != null ? watchdog : fallbackWatchdog();
    }

    /**
     * Opens a connection to {@code host:port}, TLS from the first byte when {@code tls} is given.
     *
     * @throws IOException when the connection cannot be opened in {@code connectMillis} or the TLS handshake fails
     */
    static SmtpWire open(
            String host,
            int port,
            SSLSocketFactory tls,
            long connectMillis,
            long writeMillis,
            ScheduledExecutorService watchdog)
            throws IOException {
        SmtpWire wire = new SmtpWire(host, port, writeMillis, watchdog);
        long period = Math.max(10, writeMillis / 2);
        wire.watch = wire.watchdog.scheduleWithFixedDelay(wire::checkBusy, period, period, TimeUnit.MILLISECONDS);
        Socket plain = new Socket();
        wire.use(plain);
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectMillis));
            wire.use(plain);
            if (tls != null) {
                wire.startTls(tls);
            }
            return wire;
        } catch (IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }

    /**
     * Puts TLS over the connection (after the server's 220 to STARTTLS), checking the server's certificate and that it
     * names the host.
     *
     * @throws IOException when the handshake fails, or when the server sent more than its reply before it: that would be
     *                     plain text taken for protected text (CVE-2011-0411), so the connection is given up
     */
    void startTls(SSLSocketFactory tls) throws IOException {
        if (position < limit) {
            throw new IOException("The SMTP server " + host + ":" + port + " sent data after its reply to STARTTLS, "
                    + "before TLS started; the connection is given up");
        }
        SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        use(secure);
        busySince = System.nanoTime() | 1;
        try {
            secure.setSoTimeout((int) Math.min(Integer.MAX_VALUE, writeMillis));
            secure.startHandshake();
        } catch (IOException e) {
            throw timedOut ? timeout("TLS handshake", e) : e;
        } finally {
            busySince = 0;
        }
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        if (socket.isConnected()) {
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
    }

    /** Adds a command line (UTF-8, CRLF added) to the outbox. */
    void command(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        outbox.write(bytes, 0, bytes.length);
        outbox.write('\r');
        outbox.write('\n');
    }

    /** The outbox, where content goes as it is. */
    OutputStream outbox() {
        return outbox;
    }

    /** Writes the outbox to the server: in one write when it is small, each write bounded by the write timeout. */
    void flush() throws IOException {
        if (outbox.size() == 0) {
            return;
        }
        try {
            for (int from = 0; from < outbox.size(); from += WRITE_SLICE) {
                busySince = System.nanoTime() | 1;
                out.write(outbox.bytes(), from, Math.min(WRITE_SLICE, outbox.size() - from));
            }
            busySince = System.nanoTime() | 1;
            out.flush();
        } catch (IOException e) {
            throw timedOut ? timeout("write", e) : e;
        } finally {
            busySince = 0;
            outbox.reset();
        }
    }

    /**
     * Reads one reply, which must be complete within {@code timeoutMillis}.
     *
     * @throws SocketTimeoutException when it is not
     * @throws EOFException           when the server closed the connection first
     * @throws IOException            when the reply is not SMTP
     */
    SmtpReply readReply(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<String> lines = new ArrayList<>(2);
        int size = 0;
        while (true) {
            String line = readLine(deadline, timeoutMillis, MOST_REPLY_BYTES - size);
            size += line.length() + 2;
            if (line.length() < 3 || !isCode(line) || line.length() > 3 && " -".indexOf(line.charAt(3)) < 0) {
                throw new IOException("The SMTP server " + host + ":" + port + " sent a line that is no SMTP reply: "
                        + SafeText.of(line));
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    private static boolean isCode(String line) {
        return line.charAt(0) >= '2'
                && line.charAt(0) <= '5'
                && Character.isDigit(line.charAt(1))
                && Character.isDigit(line.charAt(2));
    }

    private String readLine(long deadline, long timeoutMillis, int most) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            if (position == limit) {
                fill(deadline, timeoutMillis);
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= most) {
                throw new IOException("The SMTP server " + host + ":" + port + " sent a reply of more than "
                        + MOST_REPLY_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private void fill(long deadline, long timeoutMillis) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("Read timed out: no complete reply within " + timeoutMillis + " ms");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int read;
        try {
            read = in.read(buffer);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("Read timed out: no complete reply within " + timeoutMillis + " ms");
        }
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        position = 0;
        limit = read;
    }

    /**
     * Whether the server has closed the connection, or said something unasked (a 421 before it closes), while it was
     * idle: looked at without waiting more than a millisecond.
     */
    boolean closedByPeer() {
        if (position < limit) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            int read = in.read(buffer);
            if (read > 0) {
                position = 0;
                limit = read;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether the connection is open as far as this side knows. */
    boolean isOpen() {
        return socket != null && !socket.isClosed() && !timedOut;
    }

    /** Closes the socket at once; a thread blocked on it fails. */
    @Override
    public void close() {
        if (watch != null) {
            watch.cancel(false);
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closed either way
        }
    }

    /** Closes the connection when a write or handshake has taken longer than the write timeout. */
    private void checkBusy() {
        long since = busySince;
        if (since != 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(writeMillis)) {
            timedOut = true;
            close();
        }
    }

    private SocketTimeoutException timeout(String what, IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException(what + " not done within " + writeMillis + " ms");
        e.initCause(cause);
        return e;
    }

    private static synchronized ScheduledExecutorService fallbackWatchdog() {
        if (fallbackWatchdog == null) {
            fallbackWatchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "SmtpSystemWriteWatchdog");
                thread.setDaemon(true);
                return thread;
            });
        }
        return fallbackWatchdog;
    }

    /** A {@link ByteArrayOutputStream} whose bytes are written without a copy. */
    private static final class Outbox extends ByteArrayOutputStream {
        Outbox() {
            super(4096);
        }

        byte[] bytes() {
            return buf;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // not synchronized: one thread owns a connection at a time
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        @Override
        public void reset() {
            super.reset();
            if (buf.length > 1 << 20) {
                // a large mail's content does not stay in memory with its idle connection
                buf = new byte[4096];
            }
        }
    }
}
