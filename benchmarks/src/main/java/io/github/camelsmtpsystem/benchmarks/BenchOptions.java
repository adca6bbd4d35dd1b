package io.github.camelsmtpsystem.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The harness's command-line options ({@code --name=value}); {@code --quick} first sets smaller defaults that options
 * after it may still change.
 */
final class BenchOptions {

    /** What one run measures. */
    enum Profile {
        LOOPBACK("loopback", "loopback, plain SMTP", false, false, false),
        TLS("tls", "loopback, implicit TLS + AUTH", true, false, false),
        SLOW("slow", "%d ms RTT, plain SMTP", false, true, false),
        SLOW_TLS("slow-tls", "%d ms RTT, implicit TLS + AUTH", true, true, false),
        POSTFIX("postfix", "loopback, Postfix STARTTLS + AUTH", true, false, true),
        SLOW_POSTFIX("slow-postfix", "%d ms RTT, Postfix STARTTLS + AUTH", true, true, true);

        final String id;
        private final String title;
        final boolean tlsWithAuth;
        final boolean slow;
        /** Debian's Postfix smtpd on a submission port, STARTTLS and AUTH: what most users send to. */
        final boolean postfix;

        Profile(String id, String title, boolean tlsWithAuth, boolean slow, boolean postfix) {
            this.id = id;
            this.title = title;
            this.tlsWithAuth = tlsWithAuth;
            this.slow = slow;
            this.postfix = postfix;
        }

        String title(int rttMillis) {
            return String.format(title, rttMillis);
        }

        static Profile of(String id) {
            return Arrays.stream(values())
                    .filter(p -> p.id.equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown profile '" + id + "'. Use loopback, tls, "
                            + "slow, slow-tls, postfix, slow-postfix, cap-heap, cap-store or batch."));
        }
    }

    static final String USAGE = """
            SMTP throughput: smtp-system: (ours) against plain camel-mail and raw Angus Mail on one kept-open connection.
            Options (--name=value):
              --quick               a short run: fewer messages and one measured round (numbers are rougher)
              --profiles=LIST       comma-separated, of loopback, tls, slow, slow-tls, postfix, slow-postfix,
                                    cap-heap, cap-store, batch (default: all but batch; the postfix ones and batch need
                                    root and Debian's postfix; cap-store: capStore=memory against a Redis store, needs
                                    redis-server; batch: exchanges of 100 entities to Postfix, in runs against
                                    sendOneByOne and camel-mail, over the RTT and on loopback)
              --threads=LIST        producer threads, comma-separated (default: 1,4)
              --messages=N          messages per run on loopback, plain SMTP (default: 10000; quick: 1000)
              --tls-messages=N      messages per run on loopback with TLS and AUTH (default: 200; quick: 100)
              --slow-messages=N     messages per run over the slow network (default: 32; quick: 12)
              --rounds=N            measured rounds; the report gives their median (default: 3; quick: 1)
              --warmup=N            the fewest rounds before those, not measured (default: 1, of at most 3000
                                    messages on loopback; with TLS 2000, or 100 for camel-mail; 2 per thread over
                                    the slow network); more follow until the JIT compiler goes quiet (two rounds in
                                    a row in which it compiled for under 2% of the time)
              --max-warmup=N        the most warm-up rounds (default: 40; quick: 3)
              --rtt-ms=N            the slow network's round trip, in milliseconds (default: 20)
              --max-per-hour=N      the benchmark systems' max_per_hour; raised when a profile would reach it
                                    (default: 1000000)
              --clients=LIST        comma-separated, of smtp-system, camel-mail, raw (default: all three)
              --connections=N       smtp-system's connectionPoolSize (default: the most threads of the run, so that
                                    each thread has a connection of its own, as the other clients' threads do); fewer
                                    than the threads makes them share connections, with runs of pipelined mails
              --greenmail           use GreenMail in this JVM even when smtp-sink, stunnel and aiosmtpd are installed
              --help                this text
            """;

    List<Profile> profiles = new ArrayList<>(List.of(Profile.values()));
    boolean capHeap = true;
    boolean capStore = true;
    /** The "batch" profile: exchanges of 100 entities, in runs and one by one (see BatchBenchmark). */
    boolean batch;

    List<Integer> threads = List.of(1, 4);
    int messages = 10_000;
    int tlsMessages = 200;
    int slowMessages = 32;
    int rounds = 3;
    int warmup = 1;
    int maxWarmup = 40;
    int rttMillis = 20;
    int maxPerHour = 1_000_000;
    List<String> clients = List.of("smtp-system", "camel-mail", "raw");
    /** smtp-system's connections; 0 for one per thread. */
    int connections;

    boolean greenMail;
    boolean quick;
    boolean help;

    static BenchOptions parse(String... args) {
        BenchOptions options = new BenchOptions();
        List<String> given = Arrays.stream(args).filter(arg -> !arg.isBlank()).toList();
        if (given.contains("--quick")) {
            options.quick = true;
            options.messages = 1_000;
            options.tlsMessages = 100;
            options.slowMessages = 12;
            options.rounds = 1;
            options.maxWarmup = 3;
        }
        for (String arg : given) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--quick" -> {}
                case "--help", "-h" -> options.help = true;
                case "--greenmail" -> options.greenMail = true;
                case "--profiles" -> {
                    options.profiles = new ArrayList<>();
                    options.capHeap = false;
                    options.capStore = false;
                    for (String id : list(name, value)) {
                        if (id.equals("cap-heap")) {
                            options.capHeap = true;
                        } else if (id.equals("cap-store")) {
                            options.capStore = true;
                        } else if (id.equals("batch")) {
                            options.batch = true;
                        } else {
                            options.profiles.add(Profile.of(id));
                        }
                    }
                }
                case "--clients" -> {
                    options.clients = list(name, value);
                    for (String client : options.clients) {
                        if (!List.of("smtp-system", "camel-mail", "raw").contains(client)) {
                            throw new IllegalArgumentException(
                                    "Unknown client '" + client + "'. Use smtp-system, camel-mail or raw.");
                        }
                    }
                }
                case "--threads" ->
                    options.threads = list(name, value).stream()
                            .map(t -> positive(name, t))
                            .toList();
                case "--messages" -> options.messages = positive(name, value);
                case "--tls-messages" -> options.tlsMessages = positive(name, value);
                case "--slow-messages" -> options.slowMessages = positive(name, value);
                case "--rounds" -> options.rounds = positive(name, value);
                case "--warmup" -> options.warmup = atLeastZero(name, value);
                case "--max-warmup" -> options.maxWarmup = atLeastZero(name, value);
                case "--rtt-ms" -> options.rttMillis = positive(name, value);
                case "--max-per-hour" -> options.maxPerHour = positive(name, value);
                case "--connections" -> options.connections = positive(name, value);
                default ->
                    throw new IllegalArgumentException("Unknown option '" + arg + "'. Use --help for the options.");
            }
        }
        return options;
    }

    /** Messages per run of a profile. */
    int messages(Profile profile) {
        if (profile.slow) {
            return slowMessages;
        }
        return profile.tlsWithAuth ? tlsMessages : messages;
    }

    /** smtp-system's connectionPoolSize: as given, else one per thread of the run's most threads. */
    int connections() {
        return connections > 0 ? connections : Collections.max(threads);
    }

    /**
     * Messages per warm-up run: enough on loopback for the JIT; over the slow network, where waiting dominates, enough
     * to open each thread's connections. With TLS on loopback a client that keeps its connections open gets 2,000, as
     * its code must be compiled before it is measured (with 100 smtp-system's longer path was still partly
     * interpreted); one that opens a connection per message (camel-mail, 14 msg/s there) gets 100.
     */
    int warmupMessages(Profile profile, int threadCount, boolean keepsConnections) {
        if (profile.slow) {
            return Math.min(slowMessages, 2 * threadCount);
        }
        if (profile.tlsWithAuth) {
            return keepsConnections ? 2_000 : Math.min(tlsMessages, 100);
        }
        return Math.min(messages, 3_000);
    }

    private static List<String> list(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value, for example " + name + "=1,4.");
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int positive(String name, String value) {
        int n = atLeastZero(name, value);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be at least 1.");
        }
        return n;
    }

    private static int atLeastZero(String name, String value) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.replace("_", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of at least 0, not '" + value + "'.");
        }
    }
}
