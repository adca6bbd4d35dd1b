package io.github.camelsmtpsystem.internal.cap;

import java.time.Duration;

import io.github.camelsmtpsystem.cap.CapStoreException;
import io.github.camelsmtpsystem.cap.HourlyCapStore;
import io.github.camelsmtpsystem.internal.health.HealthChecks;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.processor.ThrottlerRejectedExecutionException;

/**
 * The step of a system's route that takes a permit from the shared store before the send. Over the budget it throws
 * what the Throttle EIP throws, so the mail takes the same discard path; a store that fails throws a
 * {@link CapStoreException}: the mail is not sent (fail closed) and the route retries it like a transient failure.
 */
public final class CapGate implements Processor {

    private final HourlyCapStore store;
    private final String systemId;
    private final String key;
    private final int maxPerHour;
    private final Duration period;
    private final String secret;

    CapGate(HourlyCapStore store, String systemId, String key, int maxPerHour, Duration period, String secret) {
        this.store = store;
        this.systemId = systemId;
        this.key = key;
        this.maxPerHour = maxPerHour;
        this.period = period;
        this.secret = secret;
    }

    @Override
    public void process(Exchange exchange) {
        boolean taken;
        try {
            taken = store.tryAcquire(key, maxPerHour, period);
        } catch (RuntimeException e) {
            throw new CapStoreException(unusable(e), e);
        }
        if (!taken) {
            throw new ThrottlerRejectedExecutionException("SMTP system '" + systemId + "' has used its max_per_hour of "
                    + maxPerHour + " in the cap store " + store);
        }
    }

    /** Permits taken in the last period by every application on the store. */
    public long sendsInPeriod() {
        try {
            return store.used(key, period);
        } catch (RuntimeException e) {
            throw new CapStoreException(unusable(e), e);
        }
    }

    /** The store, as messages name it. */
    public String storeName() {
        return store.toString();
    }

    /** The system whose budget this is. */
    public String systemId() {
        return systemId;
    }

    private String unusable(RuntimeException e) {
        String text = "the cap store " + store + " of SMTP system '" + systemId + "' cannot be used: "
                + HealthChecks.withRootCause(e);
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "******");
    }
}
