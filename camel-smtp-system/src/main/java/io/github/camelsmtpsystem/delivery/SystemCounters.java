package io.github.camelsmtpsystem.delivery;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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

    /** How many of the last discards {@link #recentDiscards()} keeps. */
    public static final int RECENT_DISCARDS = 10;

    /**
     * One mail discarded over the cap, as the developer console shows it: never its body.
     *
     * @param entityId   the entity's {@code _id}, escaped for one line
     * @param recipients the recipients, escaped for one line
     * @param subject    the subject, escaped for one line
     * @param time       when it was discarded
     */
    public record Discard(String entityId, String recipients, String subject, Instant time) {}

    private final String systemId;
    private final int maxPerHour;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong uncertain = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final RollingHourCount lastPeriod;
    private volatile LongSupplier sharedLastPeriod;
    private final Deque<Discard> recentDiscards = new ArrayDeque<>(RECENT_DISCARDS);

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

    /** Counts a mail discarded over the cap and keeps it among the {@value #RECENT_DISCARDS} last discards. */
    public void discarded(Discard discard) {
        discarded();
        synchronized (recentDiscards) {
            if (recentDiscards.size() == RECENT_DISCARDS) {
                recentDiscards.removeFirst();
            }
            recentDiscards.addLast(discard);
        }
    }

    /** The last {@value #RECENT_DISCARDS} mails discarded over the cap, oldest first. */
    public List<Discard> recentDiscards() {
        synchronized (recentDiscards) {
            return new ArrayList<>(recentDiscards);
        }
    }

    /** Counts a mail that could not be sent. */
    public void failed() {
        failed.incrementAndGet();
        // a failed send drew from the hourly budget too
        lastPeriod.record(System.nanoTime());
    }

    /**
     * Counts a failed mail whose outcome is uncertain: its end of data went to the server and no final reply came, so
     * it may have been delivered. Counted in {@link #getFailed()} too.
     */
    public void uncertain() {
        uncertain.incrementAndGet();
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

    @ManagedAttribute(
            description = "Failed mails that may have been delivered: their end of data went out, no final reply came")
    public long getUncertain() {
        return uncertain.get();
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
                + getFailed() + ", uncertain=" + getUncertain() + ", skipped=" + getSkipped() + "]";
    }
}
