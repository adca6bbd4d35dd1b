package io.github.camelsmtpsystem.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Postfix {@code smtpd} as users meet it on a submission port: STARTTLS (the test certificate for
 * {@code localhost}), AUTH against a sasldb, PIPELINING, CHUNKING, 8BITMIME and SMTPUTF8; accepted mails are queued
 * and thrown away by the {@code discard} transport. Its configuration is the component's test configuration, made by
 * {@code camel-smtp-system/src/test/resources/postfix/setup.sh}, with relaying to example.com instead of mailboxes.
 * It runs from a temp directory on a free loopback port, as root (the master drops to the postfix user), and is
 * stopped by PID. It counts the mails its {@code cleanup} queued, from its log.
 */
final class PostfixSmtpd implements SmtpServer {

    static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    static final Path SASLPASSWD = Path.of("/usr/sbin/saslpasswd2");
    private static final String CONFIG = "camel-smtp-system/src/test/resources/postfix/";

    private final Path dir;
    private final int port;
    private final Process master;
    private BufferedReader log;
    private long received;

    private PostfixSmtpd() throws IOException {
        dir = Files.createTempDirectory("smtp-bench-postfix");
        port = ServerProcess.freePort();
        run(List.of(
                "sh",
                Servers.projectFile(CONFIG + "setup.sh").toString(),
                dir.toString(),
                Integer.toString(port),
                USER,
                PASSWORD,
                Servers.projectFile(Servers.TLS_DIR + "/localhost-cert.pem").toString(),
                Servers.projectFile(Servers.TLS_DIR + "/localhost-key.pem").toString()));
        Path etc = dir.resolve("etc");
        // later lines win: relay example.com to the discard transport, no mailboxes
        Files.writeString(
                etc.resolve("main.cf"),
                String.join(
                        "\n",
                        "virtual_mailbox_domains =",
                        "relay_domains = example.com",
                        "relay_transport = discard:",
                        "default_transport = discard:",
                        ""),
                StandardOpenOption.APPEND);
        master = new ProcessBuilder(MASTER.toString(), "-c", etc.toString(), "-d")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("master.out").toFile())
                .start();
    }

    /** Postfix cannot run here: not installed, or not as root. */
    static final class Unavailable extends IOException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Starts it, or says why it cannot. */
    static PostfixSmtpd start() throws IOException {
        if (!Files.isExecutable(MASTER) || !Files.isExecutable(SASLPASSWD)) {
            throw new Unavailable(
                    "Postfix smtpd with SASL not found: apt-get install -y postfix sasl2-bin libsasl2-modules");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new Unavailable("Postfix's master runs as root (it drops to the postfix user): "
                    + "run the postfix profiles as root");
        }
        PostfixSmtpd server = new PostfixSmtpd();
        try {
            server.awaitListening();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IOException("Postfix exited: " + Files.readString(dir.resolve("master.out")));
            }
            try (var socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                ServerProcess.sleep(50);
            }
        }
        throw new IOException("Postfix did not listen on 127.0.0.1:" + port + " within 30 s");
    }

    @Override
    public String description() {
        return "Debian's Postfix smtpd (STARTTLS, AUTH via Cyrus SASL, PIPELINING and CHUNKING offered; queued, then "
                + "discarded) on localhost:" + port;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean implicitTls() {
        return false;
    }

    @Override
    public boolean startTls() {
        return true;
    }

    @Override
    public boolean auth() {
        return true;
    }

    /** Reads the log lines written since the last call: one {@code cleanup ... message-id=} line per queued mail. */
    @Override
    public synchronized long received() {
        try {
            if (log == null) {
                Path file = dir.resolve("postfix.log");
                if (!Files.exists(file)) {
                    return received;
                }
                log = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            }
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                if (line.contains("postfix/cleanup[") && line.contains(": message-id=")) {
                    received++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Postfix's log: " + e.getMessage(), e);
        }
        return received;
    }

    @Override
    public void close() {
        try {
            if (master != null && master.isAlive()) {
                master.destroy();
                if (!master.waitFor(20, TimeUnit.SECONDS)) {
                    master.destroyForcibly().waitFor();
                }
            }
            if (log != null) {
                log.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            // a temporary directory
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
