package io.github.camelsmtpsystem.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a shared hourly budget costs: {@code smtp-system:} with {@code capStore=memory} (the Throttle EIP alone) against
 * {@code capStore=redis://...} (a permit from Redis before each send: one Lua script call), same server, same mails,
 * the rounds alternating. Redis is Debian's redis-server, started on a free loopback port and stopped afterwards.
 */
final class CapStoreBench {

    /** Median msg/s of each store at one thread count. */
    record Row(int threads, int messages, double memory, double redis, boolean accounted) {}

    private static final Path REDIS = Path.of("/usr/bin/redis-server");

    private CapStoreBench() {}

    static boolean available() {
        return Files.isExecutable(REDIS);
    }

    static List<Row> measure(SmtpServer server, BenchOptions options, int maxPerHour) throws Exception {
        int port = ServerProcess.freePort();
        Path directory = Files.createTempDirectory("bench-redis");
        BenchClient.Target target =
                new BenchClient.Target(server.host(), server.port(), server.implicitTls(), server.auth());
        List<Row> rows = new ArrayList<>();
        try (ServerProcess redis = new ServerProcess(
                                "redis-server",
                                List.of(
                                        REDIS.toString(),
                                        "--port",
                                        Integer.toString(port),
                                        "--bind",
                                        "127.0.0.1",
                                        "--dir",
                                        directory.toString(),
                                        "--save",
                                        "",
                                        "--appendonly",
                                        "no"),
                                null,
                                ServerProcess::noCount)
                        .awaitReady(port);
                SmtpSystemClient memory =
                        new SmtpSystemClient(target, "bench-cap-memory", maxPerHour, options.connections(), "memory");
                SmtpSystemClient shared = new SmtpSystemClient(
                        target, "bench-cap-redis", maxPerHour, options.connections(), "redis://127.0.0.1:" + port)) {
            for (int threads : options.threads) {
                int warmup = Math.min(options.messages, 3_000);
                boolean accounted = true;
                for (int w = 0; w < options.warmup; w++) {
                    accounted &= RunResult.run(memory, threads, warmup, server).accounted();
                    accounted &= RunResult.run(shared, threads, warmup, server).accounted();
                }
                List<Double> memoryRates = new ArrayList<>();
                List<Double> redisRates = new ArrayList<>();
                for (int r = 0; r < options.rounds; r++) {
                    // the store that goes first changes each round, so that neither always runs on the freshest heap
                    for (SmtpSystemClient client : r % 2 == 0 ? List.of(memory, shared) : List.of(shared, memory)) {
                        RunResult result = RunResult.run(client, threads, options.messages, server);
                        accounted &= result.accounted();
                        (client == memory ? memoryRates : redisRates).add(result.perSecond());
                    }
                }
                Row row = new Row(threads, options.messages, median(memoryRates), median(redisRates), accounted);
                System.out.printf(
                        "  %d thread%s: memory %.0f msg/s, redis %.0f msg/s, redis / memory %.2f%s%n",
                        threads,
                        threads == 1 ? "" : "s",
                        row.memory(),
                        row.redis(),
                        row.redis() / row.memory(),
                        accounted ? "" : " (NOT ACCOUNTED)");
                rows.add(row);
            }
        } finally {
            deleteQuietly(directory);
        }
        return rows;
    }

    private static double median(List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static void deleteQuietly(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
