package io.github.camelsmtpsystem.delivery;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What one SMTP system has done since the Camel context started: mails sent, discarded over the hourly cap, failed,
 * and entities skipped. Shown over JMX as a Camel service.
 */
@ManagedResource(description = "Counters of an SMTP system")
public class SystemCounters extends ServiceSupport {

    private final String systemId;
    private final int maxPerHour;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final RollingHourCount lastPeriod;
    private volatile LongSupplier sharedLastPeriod;

    public SystemCounters(String systemId, int maxPerHour, long periodMillis) {
        this.systemId = systemId;
        this.maxPerHour = maxPerHour;
        this.lastPeriod = new RollingHourCount(periodMillis);
    }

    /** Counts a mail the server accepted. */
    public void sent() {
        sent.incrementAndGet();
        lastPeriod.record(System.nanoTime());
    }

    /** Counts a mail discarded over the cap. */
    public void discarded() {
        discarded.incrementAndGet();
    }

    /** Counts a mail that could not be sent. */
    public void failed() {
        failed.incrementAndGet();
        // a failed send drew from the hourly budget too
        lastPeriod.record(System.nanoTime());
    }

    /** With a shared cap store: counts the sends in the last hour of every application on it. */
    public void useSharedSendsInLastHour(LongSupplier shared) {
        this.sharedLastPeriod = shared;
    }

    /** Counts an entity the sink skipped by rule (a deleted entity). */
    public void skipped() {
        skipped.incrementAndGet();
    }

    @ManagedAttribute(description = "The SMTP system's id")
    public String getSystemId() {
        return systemId;
    }

    @ManagedAttribute(description = "The system's max_per_hour")
    public int getMaxPerHour() {
        return maxPerHour;
    }

    @ManagedAttribute(description = "Mails the SMTP server accepted")
    public long getSent() {
        return sent.get();
    }

    @ManagedAttribute(description = "Mails over max_per_hour, logged and discarded")
    public long getDiscarded() {
        return discarded.get();
    }

    @ManagedAttribute(description = "Mails whose sending failed")
    public long getFailed() {
        return failed.get();
    }

    @ManagedAttribute(description = "Entities skipped by rule (deleted entities)")
    public long getSkipped() {
        return skipped.get();
    }

    @ManagedAttribute(
            description = "Sends (including failed ones) in the last hour, to a sixtieth of an hour; with a shared "
                    + "cap store, of every application on it, to the second, or -1 while the store cannot be read")
    public long getSendsInLastHour() {
        LongSupplier shared = sharedLastPeriod;
        if (shared == null) {
            return lastPeriod.count(System.nanoTime());
        }
        try {
            return shared.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "SystemCounters[" + systemId + ": sent=" + getSent() + ", discarded=" + getDiscarded() + ", failed="
                + getFailed() + ", skipped=" + getSkipped() + "]";
    }
}
