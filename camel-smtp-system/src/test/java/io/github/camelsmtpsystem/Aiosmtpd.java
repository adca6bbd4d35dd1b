package io.github.camelsmtpsystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server from Debian's python3-aiosmtpd ({@code src/test/resources/aiosmtpd/smtp_server.py}), which
 * tests configure to offer STARTTLS, require AUTH, or answer 4xx/5xx. CI installs the package; elsewhere the tests
 * that need it are skipped when it is missing.
 */
final class Aiosmtpd implements AutoCloseable {

    /** Debian's interpreter: the package installs for it, not for another python3 that may come first on PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final int port;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger openConnections = new AtomicInteger();

    private Aiosmtpd(int port, List<String> options) throws Exception {
        this.port = port;
        List<String> command = new ArrayList<>(List.of(PYTHON, script(), "--port", Integer.toString(port)));
        command.addAll(options);
        this.process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(ready), "aiosmtpd-" + port);
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aiosmtpd did not start: " + command);
        }
    }

    /** Starts a server with {@code smtp_server.py}'s options, for instance {@code --fail-data 2}. */
    static Aiosmtpd start(String... options) throws Exception {
        assumeAvailable();
        return new Aiosmtpd(LocalServers.freePort(), List.of(options));
    }

    /** Starts a server on a given port: where one ran before, to stand for a server that restarted. */
    static Aiosmtpd startOn(int port, String... options) throws Exception {
        assumeAvailable();
        return new Aiosmtpd(port, List.of(options));
    }

    /** The options that make the server offer STARTTLS (and require it) with the test certificate for localhost. */
    static String[] starttls() {
        return new String[] {"--starttls", resource("tls/localhost-cert.pem"), resource("tls/localhost-key.pem")};
    }

    int port() {
        return port;
    }

    /** One line per accepted mail: {@code "<from> <to,to>"}. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** How many SMTP sessions (EHLO greetings, one per connection, after STARTTLS two) the server has seen. */
    int sessions() {
        return sessions.size();
    }

    /** How many clients are connected now, as the server saw them connect and go. */
    int openConnections() {
        return openConnections.get();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void read(CountDownLatch ready) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("READY")) {
                    ready.countDown();
                } else if (line.equals("OPEN")) {
                    openConnections.incrementAndGet();
                } else if (line.equals("CLOSED")) {
                    openConnections.decrementAndGet();
                } else if (line.startsWith("SESSION ")) {
                    sessions.add(line);
                } else if (line.startsWith("RECEIVED ")) {
                    received.add(line.substring("RECEIVED ".length()));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static void assumeAvailable() throws Exception {
        boolean available =
                new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").start().waitFor() == 0;
        InstalledServer.require(
                available,
                "python3-aiosmtpd is not installed for " + PYTHON + " (apt-get install -y python3-aiosmtpd)");
    }

    private static String script() {
        return resource("aiosmtpd/smtp_server.py");
    }

    private static String resource(String name) {
        try {
            return Path.of(Aiosmtpd.class.getClassLoader().getResource(name).toURI())
                    .toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
