package io.github.camelsmtpsystem.oauth2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelsmtpsystem.InstalledServer;
import io.github.camelsmtpsystem.LocalServers;

import static org.awaitility.Awaitility.await;

/**
 * A real OAuth2 token endpoint (Debian's python3-oauthlib) and a real SMTP server (python3-aiosmtpd) that accepts
 * AUTH XOAUTH2 only with a valid token from that endpoint: {@code src/test/resources/oauth2/oauth2_smtp_server.py}.
 * Each instance runs on free loopback ports and stops when closed. CI installs both packages; elsewhere the tests
 * that need them are skipped when one is missing.
 */
public final class OAuth2Servers implements AutoCloseable {

    /** Debian's interpreter: the packages install for it, not for another python3 that may come first on PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    public static final String CLIENT_ID = "smtp-app";
    public static final String MAILBOX = "noreply@example.com";

    private final Process process;
    private final Writer commands;
    private final int smtpPort;
    private final int tokenPort;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final boolean tls;

    private OAuth2Servers(List<String> options) throws Exception {
        this.tls = options.contains("--token-tls");
        this.smtpPort = LocalServers.freePort();
        this.tokenPort = LocalServers.freePort();
        List<String> command = new ArrayList<>(List.of(
                PYTHON,
                script(),
                "--smtp-port",
                Integer.toString(smtpPort),
                "--token-port",
                Integer.toString(tokenPort),
                "--client-id",
                CLIENT_ID,
                "--user",
                MAILBOX));
        command.addAll(options);
        this.process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(ready), "oauth2-servers-" + smtpPort);
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("The OAuth2 and SMTP servers did not start: " + command);
        }
    }

    /**
     * Starts both servers.
     *
     * @param clientSecret the client's secret at the token endpoint
     * @param options      more of the script's options: {@code --refresh-token T}, {@code --expires-in S},
     *                     {@code --reject-535}, {@code --token-tls CERT KEY} (see {@link #tokenTls()})
     */
    public static OAuth2Servers start(String clientSecret, String... options) throws Exception {
        assumeAvailable();
        List<String> all = new ArrayList<>(List.of("--client-secret", clientSecret));
        all.addAll(List.of(options));
        return new OAuth2Servers(all);
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** The token endpoint's address: https with the test certificate for localhost when started with {@link #tokenTls()}. */
    public String tokenUrl() {
        return tls ? "https://localhost:" + tokenPort + "/token" : "http://127.0.0.1:" + tokenPort + "/token";
    }

    /** The options that make the token endpoint speak https with the test certificate for localhost. */
    public static String[] tokenTls() {
        return new String[] {"--token-tls", resource("tls/localhost-cert.pem"), resource("tls/localhost-key.pem")};
    }

    /** Revokes every token issued so far: the SMTP server rejects them from now on. */
    public void revokeTokens() throws IOException {
        command("revoke");
    }

    /** Makes the next {@code count} token requests answer HTTP {@code status}. */
    public void failTokenRequests(int count, int status) throws IOException {
        command("fail " + count + " " + status);
    }

    /**
     * The events with this first word, without it: {@code TOKEN}, {@code AUTH-OK}, {@code RECEIVED}, ... The servers
     * print an event before they answer, so every event of a finished call is here.
     */
    public List<String> events(String kind) throws IOException {
        // the answer to a command comes after every event printed before it
        command("sync");
        return seen(kind);
    }

    private List<String> seen(String kind) {
        return events.stream()
                .filter(e -> e.startsWith(kind + " "))
                .map(e -> e.substring(kind.length() + 1))
                .toList();
    }

    /** The access tokens issued, in order. */
    public List<String> issuedTokens() throws IOException {
        return events("TOKEN").stream()
                .map(e -> e.substring(e.lastIndexOf(' ') + 1))
                .toList();
    }

    @Override
    public void close() throws Exception {
        commands.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void command(String line) throws IOException {
        int before = seen("DONE").size();
        commands.write(line + "\n");
        commands.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen("DONE").size() > before);
    }

    private void read(CountDownLatch ready) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    ready.countDown();
                } else {
                    events.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static void assumeAvailable() throws Exception {
        boolean available = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd, oauthlib")
                        .start()
                        .waitFor()
                == 0;
        InstalledServer.require(
                available,
                "python3-aiosmtpd or python3-oauthlib is not installed for " + PYTHON
                        + " (apt-get install -y python3-aiosmtpd python3-oauthlib)");
    }

    private static String script() {
        return resource("oauth2/oauth2_smtp_server.py");
    }

    /** A test resource as a file: a copy, since other modules find it inside this module's test jar. */
    private static String resource(String name) {
        try (InputStream in = OAuth2Servers.class.getClassLoader().getResourceAsStream(name)) {
            Path copy =
                    Files.createTempFile("oauth2-servers-", "-" + Path.of(name).getFileName());
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
