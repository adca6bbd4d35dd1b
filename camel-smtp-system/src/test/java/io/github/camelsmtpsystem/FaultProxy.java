package io.github.camelsmtpsystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a real SMTP server, that cuts or stalls one SMTP session at a given
 * step. It reads the plain-text dialogue as it passes: the client's commands (EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO,
 * DATA and its content up to the final dot, BDAT and its chunk) and the server's replies, counted so that the reply to
 * the end of a mail's data is known. After STARTTLS it sees only bytes, and counts the client's writes.
 *
 * <p>The fault hits the first {@code times} sessions that reach the step; every other session passes unchanged. A
 * stalled session forwards nothing more either way until the client gives up (or the proxy closes). Bounded: at most
 * {@link #MAX_CONNECTIONS} connections, daemon threads, everything closed by {@link #close()}.
 */
final class FaultProxy implements AutoCloseable {

    static final int MAX_CONNECTIONS = 200;

    /** Where in the session the fault strikes. */
    enum Step {
        /** The client connects and gets no greeting. */
        BEFORE_GREETING,
        /** The client's EHLO does not reach the server. */
        AFTER_EHLO,
        /** The second write of the client after the server's 220 to STARTTLS: in the TLS handshake. */
        INSIDE_STARTTLS,
        /** The client's AUTH command does not reach the server. */
        INSIDE_AUTH,
        /** MAIL FROM reached the server; nothing after it does. */
        AFTER_MAIL,
        /** RCPT TO reached the server; nothing after it does. */
        AFTER_RCPT,
        /** Part of the mail's data reached the server. */
        INSIDE_DATA,
        /** The end of data reached the server, which accepted the mail; its reply does not reach the client. */
        AFTER_END_OF_DATA,
        /** The server's reply to the end of data reached the client; nothing after it does. */
        AFTER_FINAL_REPLY
    }

    enum Action {
        /** Both connections are closed. */
        CUT,
        /** Nothing more is forwarded; the connections stay open. */
        STALL,
        /** What comes at the step is held {@link #DELAY_MILLIS}, then the session goes on. */
        DELAY
    }

    static final long DELAY_MILLIS = 3_000;

    private final int targetPort;
    private final Step step;
    private final Action action;
    private final AtomicInteger faultsLeft;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private volatile boolean closed;

    private FaultProxy(int targetPort, Step step, Action action, int times) throws IOException {
        this.targetPort = targetPort;
        this.step = step;
        this.action = action;
        this.faultsLeft = new AtomicInteger(times);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code targetPort} that faults the first {@code times} sessions reaching {@code step}. */
    static FaultProxy start(int targetPort, Step step, Action action, int times) throws IOException {
        return new FaultProxy(targetPort, step, action, times);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many times the fault struck. */
    int faults() {
        return faults.get();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(FaultProxy::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            Thread session = new Thread(() -> open(client), "fault-proxy-session");
            session.setDaemon(true);
            session.start();
        }
    }

    private void open(Socket client) {
        Session session = new Session(client);
        if (step == Step.BEFORE_GREETING && session.strike()) {
            return;
        }
        try {
            Socket server = new Socket();
            sockets.add(server);
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            session.server = server;
            Thread replies = new Thread(session::pumpReplies, "fault-proxy-replies");
            replies.setDaemon(true);
            replies.start();
            session.pumpCommands();
        } catch (IOException e) {
            session.cut();
        }
    }

    /** One client's session: its two sockets and what passed between them. */
    private final class Session {

        private final Socket client;
        private volatile Socket server;
        private volatile boolean stopped;
        /** Commands the client sent (lines, and each end of data), replies the server gave (not the greeting). */
        private int commands;

        private int replies = -1;
        /** The numbers of the commands that were ends of data, whose replies are final replies. */
        private final List<Integer> endsOfData = new CopyOnWriteArrayList<>();

        private volatile boolean tls;
        private int writesSinceTls;

        Session(Socket client) {
            this.client = client;
        }

        /**
         * Forwards {@code length} bytes to the server, then makes this session fail if the fault has a strike left (true
         * when it struck). Replies stop before the bytes go, so that none they cause reaches the client.
         */
        boolean strikeAfter(OutputStream out, byte[] bytes, int from, int length) throws IOException {
            boolean claimed = action != Action.DELAY && claim();
            out.write(bytes, from, length);
            out.flush();
            if (!claimed) {
                return action == Action.DELAY && strike();
            }
            act();
            return true;
        }

        /** Takes a strike, if one is left, and stops forwarding replies. */
        private synchronized boolean claim() {
            if (faultsLeft.getAndDecrement() <= 0) {
                return false;
            }
            faults.incrementAndGet();
            stopped = true;
            return true;
        }

        /** Forwards a reply unless the session is stopped: false when it is. */
        synchronized boolean forward(OutputStream out, byte[] bytes, int from, int length) throws IOException {
            if (stopped) {
                return false;
            }
            out.write(bytes, from, length);
            out.flush();
            return true;
        }

        /** Makes this session fail if the fault has a strike left: true when it struck. */
        boolean strike() {
            if (action == Action.DELAY) {
                if (faultsLeft.getAndDecrement() <= 0) {
                    return false;
                }
                faults.incrementAndGet();
                try {
                    Thread.sleep(DELAY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            if (!claim()) {
                return false;
            }
            act();
            return true;
        }

        private void act() {
            if (action == Action.CUT) {
                cut();
            } else {
                stopped = true;
                // a stalled session ends when the client gives up
                Thread watch = new Thread(this::cutWhenClientCloses, "fault-proxy-stall");
                watch.setDaemon(true);
                watch.start();
            }
        }

        void cut() {
            stopped = true;
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
        }

        private void cutWhenClientCloses() {
            try {
                InputStream in = client.getInputStream();
                byte[] buffer = new byte[8192];
                while (in.read(buffer) >= 0) {
                    // discarded
                }
            } catch (IOException e) {
                // closed
            }
            cut();
        }

        /** Client to server: commands, and the data they carry. */
        void pumpCommands() {
            try {
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream();
                Commands parser = new Commands();
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n >= 0 && !stopped; n = in.read(buffer)) {
                    if (tls) {
                        writesSinceTls++;
                        if (step == Step.INSIDE_STARTTLS && writesSinceTls == 2 && strike()) {
                            return;
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    parser.feed(buffer, n, out);
                    if (stopped) {
                        return;
                    }
                }
            } catch (IOException e) {
                // one side closed
            }
            if (!stopped) {
                cut();
            }
        }

        /** Server to client: replies, whole. */
        void pumpReplies() {
            try {
                InputStream in = server.getInputStream();
                OutputStream out = client.getOutputStream();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                ByteArrayOutputStream reply = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0 && !stopped; n = in.read(buffer)) {
                    if (tls) {
                        if (!forward(out, buffer, 0, n)) {
                            return;
                        }
                        continue;
                    }
                    for (int i = 0; i < n && !stopped; i++) {
                        line.write(buffer[i]);
                        reply.write(buffer[i]);
                        if (buffer[i] != '\n') {
                            continue;
                        }
                        String text = line.toString(StandardCharsets.ISO_8859_1);
                        line.reset();
                        if (text.length() >= 4 && text.charAt(3) == '-') {
                            continue;
                        }
                        // a whole reply
                        int number;
                        synchronized (this) {
                            number = ++replies;
                        }
                        boolean finalReply = endsOfData.contains(number);
                        if (finalReply && step == Step.AFTER_END_OF_DATA && strike()) {
                            return;
                        }
                        byte[] whole = reply.toByteArray();
                        reply.reset();
                        if (!forward(out, whole, 0, whole.length)) {
                            return;
                        }
                        if (finalReply && step == Step.AFTER_FINAL_REPLY && strike()) {
                            return;
                        }
                        if (text.startsWith("220") && startTlsSent) {
                            // the rest of the bytes are TLS
                            tls = true;
                            if (i + 1 < n && !forward(out, buffer, i + 1, n - i - 1)) {
                                return;
                            }
                            break;
                        }
                    }
                }
            } catch (IOException e) {
                // one side closed
            }
            if (!stopped) {
                cut();
            }
        }

        private volatile boolean startTlsSent;

        /** Reads the client's bytes as SMTP commands and data, forwarding them, and strikes at the step. */
        private final class Commands {

            private final ByteArrayOutputStream line = new ByteArrayOutputStream();
            /** In DATA's content: how far the end "\r\n.\r\n" has been matched. */
            private boolean inData;

            private int dataMatch;
            private long dataBytes;
            /** In a BDAT chunk: the bytes left. */
            private long chunkLeft;

            private boolean lastChunk;

            void feed(byte[] buffer, int n, OutputStream out) throws IOException {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (chunkLeft > 0) {
                        chunkLeft--;
                        dataBytes++;
                        if (step == Step.INSIDE_DATA && dataBytes == 64) {
                            if (strikeAfter(out, buffer, from, i + 1 - from)) {
                                return;
                            }
                            from = i + 1;
                        }
                        if (chunkLeft == 0) {
                            chunkEnd();
                        }
                        continue;
                    }
                    if (inData) {
                        dataBytes++;
                        dataMatch = b == "\r\n.\r\n".charAt(dataMatch) ? dataMatch + 1 : (b == '\r' ? 1 : 0);
                        if (step == Step.INSIDE_DATA && dataBytes == 64) {
                            if (strikeAfter(out, buffer, from, i + 1 - from)) {
                                return;
                            }
                            from = i + 1;
                        }
                        if (dataMatch == 5) {
                            inData = false;
                            endOfData();
                        }
                        continue;
                    }
                    line.write(b);
                    if (b != '\n') {
                        continue;
                    }
                    String command = line.toString(StandardCharsets.ISO_8859_1);
                    line.reset();
                    String upper = command.toUpperCase(Locale.ROOT);
                    synchronized (Session.this) {
                        commands++;
                    }
                    Step before = upper.startsWith("EHLO") || upper.startsWith("HELO")
                            ? Step.AFTER_EHLO
                            : upper.startsWith("AUTH") ? Step.INSIDE_AUTH : null;
                    if (before != null && step == before) {
                        // the command itself is not forwarded
                        int start = Math.max(from, i + 1 - command.length());
                        out.write(buffer, from, start - from);
                        out.flush();
                        if (strike()) {
                            return;
                        }
                        from = start;
                    }
                    Step after = upper.startsWith("MAIL FROM")
                            ? Step.AFTER_MAIL
                            : upper.startsWith("RCPT TO") ? Step.AFTER_RCPT : null;
                    if (after != null && step == after) {
                        if (strikeAfter(out, buffer, from, i + 1 - from)) {
                            return;
                        }
                        from = i + 1;
                    }
                    if (upper.startsWith("STARTTLS")) {
                        startTlsSent = true;
                    } else if (upper.startsWith("DATA")) {
                        // the content follows the 354; a client sends nothing after DATA before it
                        inData = true;
                        dataMatch = 2;
                        dataBytes = 0;
                    } else if (upper.startsWith("BDAT")) {
                        String[] words = command.trim().split(" +");
                        chunkLeft = Long.parseLong(words[1]);
                        lastChunk = words.length > 2 && words[2].equalsIgnoreCase("LAST");
                        // the chunk's reply is the reply to this command
                        synchronized (Session.this) {
                            commands--;
                        }
                        if (chunkLeft == 0) {
                            chunkEnd();
                        }
                    }
                }
                if (from < n) {
                    out.write(buffer, from, n - from);
                    out.flush();
                }
            }

            /** A BDAT chunk is complete: it counts as the command its reply answers. */
            private void chunkEnd() {
                synchronized (Session.this) {
                    commands++;
                    if (lastChunk) {
                        endsOfData.add(commands);
                    }
                }
            }

            private void endOfData() {
                synchronized (Session.this) {
                    commands++;
                    endsOfData.add(commands);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing
        }
    }
}
