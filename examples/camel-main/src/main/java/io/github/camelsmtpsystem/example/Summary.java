package io.github.camelsmtpsystem.example;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;

import static io.github.camelsmtpsystem.SmtpSystemConstants.DISCARDED;
import static io.github.camelsmtpsystem.SmtpSystemConstants.SENT;
import static io.github.camelsmtpsystem.SmtpSystemConstants.SKIPPED;

/** What the example's routes did, from the headers smtp-system sets after each exchange. */
final class Summary {

    /** The routes that report here: the Java DSL route and the YAML DSL route. */
    private static final int ROUTES = 2;

    private final AtomicInteger routes = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    void add(Exchange exchange) {
        if (exchange.getMessage().getHeader(SENT) == null) {
            return;
        }
        routes.incrementAndGet();
        sent.addAndGet(exchange.getMessage().getHeader(SENT, 0, Integer.class));
        discarded.addAndGet(exchange.getMessage().getHeader(DISCARDED, 0, Integer.class));
        skipped.addAndGet(exchange.getMessage().getHeader(SKIPPED, 0, Integer.class));
    }

    boolean isComplete() {
        return routes.get() == ROUTES;
    }

    @Override
    public String toString() {
        return "Summary: " + sent + " sent, " + discarded + " discarded, " + skipped + " skipped";
    }
}
