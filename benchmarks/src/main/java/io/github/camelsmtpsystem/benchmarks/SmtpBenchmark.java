package io.github.camelsmtpsystem.benchmarks;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelsmtpsystem.benchmarks.BenchOptions.Profile;

/**
 * The throughput benchmark: in one run, for each profile and producer-thread count, the same N single-recipient
 * messages sent by {@code smtp-system:} (ours), by plain camel-mail in the equivalent route, and by raw Angus Mail on
 * one kept-open connection per thread (the Java client's ceiling); the median of several rounds after warm-up, the
 * ratios, and whether the server counted every message. Also the heap of a system's cap at max_per_hour 1,000,000.
 * Only loopback addresses are used; every loop is bounded.
 */
public final class SmtpBenchmark {

    private static final String OURS = "smtp-system";
    private static final String CAMEL_MAIL = "camel-mail";
    private static final String RAW = "raw Angus";

    private SmtpBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        boolean ok = new Run(options).run();
        System.exit(ok ? 0 : 1);
    }

    /** One invocation: its servers, rows and notes. */
    private static final class Run {
        private final BenchOptions options;
        private final List<String> notes = new ArrayList<>();
        private final List<Row> rows = new ArrayList<>();
        private final Map<String, String> servers = new LinkedHashMap<>();
        private SmtpServer plain;
        private SmtpServer tlsWithAuth;
        private SmtpServer postfix;
        private CapHeap.Result capHeap;
        private List<CapStoreBench.Row> capStore;
        private List<BatchBenchmark.Row> batchRows;
        private boolean ok = true;

        Run(BenchOptions options) {
            this.options = options;
        }

        boolean run() throws Exception {
            long began = System.nanoTime();
            System.out.printf(
                    "SMTP benchmark, %s: Java %s, %d cores, max heap %d MB, load average %s%s%n",
                    LocalDateTime.now()
                            .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(Locale.ROOT))
                            .substring(0, 16),
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    loadAverage(),
                    options.quick ? " (--quick: rough numbers)" : "");
            try {
                if (options.capHeap) {
                    measureCapHeap();
                }
                for (Profile profile : options.profiles) {
                    runProfile(profile);
                }
                if (options.capStore) {
                    measureCapStore();
                }
                if (options.batch) {
                    measureBatches();
                }
            } finally {
                close(plain);
                close(tlsWithAuth);
                close(postfix);
            }
            report((System.nanoTime() - began) / 1_000_000_000);
            return ok;
        }

        private SmtpServer plain() throws Exception {
            if (plain == null) {
                plain = Servers.plain(options.greenMail, notes);
                servers.put("plain SMTP", plain.description());
            }
            return plain;
        }

        private SmtpServer tlsWithAuth() throws Exception {
            if (tlsWithAuth == null) {
                tlsWithAuth = Servers.tlsWithAuth(options.greenMail, notes);
                servers.put("TLS with AUTH", tlsWithAuth.description());
            }
            return tlsWithAuth;
        }

        private SmtpServer postfix() throws Exception {
            if (postfix == null) {
                postfix = PostfixSmtpd.start();
                servers.put("STARTTLS with AUTH", postfix.description());
            }
            return postfix;
        }

        private void measureCapHeap() throws Exception {
            System.out.printf(
                    "%ncap heap: a system with max_per_hour %,d sends 10,000 mails to %s%n",
                    1_000_000, plain().description());
            capHeap = CapHeap.measure(plain(), 1_000_000, 10_000);
            System.out.printf(
                    "  route start %+.1f MB, first mail %+.1f MB (took %d ms), after 10,000 mails %+.1f MB in all%n",
                    mb(capHeap.routeStartBytes()),
                    mb(capHeap.firstMailBytes()),
                    capHeap.firstMailMillis(),
                    mb(capHeap.totalBytes()));
        }

        private void measureBatches() throws Exception {
            SmtpServer server;
            try {
                server = postfix();
            } catch (PostfixSmtpd.Unavailable e) {
                notes.add("batch: skipped: " + e.getMessage());
                return;
            }
            System.out.printf(
                    "%nbatch: exchanges of %d entities to %s, over %d ms RTT and on loopback%n",
                    BatchBenchmark.BATCH, server.description(), options.rttMillis);
            batchRows = BatchBenchmark.measure(server, options);
            if (batchRows.stream().anyMatch(row -> !row.accounted())) {
                ok = false;
            }
        }

        private void measureCapStore() throws Exception {
            if (!CapStoreBench.available()) {
                notes.add("cap-store: skipped, redis-server is not installed (apt-get install redis-server)");
                return;
            }
            System.out.printf(
                    "%ncap store: capStore=memory against capStore=redis://127.0.0.1 (Debian's redis-server), %s%n",
                    plain().description());
            capStore = CapStoreBench.measure(plain(), options, options.maxPerHour);
            if (capStore.stream().anyMatch(row -> !row.accounted())) {
                ok = false;
            }
        }

        private void runProfile(Profile profile) throws Exception {
            SmtpServer server;
            try {
                server = profile.postfix ? postfix() : profile.tlsWithAuth ? tlsWithAuth() : plain();
            } catch (PostfixSmtpd.Unavailable e) {
                // the harness installs nothing: without Postfix (or root) the other profiles still run
                notes.add(profile.id + ": skipped: " + e.getMessage());
                return;
            }
            DelayingProxy proxy =
                    profile.slow ? new DelayingProxy("127.0.0.1", server.port(), options.rttMillis * 1_000_000L) : null;
            BenchClient.Target target = new BenchClient.Target(
                    server.host(),
                    proxy != null ? proxy.port() : server.port(),
                    server.implicitTls(),
                    server.auth(),
                    server.startTls());
            String title = profile.title(options.rttMillis);
            System.out.printf(
                    "%n%s: %s%s%n",
                    title,
                    server.description(),
                    proxy != null ? ", through a delaying proxy on 127.0.0.1:" + proxy.port() : "");
            if (options.connections > 0) {
                System.out.printf("smtp-system: %d connection(s) shared by the threads%n", options.connections);
            }
            int maxPerHour = maxPerHour(profile);
            List<BenchClient> clients = new ArrayList<>();
            try {
                SmtpSystemClient ours = null;
                if (options.clients.contains("smtp-system")) {
                    ours = new SmtpSystemClient(target, "bench-" + profile.id, maxPerHour, options.connections());
                    clients.add(ours);
                }
                if (options.clients.contains("camel-mail")) {
                    clients.add(new CamelMailClient(target));
                }
                if (options.clients.contains("raw")) {
                    clients.add(new RawAngusClient(target));
                }
                for (int threads : options.threads) {
                    Row row =
                            measure(title, profile.slow, threads, options.messages(profile), profile, clients, server);
                    rows.add(row);
                    if (ours != null && ours.discarded() > 0) {
                        row.problems.add("smtp-system discarded " + ours.discarded() + " mails over max_per_hour");
                    }
                }
            } finally {
                for (BenchClient client : clients) {
                    client.close();
                }
                if (proxy != null) {
                    proxy.close();
                }
            }
        }

        /** High enough that the system's cap never discards in this invocation. */
        private int maxPerHour(Profile profile) {
            long planned = 0;
            for (int threads : options.threads) {
                planned += (long) options.warmup * options.warmupMessages(profile, threads, true)
                        + (long) options.rounds * options.messages(profile);
            }
            if (planned >= options.maxPerHour) {
                int raised = (int) Math.min(Integer.MAX_VALUE, planned + 1);
                notes.add(profile.id + ": max_per_hour raised from " + options.maxPerHour + " to " + raised
                        + " so that the cap never discards");
                return raised;
            }
            return options.maxPerHour;
        }

        private Row measure(
                String title,
                boolean slow,
                int threads,
                int messages,
                Profile profile,
                List<BenchClient> clients,
                SmtpServer server)
                throws Exception {
            Row row = new Row(title, slow, threads, messages);
            WarmUp warmUp = new WarmUp(options.warmup, options.maxWarmup);
            while (warmUp.more()) {
                warmUp.beginRound();
                for (BenchClient client : clients) {
                    int warmupMessages = options.warmupMessages(profile, threads, client.keepsConnections());
                    long compiled = WarmUp.compilingMillis();
                    RunResult result = RunResult.run(client, threads, warmupMessages, server);
                    long compiling = WarmUp.compilingMillis() - compiled;
                    warmUp.ran(result.nanos(), compiling);
                    row.account(client.name(), result);
                    System.out.printf(
                            "  %d thread%s, warm-up %d: %-11s %9s msg/s (%s µs CPU, JIT %d ms of %d)%s%n",
                            threads,
                            threads == 1 ? "" : "s",
                            warmUp.rounds() + 1,
                            client.name(),
                            rate(result.perSecond()),
                            micros(result.cpuMicrosPerMessage()),
                            compiling,
                            result.nanos() / 1_000_000,
                            problem(result));
                }
                warmUp.endRound();
            }
            row.warmupRounds = warmUp.rounds();
            if (!warmUp.quiet() && warmUp.rounds() > 0) {
                notes.add(String.format(
                        "%s, %d thread%s: the JIT was still compiling after %d warm-up rounds (--max-warmup)",
                        title, threads, threads == 1 ? "" : "s", warmUp.rounds()));
            }
            for (int r = 0; r < options.rounds; r++) {
                StringBuilder line = new StringBuilder(
                        String.format("  %d thread%s, round %d:  ", threads, threads == 1 ? "" : "s", r + 1));
                // a different client goes first in each round, so none always runs on the freshest heap
                for (int k = 0; k < clients.size(); k++) {
                    BenchClient client = clients.get((k + r) % clients.size());
                    RunResult result = RunResult.run(client, threads, messages, server);
                    row.account(client.name(), result);
                    if (result.accounted()) {
                        row.rates
                                .computeIfAbsent(client.name(), name -> new ArrayList<>())
                                .add(result.perSecond());
                        if (!Double.isNaN(result.cpuMicrosPerMessage())) {
                            row.cpu
                                    .computeIfAbsent(client.name(), name -> new ArrayList<>())
                                    .add(result.cpuMicrosPerMessage());
                        }
                    }
                    line.append(String.format(
                            "%s %s msg/s (%s µs CPU)%s  ",
                            client.name(),
                            rate(result.perSecond()),
                            micros(result.cpuMicrosPerMessage()),
                            problem(result)));
                }
                System.out.println(line.toString().stripTrailing());
            }
            if (!row.problems.isEmpty()) {
                ok = false;
            }
            return row;
        }

        private String problem(RunResult result) {
            if (result.accounted()) {
                return "";
            }
            if (result.failure() != null) {
                ok = false;
                System.out.println("  FAILED: " + result.failure());
                result.failure().printStackTrace(System.out);
            }
            return String.format(
                    " (NOT ACCOUNTED: sent %d of %d, server counted %d)",
                    result.sent(), result.messages(), result.received());
        }

        private void report(long seconds) {
            System.out.println();
            System.out.println("Servers:");
            servers.forEach((what, description) -> System.out.println("  " + what + ": " + description));
            if (!notes.isEmpty()) {
                System.out.println("Notes:");
                notes.forEach(note -> System.out.println("  " + note));
            }
            if (!rows.isEmpty()) {
                System.out.printf(
                        "%nmsg/s, median of %d round%s after warm-up (%d to %d rounds: until the JIT went quiet) (%s):%n%n",
                        options.rounds,
                        options.rounds == 1 ? "" : "s",
                        options.warmup,
                        options.maxWarmup,
                        options.quick ? "--quick" : "default run");
                System.out.println(
                        "| profile | threads | N | warm-up rounds | smtp-system | camel-mail | raw Angus | smtp-system / camel-mail | smtp-system / raw Angus | every message accounted for |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
                for (Row row : rows) {
                    double ours = row.median(OURS);
                    double camelMail = row.median(CAMEL_MAIL);
                    double raw = row.median(RAW);
                    System.out.printf(
                            "| %s | %d | %,d | %d | %s | %s | %s | %s | %s | %s |%n",
                            row.title,
                            row.threads,
                            row.messages,
                            row.warmupRounds,
                            rate(ours),
                            rate(camelMail),
                            rate(raw),
                            ratio(ours, camelMail),
                            ratio(ours, raw),
                            row.accounting());
                }
                System.out.println();
                System.out.println(
                        "(N: messages per run; the counts in the last column add up every run of the row, warm-up included.)");
                printCpu();
                printRoundTrips();
            }
            if (capStore != null) {
                System.out.printf(
                        "%nThe shared hourly budget in Redis against the Throttle EIP alone, msg/s, median of %d round%s:%n%n",
                        options.rounds, options.rounds == 1 ? "" : "s");
                System.out.println(
                        "| threads | N | capStore=memory | capStore=redis | redis / memory | every message accounted for |");
                System.out.println("|---:|---:|---:|---:|---:|---|");
                for (CapStoreBench.Row row : capStore) {
                    System.out.printf(
                            "| %d | %,d | %s | %s | %s | %s |%n",
                            row.threads(),
                            row.messages(),
                            rate(row.memory()),
                            rate(row.redis()),
                            ratio(row.redis(), row.memory()),
                            row.accounted() ? "yes" : "NO");
                }
            }
            if (batchRows != null) {
                System.out.printf(
                        "%nBatches of %d entities, Postfix STARTTLS + AUTH (round trips: a sending thread's time per batch "
                                + "over the RTT):%n%n",
                        BatchBenchmark.BATCH);
                System.out.println(
                        "| network | client | threads | batches per thread | mails/s | round trips per batch "
                                + "| waits on the wire per batch | every mail accounted for |");
                System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
                for (BatchBenchmark.Row row : batchRows) {
                    System.out.printf(
                            "| %s | %s | %d | %d | %.1f | %s | %s | %s |%n",
                            row.network(),
                            row.client(),
                            row.threads(),
                            row.batches(),
                            row.mailsPerSecond(),
                            Double.isNaN(row.roundTrips()) ? "-" : String.format("%.1f", row.roundTrips()),
                            Double.isNaN(row.turns()) ? "-" : String.format("%.1f", row.turns()),
                            row.accounted() ? "yes" : "NO");
                }
                System.out.println();
                System.out.println(
                        "(Round trips: a sending thread's time per batch over the RTT, the server's and the CPU's "
                                + "time included, which the machine's load inflates. Waits on the wire: counted by the "
                                + "delaying proxy, each connection's handshake and each time a client spoke after its "
                                + "server, all connections of the batch together, so parallel connections' waits add up "
                                + "though they overlap in time.)");
            }
            if (capHeap != null) {
                System.out.printf(
                        "%nHeap of the cap at max_per_hour %,d: %.1f MB live heap after the first mail (its permits), "
                                + "%.1f MB in all with the route after %,d mails (route start alone %.1f MB); the first mail took %d ms.%n",
                        capHeap.maxPerHour(),
                        mb(capHeap.firstMailBytes()),
                        mb(capHeap.totalBytes()),
                        capHeap.mails(),
                        mb(capHeap.routeStartBytes()),
                        capHeap.firstMailMillis());
            }
            System.out.printf(
                    "%nTook %d min %02d s; load average now %s (other processes on the machine skew the numbers).%s%n",
                    seconds / 60,
                    seconds % 60,
                    loadAverage(),
                    ok ? "" : " SOME RUNS FAILED OR WERE NOT ACCOUNTED FOR.");
        }

        /**
         * The client JVM's CPU time per message, all its threads, median of the rounds: the cost of each client on a
         * machine it shares with the server, where the rates move with whatever else runs.
         */
        private void printCpu() {
            System.out.printf(
                    "%nClient CPU per message, µs (the JVM's every thread; the server not counted; not shown for"
                            + " rounds of under 0.5 s of CPU, which the JVM's 10 ms clock steps cannot tell apart):%n%n");
            System.out.println(
                    "| profile | threads | smtp-system | camel-mail | raw Angus | raw Angus / smtp-system |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Row row : rows) {
                double ours = Row.median(row.cpu.get(OURS));
                double raw = Row.median(row.cpu.get(RAW));
                System.out.printf(
                        "| %s | %d | %s | %s | %s | %s |%n",
                        row.title,
                        row.threads,
                        micros(ours),
                        micros(Row.median(row.cpu.get(CAMEL_MAIL))),
                        micros(raw),
                        ratio(raw, ours));
            }
        }

        /** Over the slow network: how many round trips each message cost a sending thread, from the medians. */
        private void printRoundTrips() {
            List<Row> slow = rows.stream().filter(row -> row.slow).toList();
            if (slow.isEmpty()) {
                return;
            }
            System.out.printf(
                    "%nRound trips per message and thread over the slow network (threads / rate / %d ms):%n%n",
                    options.rttMillis);
            System.out.println("| profile | threads | smtp-system | camel-mail | raw Angus |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (Row row : slow) {
                System.out.printf(
                        "| %s | %d | %s | %s | %s |%n",
                        row.title,
                        row.threads,
                        roundTrips(row, OURS),
                        roundTrips(row, CAMEL_MAIL),
                        roundTrips(row, RAW));
            }
        }

        private String roundTrips(Row row, String client) {
            double rate = row.median(client);
            return Double.isNaN(rate) ? "-" : String.format("%.1f", row.threads / rate * 1000 / options.rttMillis);
        }

        private static void close(SmtpServer server) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** One line of the report: one profile at one thread count. */
    private static final class Row {
        final String title;
        final boolean slow;
        final int threads;
        final int messages;
        int warmupRounds;
        final Map<String, List<Double>> rates = new LinkedHashMap<>();
        /** The client's CPU time per message of each round, in microseconds. */
        final Map<String, List<Double>> cpu = new LinkedHashMap<>();

        final List<String> problems = new ArrayList<>();
        long sent;
        long received;

        Row(String title, boolean slow, int threads, int messages) {
            this.title = title;
            this.slow = slow;
            this.threads = threads;
            this.messages = messages;
        }

        void account(String client, RunResult result) {
            sent += result.sent();
            received += result.received();
            if (!result.accounted()) {
                problems.add(client + ": sent " + result.sent() + " of " + result.messages() + ", server counted "
                        + result.received() + (result.failure() != null ? ", " + result.failure() : ""));
            }
        }

        double median(String client) {
            return median(rates.get(client));
        }

        static double median(List<Double> values) {
            if (values == null || values.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        String accounting() {
            if (problems.isEmpty()) {
                return String.format("yes: server counted %,d of %,d", received, sent);
            }
            return "NO: " + String.join("; ", problems);
        }
    }

    private static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "-";
        }
        return perSecond >= 100 ? String.format("%,.0f", perSecond) : String.format("%.1f", perSecond);
    }

    private static String micros(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.0f", value);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "-" : String.format("%.2f", a / b);
    }

    /** The 1-minute load average, to tell whether something else ran on the machine during the benchmark. */
    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format("%.2f", load);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
