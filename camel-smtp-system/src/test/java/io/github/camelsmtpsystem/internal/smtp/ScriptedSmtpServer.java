package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server in the test's JVM that plays a script per connection, on a free loopback port: for the protocol's
 * corners that a real server does not show on demand (a reply withheld, a connection cut at a given step, a reply split
 * across packets, bytes sent where none are due). What it read is kept, byte for byte.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** What the server does on one connection. */
    @FunctionalInterface
    interface Script {
        void play(Conversation conversation) throws Exception;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Conversation> conversations = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    ScriptedSmtpServer(Script script) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket client = socket.accept();
                    Conversation conversation = new Conversation(client);
                    conversations.add(conversation);
                    Thread player = new Thread(() -> {
                        try (client) {
                            script.play(conversation);
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    });
                    player.setDaemon(true);
                    player.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The connections so far. */
    List<Conversation> conversations() {
        return conversations;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Conversation c : conversations) {
            c.socket.close();
        }
    }

    /** One connection: lines and bytes read from the client, replies written to it. */
    static final class Conversation {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        /** Everything the client sent, as it came. */
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Conversation(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Writes {@code lines}, each ended with CRLF, in one write. */
        void reply(String... lines) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append("\r\n");
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Writes raw text as it is. */
        void raw(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next line from the client without its CRLF, or {@code null} at the end of the stream. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                received.write(b);
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            return null;
        }

        /** Exactly {@code count} bytes from the client (a BDAT chunk). */
        byte[] readBytes(int count) throws IOException {
            byte[] bytes = in.readNBytes(count);
            received.write(bytes);
            return bytes;
        }

        /** The content of DATA up to the line {@code .}, as it was on the wire (still dot-stuffed), lines with CRLF. */
        String readData() throws IOException {
            StringBuilder data = new StringBuilder();
            for (String line = readLine(); line != null && !".".equals(line); line = readLine()) {
                data.append(line).append("\r\n");
            }
            return data.toString();
        }

        /** The greeting and a reply to EHLO offering {@code extensions}. */
        void greetAndEhlo(String... extensions) throws IOException {
            reply("220 scripted ESMTP");
            readLine();
            String[] lines = new String[extensions.length + 1];
            lines[0] = (extensions.length == 0 ? "250 " : "250-") + "scripted";
            for (int i = 0; i < extensions.length; i++) {
                lines[i + 1] = (i == extensions.length - 1 ? "250 " : "250-") + extensions[i];
            }
            reply(lines);
        }

        /** Cuts the connection. */
        void cut() throws IOException {
            socket.close();
        }
    }
}
