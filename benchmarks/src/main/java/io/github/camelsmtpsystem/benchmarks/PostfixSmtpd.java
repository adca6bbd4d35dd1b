package io.github.camelsmtpsystem.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Postfix {@code smtpd} as users meet it on a submission port: STARTTLS (the test certificate for
 * {@code localhost}), AUTH against a sasldb, PIPELINING, CHUNKING, 8BITMIME and SMTPUTF8; accepted mails are queued
 * and thrown away by the {@code discard} transport. Its configuration is the component's test configuration
 * ({@code camel-smtp-system/src/test/resources/postfix}) with relaying to example.com instead of mailboxes; it runs
 * from a temp directory on a free loopback port, as root (the master drops to the postfix user), and is stopped by PID.
 * It counts the mails its {@code cleanup} queued, from its log.
 */
final class PostfixSmtpd implements SmtpServer {

    static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    static final Path SASLPASSWD = Path.of("/usr/sbin/saslpasswd2");
    private static final String CONFIG = "camel-smtp-system/src/test/resources/postfix/";
    private static final String[] QUEUES = { "active", "bounce", "corrupt", "defer", "deferred", "flush", "hold",
                                             "incoming", "private", "saved", "trace" };

    private final Path dir;
    private final int port;
    private final Process master;
    private BufferedReader log;
    private long received;

    private PostfixSmtpd() throws IOException {
        dir = Files.createTempDirectory("smtp-bench-postfix");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        port = ServerProcess.freePort();
        Path etc = dir.resolve("etc");
        Files.createDirectories(etc.resolve("sasl"));
        String main = template("main.cf").replace("@POSTFIX_UID@", id("-u")).replace("@POSTFIX_GID@", id("-g"))
                      // later lines win: relay example.com to the discard transport, no mailboxes
                      + String.join("\n", "", "virtual_mailbox_domains =", "relay_domains = example.com",
                              "relay_transport = discard:", "default_transport = discard:", "");
        Files.writeString(etc.resolve("main.cf"), main);
        Files.writeString(etc.resolve("master.cf"), template("master.cf").replace("@PORT@", Integer.toString(port)));
        Files.writeString(etc.resolve("sasl/smtpd.conf"), template("smtpd.conf"));
        Files.writeString(etc.resolve("mailboxes"), "");
        Files.copy(Servers.projectFile(Servers.TLS_DIR + "/localhost-cert.pem"), etc.resolve("cert.pem"));
        Files.copy(Servers.projectFile(Servers.TLS_DIR + "/localhost-key.pem"), etc.resolve("key.pem"));
        makeQueue();
        run(List.of(SASLPASSWD.toString(), "-p", "-c", "-f", dir.resolve("sasldb2").toString(), "-u", "example.com", USER), PASSWORD);
        own(dir.resolve("sasldb2"), "postfix", null);
        master = new ProcessBuilder(MASTER.toString(), "-c", etc.toString(), "-d").redirectErrorStream(true)
                .redirectOutput(dir.resolve("master.out").toFile()).start();
    }

    /** Starts it, or says why it cannot (not installed, not root). */
    static PostfixSmtpd start() throws IOException {
        if (!Files.isExecutable(MASTER) || !Files.isExecutable(SASLPASSWD)) {
            throw new IOException("Postfix smtpd with SASL not found: apt-get install -y postfix sasl2-bin libsasl2-modules");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IOException("Postfix's master runs as root (it drops to the postfix user): run the postfix profiles as root");
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
        return "Debian's Postfix smtpd (STARTTLS, AUTH via Cyrus SASL, PIPELINING and CHUNKING offered; queued, then discarded) on localhost:" + port;
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

    private String template(String name) throws IOException {
        return Files.readString(Servers.projectFile(CONFIG + name)).replace("@DIR@", dir.toString());
    }

    private void makeQueue() throws IOException {
        Path queue = Files.createDirectories(dir.resolve("queue"));
        for (String name : QUEUES) {
            Path q = Files.createDirectories(queue.resolve(name));
            Files.setPosixFilePermissions(q, PosixFilePermissions.fromString("rwx------"));
            own(q, "postfix", null);
        }
        Path publicDir = Files.createDirectories(queue.resolve("public"));
        Files.setPosixFilePermissions(publicDir, PosixFilePermissions.fromString("rwx--x---"));
        own(publicDir, "postfix", "postdrop");
        Path maildrop = Files.createDirectories(queue.resolve("maildrop"));
        Files.setPosixFilePermissions(maildrop, PosixFilePermissions.fromString("rwx-wx---"));
        own(maildrop, "postfix", "postdrop");
        Files.createDirectories(queue.resolve("pid"));
        own(Files.createDirectories(dir.resolve("data")), "postfix", null);
        own(Files.createDirectories(dir.resolve("mail")), "postfix", null);
    }

    private static void own(Path path, String user, String group) throws IOException {
        UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(names.lookupPrincipalByName(user));
        if (group != null) {
            view.setGroup(names.lookupPrincipalByGroupName(group));
        }
    }

    private static String id(String option) throws IOException {
        return run(List.of("id", option, "postfix"), null).strip();
    }

    private static String run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write((input + "\n").getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
