package io.github.camelsmtpsystem.internal.cap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.camelsmtpsystem.InstalledServer;
import io.github.camelsmtpsystem.LocalServers;

import static org.awaitility.Awaitility.await;

/**
 * Debian's PostgreSQL, initialised in a directory of its own and listening on a free loopback port, stopped by its PID
 * (SIGINT: a fast shutdown that keeps the data). PostgreSQL refuses to run as root: as root the test runs it as the
 * package's {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "cap";

    private final Path bin;
    private final Path data;
    private final int port;
    private Process process;

    private PostgresServer(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Initialises a cluster in {@code directory} and starts it. Skipped where PostgreSQL is missing, failed on CI. */
    static PostgresServer start(Path directory) throws Exception {
        Optional<Path> bin = installed();
        InstalledServer.require(bin.isPresent(), "PostgreSQL is not installed (apt-get install -y postgresql)");
        Path data = directory.resolve("pg");
        Files.createDirectories(data);
        if (isRoot()) {
            UserPrincipal postgres =
                    data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setOwner(data, postgres);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        PostgresServer server = new PostgresServer(bin.get(), data, LocalServers.freePort());
        Process initdb = new ProcessBuilder(server.command(
                        "initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("initdb.log").toFile())
                .start();
        if (initdb.waitFor() != 0) {
            throw new IllegalStateException("initdb failed: " + Files.readString(directory.resolve("initdb.log")));
        }
        server.start();
        return server;
    }

    /** The JDBC URL of the database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException {
        process = new ProcessBuilder(command(
                        "postgres",
                        "-D",
                        data.toString(),
                        "-p",
                        Integer.toString(port),
                        "-h",
                        "127.0.0.1",
                        "-c",
                        "unix_socket_directories=",
                        "-c",
                        "fsync=off",
                        "-c",
                        "max_connections=60"))
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling("postgres.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).until(this::answers);
    }

    /** A fast shutdown: open sessions are ended, the data is kept. */
    void stop() throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        process.waitFor();
    }

    private boolean answers() {
        try (Connection connection = DriverManager.getConnection(url(), USER, "")) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            // setpriv execs the program, so the process we hold is postgres itself and its PID the one to signal
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static Optional<Path> installed() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
