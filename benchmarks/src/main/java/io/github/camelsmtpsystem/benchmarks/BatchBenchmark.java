package io.github.camelsmtpsystem.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The "batch" profile: exchanges of {@value #BATCH} entities, as Sesam hands a sink, sent to Postfix {@code smtpd}
 * (STARTTLS + AUTH) by {@code smtp-system:} in pipelined runs (the default), by {@code smtp-system:} with
 * {@code sendOneByOne=true} (each mail waiting for its replies, as before), and by plain camel-mail (a message at a
 * time, a connection each); over a simulated round trip and on loopback. Reports mails per second and the round trips
 * a batch cost one sending thread (its time per batch over the round trip).
 */
final class BatchBenchmark {

    static final int BATCH = 100;
    /** The run's bound: every send has socket timeouts too. */
    private static final long RUN_LIMIT_MINUTES = 15;

    /** One line of the result. */
    record Row(
            String network,
            String client,
            int threads,
            int batches,
            double mailsPerSecond,
            double roundTrips,
            double turns,
            boolean accounted) {}

    private BatchBenchmark() {}

    /** Sends one batch of entities {@code first .. first + BATCH - 1}. */
    @FunctionalInterface
    interface BatchSender {
        void send(int first) throws Exception;
    }

    static List<Row> measure(SmtpServer postfix, BenchOptions options) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int rtt : List.of(options.rttMillis, 0)) {
            DelayingProxy proxy = rtt > 0 ? new DelayingProxy("127.0.0.1", postfix.port(), rtt * 1_000_000L) : null;
            String network = rtt > 0 ? rtt + " ms RTT" : "loopback";
            BenchClient.Target target = new BenchClient.Target(
                    postfix.host(), proxy != null ? proxy.port() : postfix.port(), false, true, true);
            try {
                for (int threads : options.threads) {
                    int batches = options.quick ? 2 : 3;
                    try (Ours runs = new Ours(target, "bench-batch-runs", false)) {
                        rows.add(run(network, "smtp-system, runs", rtt, threads, batches, runs::send, postfix, proxy));
                    }
                    // the default maxMessagesPerConnection (100) opens a new connection (about 8 round trips) per
                    // 100 mails of each connection: without that cost, the runs' own round trips show
                    try (Ours longer = new Ours(target, "bench-batch-runs-1000", false, 1_000)) {
                        rows.add(run(
                                network,
                                "smtp-system, runs, 1000 per conn.",
                                rtt,
                                threads,
                                batches,
                                longer::send,
                                postfix,
                                proxy));
                    }
                    try (Ours oneByOne = new Ours(target, "bench-one-by-one", true)) {
                        rows.add(run(
                                network,
                                "smtp-system, sendOneByOne",
                                rtt,
                                threads,
                                batches,
                                oneByOne::send,
                                postfix,
                                proxy));
                    }
                    if (options.clients.contains("camel-mail")) {
                        // a connection per message: one batch per thread is enough to see the cost
                        try (CamelMailClient camelMail = new CamelMailClient(target)) {
                            rows.add(run(
                                    network,
                                    "camel-mail",
                                    rtt,
                                    threads,
                                    1,
                                    first -> {
                                        BenchClient.ThreadSender sender = camelMail.thread(0);
                                        for (int i = first; i < first + BATCH; i++) {
                                            sender.send(i);
                                        }
                                    },
                                    postfix,
                                    proxy));
                        }
                    }
                }
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
        return rows;
    }

    /** One warm-up batch per thread (not for camel-mail, which keeps nothing), then {@code batches} per thread, timed. */
    private static Row run(
            String network,
            String client,
            int rtt,
            int threads,
            int batches,
            BatchSender sender,
            SmtpServer server,
            DelayingProxy proxy)
            throws Exception {
        if (!client.equals("camel-mail")) {
            timed(threads, 1, sender, 1_000_000);
        }
        long before = server.received();
        long turnsBefore = proxy != null ? proxy.turns() : 0;
        long[] nanos = new long[1];
        Throwable failure = timed(threads, batches, sender, 0, nanos);
        long expected = (long) threads * batches * BATCH;
        long received = awaitCount(server, before, expected);
        double seconds = nanos[0] / 1e9;
        double perSecond = expected / seconds;
        double roundTrips = rtt > 0 ? seconds / batches * 1000 / rtt : Double.NaN;
        double turns = proxy != null ? (proxy.turns() - turnsBefore) / (double) (threads * batches) : Double.NaN;
        Row row = new Row(
                network,
                client,
                threads,
                batches,
                perSecond,
                roundTrips,
                turns,
                failure == null && received == expected);
        System.out.printf(
                "  %-9s %-33s %d thread%s, %d batch%s each: %8.1f mails/s%s%s%n",
                network,
                client,
                threads,
                threads == 1 ? "" : "s",
                batches,
                batches == 1 ? "" : "es",
                perSecond,
                rtt > 0
                        ? String.format(", %.1f round trips per batch (%.1f waits on the wire)", roundTrips, turns)
                        : "",
                row.accounted()
                        ? ""
                        : " (NOT ACCOUNTED: server counted " + received + " of " + expected
                                + (failure != null ? ", " + failure : "") + ")");
        return row;
    }

    private static Throwable timed(int threads, int batches, BatchSender sender, int offset) throws Exception {
        return timed(threads, batches, sender, offset, new long[1]);
    }

    /** Each thread sends {@code batches} batches; the time is the slowest thread's. Returns the first failure. */
    private static Throwable timed(int threads, int batches, BatchSender sender, int offset, long[] nanos)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            for (int b = 0; b < batches && failure.get() == null; b++) {
                                sender.send(offset + (thread * batches + b) * BATCH);
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "batch-sender-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        System.gc();
        long began = System.nanoTime();
        start.countDown();
        if (!done.await(RUN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            failure.compareAndSet(
                    null, new IllegalStateException("The run did not end in " + RUN_LIMIT_MINUTES + " min"));
            workers.forEach(Thread::interrupt);
        }
        nanos[0] = System.nanoTime() - began;
        return failure.get();
    }

    private static long awaitCount(SmtpServer server, long before, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long received;
        while ((received = server.received() - before) < expected && System.nanoTime() < deadline) {
            ServerProcess.sleep(10);
        }
        return received;
    }

    /** smtp-system with the component's defaults (two pooled connections), in runs or one by one. */
    private static final class Ours implements AutoCloseable {
        private final CamelContext context;
        private final ProducerTemplate template;
        private final Endpoint input;

        Ours(BenchClient.Target target, String systemId, boolean oneByOne) throws Exception {
            this(target, systemId, oneByOne, 100);
        }

        Ours(BenchClient.Target target, String systemId, boolean oneByOne, int maxMessagesPerConnection)
                throws Exception {
            context = new DefaultCamelContext();
            SmtpSystemComponent component = context.getComponent("smtp-system", SmtpSystemComponent.class);
            component.setMaxMessagesPerConnection(maxMessagesPerConnection);
            component.setMaximumRedeliveries(0);
            component.setSslContextParameters(Tls.camelParameters());
            String uri = SmtpSystemClient.uri(systemId, target, 1_000_000) + "&sendOneByOne=" + oneByOne;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:batch").to(uri);
                }
            });
            context.start();
            template = context.createProducerTemplate();
            input = context.getEndpoint("direct:batch");
        }

        void send(int first) throws Exception {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH);
            for (int i = first; i < first + BATCH; i++) {
                batch.add(BenchMails.entity(i));
            }
            Exchange done =
                    template.send(input, exchange -> exchange.getMessage().setBody(batch));
            if (done.getException() != null) {
                throw done.getException();
            }
            int sent = done.getMessage().getHeader(SmtpSystemConstants.SENT, 0, Integer.class);
            if (sent != BATCH) {
                throw new IllegalStateException("smtp-system sent " + sent + " of the batch's " + BATCH);
            }
        }

        @Override
        public void close() throws Exception {
            context.close();
        }
    }
}
