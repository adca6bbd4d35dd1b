package io.github.camelsmtpsystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Postfix {@code smtpd} as a real submission server: its own configuration, queue, log and mailboxes in a temp
 * directory, listening on a free loopback port, with STARTTLS (the test certificate for localhost), AUTH PLAIN and
 * LOGIN against a sasldb (user {@link #USER}), and delivery by {@code virtual} to one maildir per mailbox. Its master
 * process runs in the foreground and is stopped by its PID. CI installs the packages (.ci/run); elsewhere the tests that
 * need it are skipped when it is missing, or when not run as root (the master starts as root and drops to postfix).
 */
public final class Postfix implements AutoCloseable {

    public static final String USER = "mailer";
    public static final String PASSWORD = "pw-for-postfix";
    /** The mailboxes the server delivers to; any other recipient at example.com is refused (550). */
    public static final List<String> MAILBOXES = List.of(
            "to@example.com",
            "cc@example.com",
            "åse@example.com",
            "to@xn--exmple-cua.com",
            "bcc@example.com",
            "bounces@example.com");

    private static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    private static final Path SASLPASSWD = Path.of("/usr/sbin/saslpasswd2");

    private final Path dir;
    private final int port;
    private Process master;

    private Postfix(List<String> settings) throws Exception {
        dir = Files.createTempDirectory("postfix-");
        port = LocalServers.freePort();
        run(List.of(
                "sh",
                LocalServers.resource("postfix/setup.sh").toString(),
                dir.toString(),
                Integer.toString(port),
                USER,
                PASSWORD,
                LocalServers.resource("tls/localhost-cert.pem").toString(),
                LocalServers.resource("tls/localhost-key.pem").toString()));
        Path etc = dir.resolve("etc");
        Files.writeString(etc.resolve("main.cf"), withSettings(Files.readString(etc.resolve("main.cf")), settings));
        Files.writeString(etc.resolve("mailboxes"), mailboxes(), StandardCharsets.UTF_8);
        try {
            master = LocalServers.startListening(
                    List.of(MASTER.toString(), "-c", etc.toString(), "-d"),
                    dir.resolve("master.out"),
                    port,
                    "Postfix",
                    this::log);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts a server; {@code settings} are more {@code main.cf} lines, for instance
     * {@code "smtpd_discard_ehlo_keywords = chunking"}.
     */
    public static Postfix start(String... settings) throws Exception {
        assumeAvailable();
        return new Postfix(List.of(settings));
    }

    /**
     * Starts a server as Sesam's default system meets one: a port-25-style relay for loopback clients, without TLS and
     * without AUTH (mynetworks may send to the mailboxes); it still offers PIPELINING, 8BITMIME, CHUNKING and SMTPUTF8.
     * {@code settings} are more {@code main.cf} lines.
     */
    public static Postfix startRelay(String... settings) throws Exception {
        List<String> all = new java.util.ArrayList<>(RELAY);
        all.addAll(List.of(settings));
        return start(all.toArray(String[]::new));
    }

    /** The {@code main.cf} lines that let a client authenticate without STARTTLS (AUTH over loopback plain text). */
    public static final String AUTH_WITHOUT_TLS = "smtpd_tls_auth_only = no";

    /** The {@code main.cf} line for implicit TLS (TLS from the first byte, as on port 465). */
    public static final String IMPLICIT_TLS = "smtpd_tls_wrappermode = yes";

    private static final List<String> RELAY = List.of(
            "smtpd_tls_security_level = none",
            "smtpd_sasl_auth_enable = no",
            "mynetworks = 127.0.0.0/8",
            "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
            "smtpd_recipient_restrictions = permit_mynetworks, reject");

    public int port() {
        return port;
    }

    /** The server's log, {@code maillog_file}. */
    public List<String> log() {
        try {
            Path log = dir.resolve("postfix.log");
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code disconnect from} lines of the log, one per SMTP session, with how many of each command the client sent
     * and how many succeeded: {@code ehlo=2 starttls=1 auth=0/1 commands=3/4}. The start-up check's connection, which
     * sends nothing, is left out.
     */
    public List<String> sessions() {
        return log().stream()
                .filter(line -> line.contains("smtpd[") && line.contains(" disconnect from "))
                .filter(line -> !line.endsWith(" commands=0/0"))
                .toList();
    }

    /** Waits until {@code count} sessions have ended (the server logs a session's end after the client has gone). */
    public List<String> awaitSessions(int count) {
        await(count + " SMTP sessions ended")
                .atMost(Duration.ofSeconds(20))
                .until(() -> sessions().size() >= count);
        return sessions();
    }

    /** The raw messages delivered to {@code mailbox}, oldest first. */
    public List<String> delivered(String mailbox) {
        return LocalServers.maildirMessages(dir.resolve("mail")
                .resolve(mailbox.substring(mailbox.indexOf('@') + 1))
                .resolve(mailbox.substring(0, mailbox.indexOf('@')))
                .resolve("new"));
    }

    /** Waits until {@code mailbox} holds {@code count} messages (delivery is asynchronous after the 250). */
    public List<String> awaitDelivered(String mailbox, int count) {
        await(count + " mails in " + mailbox)
                .atMost(Duration.ofSeconds(20))
                .until(() -> delivered(mailbox).size() >= count);
        return delivered(mailbox);
    }

    @Override
    public void close() throws Exception {
        // SIGTERM: the master stops its children and exits
        LocalServers.stop(master, dir);
    }

    /**
     * {@code mainCf} with {@code settings} in place of the lines that set the same parameters. Appended as they were,
     * every Postfix process logged an "overriding earlier entry" warning per setting at its start; with Linux's queue
     * of 10 datagrams on the log socket, postlogd could block on its own warnings and every daemon with it, so that
     * smtpd accepted connections and never greeted.
     */
    static String withSettings(String mainCf, List<String> settings) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String setting : settings) {
            names.add(setting.split("=", 2)[0].strip());
        }
        StringBuilder out = new StringBuilder();
        boolean dropping = false;
        for (String line : mainCf.split("\n", -1)) {
            boolean continuation = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
            if (!continuation) {
                dropping = line.contains("=") && names.contains(line.split("=", 2)[0].strip());
            }
            if (!dropping) {
                out.append(line).append('\n');
            }
        }
        String kept = out.toString().stripTrailing() + "\n";
        return kept + String.join("\n", settings) + "\n";
    }

    private static String mailboxes() {
        StringBuilder map = new StringBuilder();
        for (String mailbox : MAILBOXES) {
            int at = mailbox.indexOf('@');
            map.append(mailbox)
                    .append(' ')
                    .append(mailbox, at + 1, mailbox.length())
                    .append('/')
                    .append(mailbox, 0, at)
                    .append("/\n");
        }
        return map.toString();
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assumeAvailable() {
        boolean installed = Files.isExecutable(MASTER) && Files.isExecutable(SASLPASSWD);
        boolean root = "root".equals(System.getProperty("user.name"));
        InstalledServer.require(
                installed, "Postfix is not installed (apt-get install -y postfix sasl2-bin libsasl2-modules)");
        InstalledServer.require(
                root, "Postfix tests run as root: its master process starts as root and drops to the postfix user");
    }
}
