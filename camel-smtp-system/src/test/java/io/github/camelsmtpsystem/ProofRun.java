package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One Camel context with the component, configured by a test, and a route {@code direct:send} to one endpoint: what
 * the proof tests (matrix, faults, regressions) run many of in one test, each against its own servers. It sends mails
 * from several threads and tells, for each, how its exchange ended, within a bound.
 */
final class ProofRun implements AutoCloseable {

    /** How one mail's exchange ended. */
    enum Kind {
        /** No exception: the server accepted the mail. */
        SENT,
        /** An exception that does not say the mail may have been delivered. */
        FAILED,
        /** {@code EntityMailException#isUncertain()}: it may have been delivered. */
        UNCERTAIN,
        /** The exchange did not end within the bound. */
        HUNG
    }

    record Outcome(String id, Kind kind, long millis, String detail) {}

    static final String SYSTEM = "proof";

    private final DefaultCamelContext context;
    private final ProducerTemplate template;

    private ProofRun(Consumer<SmtpSystemComponent> configure, String endpoint) throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5);
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        configure.accept(component());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to(endpoint);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    /**
     * Starts a context whose {@code direct:send} goes to {@code smtp-system:proof?<options>}.
     *
     * @param configure sets the component's options
     */
    static ProofRun start(Consumer<SmtpSystemComponent> configure, String options) throws Exception {
        return new ProofRun(configure, "smtp-system:" + SYSTEM + "?" + options);
    }

    SmtpSystemComponent component() {
        return context.getComponent("smtp-system", SmtpSystemComponent.class);
    }

    SystemCounters counters() {
        return component().getCounters(SYSTEM).orElseThrow();
    }

    /** Sends one entity and tells how it ended. */
    Outcome send(Map<String, Object> entity) {
        String id = String.valueOf(entity.get("_id"));
        long start = System.nanoTime();
        try {
            template.sendBody("direct:send", entity);
            return new Outcome(id, Kind.SENT, millisSince(start), "");
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EntityMailException failure) {
                return new Outcome(
                        id,
                        failure.isUncertain() ? Kind.UNCERTAIN : Kind.FAILED,
                        millisSince(start),
                        failure.getMessage());
            }
            return new Outcome(id, Kind.FAILED, millisSince(start), String.valueOf(cause));
        }
    }

    /**
     * Sends each entity in its own exchange from {@code threads} threads, and waits at most {@code bound} for all of
     * them; an exchange still running then is {@link Kind#HUNG} (its thread is interrupted and left).
     */
    Map<String, Outcome> sendAll(List<Map<String, Object>> entities, int threads, Duration bound) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "proof-sender");
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<Outcome>> futures = new LinkedHashMap<>();
        for (Map<String, Object> entity : entities) {
            futures.put(String.valueOf(entity.get("_id")), pool.submit(() -> send(entity)));
        }
        pool.shutdown();
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Outcome>> f : futures.entrySet()) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                outcomes.put(f.getKey(), f.getValue().get(left, TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                outcomes.put(f.getKey(), new Outcome(f.getKey(), Kind.HUNG, bound.toMillis(), e.toString()));
            }
        }
        pool.shutdownNow();
        return outcomes;
    }

    /**
     * Sends {@code entities} as one batch (one exchange, a list body: pipelined runs by default) and tells how each
     * ended, from the exchange's report; all {@link Kind#HUNG} when the exchange does not end within {@code bound}.
     */
    @SuppressWarnings("unchecked")
    Map<String, Outcome> sendBatch(List<Map<String, Object>> entities, Duration bound) {
        long start = System.nanoTime();
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "proof-batch");
            t.setDaemon(true);
            return t;
        });
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        try {
            Exchange done = one.submit(() ->
                            template.send("direct:send", e -> e.getMessage().setBody(new ArrayList<>(entities))))
                    .get(bound.toNanos(), TimeUnit.NANOSECONDS);
            Map<String, List<String>> report = done.getMessage().getHeader(SmtpSystemConstants.REPORT, Map.class);
            String detail = done.getException() != null ? done.getException().getMessage() : "";
            for (Map<String, Object> entity : entities) {
                String id = String.valueOf(entity.get("_id"));
                Kind kind = report == null
                        ? Kind.FAILED
                        : report.getOrDefault("sent", List.of()).contains(id)
                                ? Kind.SENT
                                : report.getOrDefault("uncertain", List.of()).contains(id)
                                        ? Kind.UNCERTAIN
                                        : Kind.FAILED;
                outcomes.put(id, new Outcome(id, kind, millisSince(start), kind == Kind.SENT ? "" : detail));
            }
        } catch (Exception e) {
            entities.forEach(entity -> {
                String id = String.valueOf(entity.get("_id"));
                outcomes.put(id, new Outcome(id, Kind.HUNG, bound.toMillis(), e.toString()));
            });
        } finally {
            one.shutdownNow();
        }
        return outcomes;
    }

    /** {@code count} entities {@code <prefix>-<i>} for {@code to@example.com}, with {@code more} properties. */
    static List<Map<String, Object>> entities(String prefix, int count, Map<String, Object> more) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> entity = new LinkedHashMap<>(more);
            entity.put("_id", prefix + "-" + i);
            entity.put("recipients", "to@example.com");
            all.add(entity);
        }
        return all;
    }

    /**
     * Waits until {@code count} is at least {@code atLeast} and has not changed for 1.5 s (a second copy of a mail
     * would arrive in that time), and returns it.
     */
    static int awaitStable(String what, java.util.function.IntSupplier count, int atLeast) {
        java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
        org.awaitility.Awaitility.await(what)
                .atMost(Duration.ofSeconds(30))
                .during(Duration.ofMillis(1500))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    int now = count.getAsInt();
                    return now >= atLeast && now == last.getAndSet(now);
                });
        return count.getAsInt();
    }

    /** Stops the context, within a bound: a client stuck in a socket must not stop the test. */
    @Override
    public void close() throws Exception {
        Thread stop = new Thread(() -> {
            try {
                context.stop();
            } catch (RuntimeException e) {
                // stopping
            }
        });
        stop.setDaemon(true);
        stop.start();
        stop.join(20_000);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
