package io.github.camelsmtpsystem.internal.cap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.camelsmtpsystem.InstalledServer;
import io.github.camelsmtpsystem.LocalServers;

import static org.awaitility.Awaitility.await;

/**
 * Debian's redis-server on a free loopback port, in a directory of its own, stopped by its PID. It writes every
 * change to its append-only file before it answers, so a restart finds the budgets where they were.
 */
final class RedisServer implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final Path directory;
    private final int port;
    private final String password;
    private Process process;

    private RedisServer(Path directory, int port, String password) {
        this.directory = directory;
        this.port = port;
        this.password = password;
    }

    /** Starts a server that requires {@code password}. Skipped where redis-server is missing, failed on CI. */
    static RedisServer start(Path directory, String password) throws IOException {
        InstalledServer.require(
                Files.isExecutable(SERVER), "redis-server is not installed (apt-get install -y redis-server)");
        RedisServer server = new RedisServer(directory, LocalServers.freePort(), password);
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    void start() throws IOException {
        process = new ProcessBuilder(List.of(
                        SERVER.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        directory.toString(),
                        "--appendonly",
                        "yes",
                        "--appendfsync",
                        "always",
                        "--save",
                        "",
                        "--requirepass",
                        password,
                        "--daemonize",
                        "no",
                        "--logfile",
                        directory.resolve("redis.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(20)).until(() -> LocalServers.accepts(port));
    }

    /** SIGTERM: Redis stops, keeping its data. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
