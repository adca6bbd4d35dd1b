package io.github.camelsmtpsystem;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small SMTP server in the test's JVM that answers EHLO with the keywords it is given (as Sesam's default system, a
 * plain port-25 server, meets: PIPELINING, 8BITMIME, CHUNKING) and takes every mail, with DATA or BDAT. It keeps the
 * mails it took. For what a real server cannot be made to do on cue; loopback only, daemon threads, closed by
 * {@link #close()}.
 */
final class InJvmSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final List<String> keywords;
    private final List<String> mails = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private InJvmSmtpServer(List<String> keywords) throws IOException {
        this.keywords = keywords;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server whose EHLO reply offers {@code keywords}, for instance {@code "PIPELINING", "8BITMIME"}. */
    static InJvmSmtpServer start(String... keywords) throws IOException {
        return new InJvmSmtpServer(List.of(keywords));
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The mails taken whole, as received (after DATA's dot-unstuffing). */
    List<String> mails() {
        return List.copyOf(mails);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void accept() {
        for (int i = 0; i < 500; i++) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread session = new Thread(() -> serve(client), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            reply(out, "220 localhost scripted ESMTP");
            for (String line = line(in); line != null; line = line(in)) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    StringBuilder ehlo = new StringBuilder("250-localhost");
                    for (String keyword : keywords) {
                        ehlo.append("\r\n250-").append(keyword);
                    }
                    reply(out, ehlo.append("\r\n250 SIZE 52428800").toString());
                } else if (upper.startsWith("HELO")
                        || upper.startsWith("MAIL")
                        || upper.startsWith("RCPT")
                        || upper.startsWith("RSET")
                        || upper.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (upper.startsWith("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String mail = data(in);
                    if (mail == null) {
                        return;
                    }
                    mails.add(mail);
                    reply(out, "250 2.0.0 Ok: queued");
                } else if (upper.startsWith("BDAT")) {
                    String[] words = line.trim().split(" +");
                    int size = Integer.parseInt(words[1]);
                    byte[] chunk = in.readNBytes(size);
                    if (chunk.length < size) {
                        return;
                    }
                    chunks.write(chunk);
                    if (words.length > 2 && words[2].equalsIgnoreCase("LAST")) {
                        mails.add(chunks.toString(StandardCharsets.UTF_8));
                        chunks.reset();
                        reply(out, "250 2.0.0 Ok: queued");
                    } else {
                        reply(out, "250 2.0.0 Ok: " + chunk.length + " octets");
                    }
                } else if (upper.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went
        }
    }

    private static String data(InputStream in) throws IOException {
        StringBuilder mail = new StringBuilder();
        for (String line = line(in); line != null; line = line(in)) {
            if (line.equals(".")) {
                return mail.toString();
            }
            mail.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        // the connection ended inside the data: no mail
        return null;
    }

    /** A line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
