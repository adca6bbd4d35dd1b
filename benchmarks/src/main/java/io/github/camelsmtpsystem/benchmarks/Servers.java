package io.github.camelsmtpsystem.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Starts the SMTP servers of the profiles: Postfix's {@code smtp-sink} for plain SMTP, {@code stunnel} (implicit TLS)
 * in front of the project's aiosmtpd script (AUTH) for TLS with AUTH, and GreenMail in this JVM when those are not
 * installed. The harness installs nothing; benchmarks/README.md says which Debian packages to install.
 */
final class Servers {

    static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");
    /** Debian's python3-aiosmtpd installs for this interpreter, which need not be the first python3 on PATH. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The benchmark's own test certificate for localhost (see its README). */
    static final String TLS_DIR = "benchmarks/tls";

    static final String AIOSMTPD_SCRIPT = "camel-smtp-system/src/test/resources/aiosmtpd/smtp_server.py";

    private static final String GREENMAIL_EHLO =
            "; GreenMail writes its EHLO reply line by line, which on loopback costs each new "
                    + "connection a 40 ms delayed ACK, so clients that connect per message measure mostly that";

    private Servers() {}

    /**
     * Plain SMTP, no AUTH: smtp-sink, else GreenMail.
     *
     * @param greenMail use GreenMail whatever is installed
     * @param notes     gets a line saying what was used instead of what, when falling back
     */
    static SmtpServer plain(boolean greenMail, List<String> notes) throws IOException {
        if (!greenMail) {
            if (Files.isExecutable(SMTP_SINK)) {
                return startSmtpSink();
            }
            notes.add("plain SMTP: " + SMTP_SINK
                    + " not found (apt-get install -y postfix): fell back to GreenMail in this JVM, "
                    + "which shares the CPU with the clients" + GREENMAIL_EHLO);
        }
        return new GreenMailServer(false);
    }

    /**
     * Implicit TLS with AUTH: stunnel in front of aiosmtpd, else GreenMail SMTPS.
     *
     * @param greenMail use GreenMail whatever is installed
     * @param notes     gets a line saying what was used instead of what, when falling back
     */
    static SmtpServer tlsWithAuth(boolean greenMail, List<String> notes) throws IOException {
        if (!greenMail) {
            Optional<Path> stunnel = onPath("stunnel4").or(() -> onPath("stunnel"));
            List<String> missing = new ArrayList<>();
            if (stunnel.isEmpty()) {
                missing.add("stunnel (apt-get install -y stunnel4)");
            }
            if (!hasAiosmtpd()) {
                missing.add("aiosmtpd for " + PYTHON + " (apt-get install -y python3-aiosmtpd)");
            }
            if (missing.isEmpty()) {
                LocalServer backend = startAiosmtpd();
                try {
                    return Stunnel.start(stunnel.get(), backend);
                } catch (IOException | RuntimeException e) {
                    backend.close();
                    throw e;
                }
            }
            notes.add("TLS with AUTH: " + String.join(" and ", missing)
                    + " not found: fell back to GreenMail SMTPS in this JVM, " + "which shares the CPU with the clients"
                    + GREENMAIL_EHLO);
        }
        return new GreenMailServer(true);
    }

    /** A file of the project, found from the working directory (the project's root, or one of its modules). */
    static Path projectFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "Cannot find " + relative + " from " + Path.of("").toAbsolutePath()
                        + ". Run the benchmark from the project's root, as benchmarks/README.md says.");
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean hasAiosmtpd() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd")
                    .redirectErrorStream(true)
                    .start();
            check.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return check.waitFor(20, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A server process on 127.0.0.1 that speaks plain SMTP: Postfix's smtp-sink or the project's aiosmtpd script.
     *
     * @param stopsOnEndOfInput whether it stops by itself when its input ends (aiosmtpd), see {@link ServerProcess}
     */
    record LocalServer(ServerProcess process, int port, String description, boolean auth, boolean stopsOnEndOfInput)
            implements SmtpServer {

        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public boolean implicitTls() {
            return false;
        }

        @Override
        public long received() {
            return process.received();
        }

        @Override
        public void close() {
            process.close(stopsOnEndOfInput);
        }
    }

    /** Postfix's smtp-sink: throws every message away, counts them ({@code -c}), accepts no AUTH that Angus takes. */
    static LocalServer startSmtpSink() throws IOException {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(SMTP_SINK.toString(), "-c"));
        if ("root".equals(System.getProperty("user.name"))) {
            // smtp-sink refuses to run as root without a user to switch to once it listens
            command.addAll(List.of("-u", "nobody"));
        }
        // at most 1024 connections at once (the default 256 is plenty too), backlog 1024
        command.addAll(List.of("-m", "1024", "127.0.0.1:" + port, "1024"));
        // its counters (a line per message) go to a file: read from a pipe, each message would wake a thread of the
        // measured JVM
        ServerProcess process = ServerProcess.writingTo(
                Files.createTempFile("smtp-sink", ".out"), "smtp-sink", command, ServerProcess::smtpSinkCount);
        process.awaitReady(port);
        return new LocalServer(process, port, "Postfix smtp-sink on 127.0.0.1:" + port, false, false);
    }

    /**
     * The project's aiosmtpd test server with AUTH (LOGIN and PLAIN) required and no TLS of its own, offering PIPELINING
     * as Postfix, Exchange and the large mail services do (aiosmtpd reads pipelined commands in turn).
     */
    static LocalServer startAiosmtpd() throws IOException {
        int port = ServerProcess.freePort();
        ServerProcess process = new ServerProcess(
                "aiosmtpd",
                List.of(
                        PYTHON.toString(),
                        "-W",
                        "ignore",
                        projectFile(AIOSMTPD_SCRIPT).toString(),
                        "--port",
                        Integer.toString(port),
                        "--auth",
                        SmtpServer.USER + ":" + SmtpServer.PASSWORD,
                        "--pipelining"),
                "READY",
                ServerProcess::oneLinePerMessage);
        process.awaitReady(port);
        return new LocalServer(
                process, port, "aiosmtpd (AUTH required, PIPELINING offered) on 127.0.0.1:" + port, true, true);
    }

    /** stunnel: implicit TLS with the test certificate for {@code localhost}, in front of another server. */
    static final class Stunnel implements SmtpServer {
        private final ServerProcess process;
        private final SmtpServer backend;
        private final int port;
        private final Path dir;

        private Stunnel(ServerProcess process, SmtpServer backend, int port, Path dir) {
            this.process = process;
            this.backend = backend;
            this.port = port;
            this.dir = dir;
        }

        static Stunnel start(Path stunnel, SmtpServer backend) throws IOException {
            int port = ServerProcess.freePort();
            Path dir = Files.createTempDirectory("smtp-bench-stunnel");
            // stunnel warns about a key others can read: give it a private copy
            Path cert = Files.copy(projectFile(TLS_DIR + "/localhost-cert.pem"), dir.resolve("cert.pem"));
            Path key = Files.copy(projectFile(TLS_DIR + "/localhost-key.pem"), dir.resolve("key.pem"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Path config = dir.resolve("stunnel.conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "foreground = yes",
                            "pid =",
                            "debug = 3",
                            "[smtps]",
                            "accept = 127.0.0.1:" + port,
                            "connect = " + backend.host() + ":" + backend.port(),
                            "cert = " + cert,
                            "key = " + key,
                            // no Nagle delays on either side: SMTP is many small request/reply pairs
                            "socket = l:TCP_NODELAY=1",
                            "socket = r:TCP_NODELAY=1",
                            ""));
            ServerProcess process = new ServerProcess(
                    "stunnel", List.of(stunnel.toString(), config.toString()), null, ServerProcess::noCount);
            process.awaitReady(port);
            return new Stunnel(process, backend, port, dir);
        }

        @Override
        public String description() {
            return "stunnel (implicit TLS) on localhost:" + port + " in front of " + backend.description();
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
            return true;
        }

        @Override
        public boolean auth() {
            return backend.auth();
        }

        @Override
        public long received() {
            return backend.received();
        }

        @Override
        public void close() {
            process.close();
            backend.close();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a temporary directory
            }
        }
    }

    /** GreenMail in this JVM: plain SMTP, or SMTPS (the test certificate) with AUTH. */
    static final class GreenMailServer implements SmtpServer {
        private final GreenMail greenMail;
        private final boolean tls;
        private long purged;

        GreenMailServer(boolean tls) throws IOException {
            this.tls = tls;
            if (tls) {
                System.setProperty(
                        "greenmail.tls.keystore.file",
                        projectFile(TLS_DIR + "/localhost.p12").toString());
                System.setProperty("greenmail.tls.keystore.password", "changeit");
                System.setProperty("greenmail.tls.key.password", "changeit");
            }
            greenMail = new GreenMail(new ServerSetup(
                    ServerProcess.freePort(),
                    "127.0.0.1",
                    tls ? ServerSetup.PROTOCOL_SMTPS : ServerSetup.PROTOCOL_SMTP));
            if (tls) {
                greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
            }
            greenMail.start();
        }

        @Override
        public String description() {
            return "GreenMail " + (tls ? "SMTPS with AUTH" : "SMTP") + " in this JVM on 127.0.0.1:" + port();
        }

        @Override
        public String host() {
            return tls ? "localhost" : "127.0.0.1";
        }

        @Override
        public int port() {
            return tls ? greenMail.getSmtps().getPort() : greenMail.getSmtp().getPort();
        }

        @Override
        public boolean implicitTls() {
            return tls;
        }

        @Override
        public boolean auth() {
            return tls;
        }

        /** Counts the stored messages and drops them, so that memory stays flat over many rounds. */
        @Override
        public synchronized long received() {
            MimeMessage[] messages = greenMail.getReceivedMessages();
            if (messages.length > 0) {
                try {
                    greenMail.purgeEmailFromAllMailboxes();
                } catch (FolderException e) {
                    throw new IllegalStateException(
                            "GreenMail cannot drop the messages it received: " + e.getMessage(), e);
                }
                purged += messages.length;
            }
            return purged;
        }

        @Override
        public void close() {
            greenMail.stop();
        }
    }
}
