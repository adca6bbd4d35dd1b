package io.github.camelsmtpsystem.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The heap a system's hourly cap holds at a given {@code max_per_hour}, measured as the live heap (used heap after
 * full collections, from the {@link MemoryMXBean}) before and after a system with that cap starts and sends mails.
 * A first system with a small cap sends one mail beforehand, so that class loading and static caches are not counted.
 * Camel's Throttle EIP fills its permits when the first mail passes, so the cap shows after the first mail, not at
 * the route's start.
 */
final class CapHeap {

    /**
     * @param routeStartBytes  live heap added by starting the system (route, endpoint, renderer)
     * @param firstMailBytes   added by the first mail (the cap's permits)
     * @param totalBytes       added in all, after {@code mails} mails
     * @param firstMailMillis  how long the first mail took (it fills the permits)
     * @param mails            mails sent through the system
     */
    record Result(
            int maxPerHour,
            long routeStartBytes,
            long firstMailBytes,
            long totalBytes,
            long firstMailMillis,
            int mails) {}

    private CapHeap() {}

    static Result measure(SmtpServer server, int maxPerHour, int mails) throws Exception {
        BenchClient.Target target =
                new BenchClient.Target(server.host(), server.port(), server.implicitTls(), server.auth());
        try (CamelContext context = new DefaultCamelContext()) {
            context.getComponent("smtp-system", SmtpSystemComponent.class).setMaximumRedeliveries(0);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            addSystem(context, "cap-warm-up", target, 1_000);
            send(template, "cap-warm-up", 0);

            long base = liveHeap(server);
            addSystem(context, "cap-heap", target, maxPerHour);
            long started = liveHeap(server);
            long before = System.nanoTime();
            send(template, "cap-heap", 0);
            long firstMillis = (System.nanoTime() - before) / 1_000_000;
            long first = liveHeap(server);
            for (int i = 1; i < mails; i++) {
                send(template, "cap-heap", i);
            }
            long after = liveHeap(server);
            return new Result(maxPerHour, started - base, first - started, after - base, firstMillis, mails);
        }
    }

    private static void addSystem(CamelContext context, String id, BenchClient.Target target, int maxPerHour)
            throws Exception {
        String uri = SmtpSystemClient.uri(id, target, maxPerHour);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + id).routeId("bench-" + id).to(uri);
            }
        });
    }

    private static void send(ProducerTemplate template, String id, int i) throws Exception {
        Exchange done =
                template.send("direct:" + id, exchange -> exchange.getMessage().setBody(BenchMails.entity(i)));
        if (done.getException() != null) {
            throw done.getException();
        }
        if (done.getMessage().getHeader(SmtpSystemConstants.SENT, 0, Integer.class) != 1) {
            throw new IllegalStateException("The cap-heap system did not send mail " + i + ".");
        }
    }

    /** Used heap after full collections: the live objects. */
    static long liveHeap(SmtpServer server) {
        // an in-process GreenMail keeps what it received: count (and so drop) it first
        server.received();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            ServerProcess.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
