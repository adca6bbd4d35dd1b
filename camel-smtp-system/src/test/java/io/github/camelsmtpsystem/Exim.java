package io.github.camelsmtpsystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A private Debian Exim 4 on a free loopback port, from a temp directory: STARTTLS with the test certificate, AUTH
 * PLAIN/LOGIN after STARTTLS, PIPELINING, CHUNKING, 8BITMIME and SMTPUTF8 offered, delivery to maildirs. Debian's
 * exim4 and postfix packages conflict, so .ci/run unpacks {@code exim4-daemon-light} (without installing it) to
 * {@code /opt/exim4}; the binary runs in the foreground as root with this configuration, and is stopped by its PID.
 */
public final class Exim implements AutoCloseable {

    public static final String USER = "mailer";
    public static final String PASSWORD = "pw-for-exim";

    private static final Path BINARY = Path.of(System.getProperty("exim.binary", "/opt/exim4/usr/sbin/exim4"));

    private final Path dir;
    private final int port;
    private Process daemon;

    /** The setting that lets a client send without AUTH (as to a port-25 relay). */
    public static final String NO_AUTH_REQUIRED = "NO_AUTH_REQUIRED = yes";
    /** The setting that offers AUTH without STARTTLS (plain text over loopback). */
    public static final String AUTH_WITHOUT_TLS = "AUTH_WITHOUT_TLS = yes";
    /** The setting for implicit TLS (TLS from the first byte, as on port 465) on the server's port. */
    public static final String IMPLICIT_TLS = "tls_on_connect_ports = @PORT@";
    /** The setting that stops offering CHUNKING. */
    public static final String NO_CHUNKING = "chunking_advertise_hosts =";
    /** The setting that stops offering PIPELINING. */
    public static final String NO_PIPELINING = "pipelining_advertise_hosts =";

    private Exim(List<String> settings) throws Exception {
        dir = Files.createTempDirectory("exim-");
        port = LocalServers.freePort();
        // Exim's own user writes the spool and log, nobody the maildirs
        for (String sub : List.of("", "spool", "log", "mail")) {
            Path d = Files.createDirectories(dir.resolve(sub));
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.copy(LocalServers.resource("tls/localhost-cert.pem"), dir.resolve("cert.pem"));
        Files.copy(LocalServers.resource("tls/localhost-key.pem"), dir.resolve("key.pem"));
        String config = Files.readString(LocalServers.resource("exim/exim.conf"), StandardCharsets.UTF_8)
                .replace("@DIR@", dir.toString())
                .replace("@EXIM@", BINARY.toString())
                .replace("@USER@", USER)
                .replace("@PASSWORD@", PASSWORD)
                .replace("@SETTINGS@", String.join("\n", settings))
                .replace("@PORT@", Integer.toString(port));
        Path conf = dir.resolve("exim.conf");
        Files.writeString(conf, config, StandardCharsets.UTF_8);
        try {
            daemon = LocalServers.startListening(
                    List.of(
                            BINARY.toString(),
                            "-C",
                            conf.toString(),
                            "-bdf",
                            "-oX",
                            Integer.toString(port),
                            "-oP",
                            dir.resolve("exim.pid").toString()),
                    dir.resolve("daemon.out"),
                    port,
                    "Exim",
                    this::log);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a server; skips the test where Exim is not unpacked (fails it on CI). */
    public static Exim start() throws Exception {
        return start(new String[0]);
    }

    /**
     * Starts a server with more main-section {@code settings} (lines of {@code exim.conf}, macros among them: see
     * {@link #NO_AUTH_REQUIRED}); {@code @PORT@} in them is the server's port.
     */
    public static Exim start(String... settings) throws Exception {
        InstalledServer.require(
                Files.isExecutable(BINARY) && userExists("Debian-exim"),
                "Exim is not unpacked at " + BINARY + " (see .ci/run: apt-get download exim4-daemon-light, dpkg -x "
                        + "into /opt/exim4, apt-get install -y libidn12, useradd --system Debian-exim)");
        InstalledServer.require(
                "root".equals(System.getProperty("user.name")), "Exim tests run as root, as Exim's daemon does");
        return new Exim(List.of(settings));
    }

    public int port() {
        return port;
    }

    /** The main log, and the panic log if Exim wrote one. */
    public List<String> log() {
        List<String> lines = new ArrayList<>();
        // the reject log repeats what the main log says of rejections
        for (String name : List.of("mainlog", "paniclog")) {
            Path file = dir.resolve("log").resolve(name);
            try {
                if (Files.exists(file)) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** The raw messages delivered to {@code mailbox} (a local part at example.com), oldest first. */
    public List<String> delivered(String mailbox) {
        return LocalServers.maildirMessages(dir.resolve("mail")
                .resolve(mailbox.substring(0, mailbox.indexOf('@')))
                .resolve("new"));
    }

    /** Waits until {@code mailbox} holds {@code count} messages (delivery follows the 250 in another process). */
    public List<String> awaitDelivered(String mailbox, int count) {
        await(count + " mails in " + mailbox + " (log: " + log() + ")")
                .atMost(Duration.ofSeconds(20))
                .until(() -> delivered(mailbox).size() >= count);
        return delivered(mailbox);
    }

    @Override
    public void close() throws Exception {
        LocalServers.stop(daemon, dir);
    }

    private static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
