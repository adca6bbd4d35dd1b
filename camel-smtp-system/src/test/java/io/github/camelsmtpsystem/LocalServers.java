package io.github.camelsmtpsystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** What the tests' own server processes (Postfix, Exim, Redis, ...) share: ports, files, stopping. */
public final class LocalServers {

    private LocalServers() {}

    /** A loopback port no server listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a server accepts connections on the loopback {@code port}. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts {@code command} with its output in {@code output}, and waits until it listens on {@code port}.
     *
     * @param log what the server logged, for the failure when it exits instead
     */
    public static Process startListening(List<String> command, Path output, int port, String name, Supplier<Object> log)
            throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await(name + " listening on " + port)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || accepts(port));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " did not start: " + Files.readString(output) + log.get());
        }
        return process;
    }

    /** A test resource as a file. */
    public static Path resource(String name) {
        try {
            return Path.of(LocalServers.class.getClassLoader().getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("No test resource " + name, e);
        }
    }

    /** The messages in a maildir's {@code new} directory, oldest first; none when it does not exist yet. */
    public static List<String> maildirMessages(Path newDirectory) {
        if (!Files.isDirectory(newDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(newDirectory)) {
            return files.sorted(Comparator.comparing(Path::getFileName))
                    .map(LocalServers::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a server by its PID (SIGTERM, then SIGKILL after 20 s) and deletes its directory. */
    public static void stop(Process process, Path directory) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
