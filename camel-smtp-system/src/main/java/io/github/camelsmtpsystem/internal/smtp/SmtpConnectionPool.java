package io.github.camelsmtpsystem.internal.smtp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;

import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open, authenticated SMTP connections of one system, reused across messages and exchanges: at most
 * {@code size} at a time, each closed after {@code maxMessagesPerConnection} messages or {@code idleTimeout} unused.
 * Stopping the pool (the Camel context stops it) closes every connection.
 */
@ManagedResource(description = "The SMTP connections of an SMTP system")
public class SmtpConnectionPool extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnectionPool.class);

    /** Opens and authenticates a new connection. */
    @FunctionalInterface
    public interface Connector {
        SmtpSession connect() throws MessagingException;
    }

    /** One open connection and how it has been used. */
    public static final class Connection {
        private final SmtpSession session;
        private int messages;
        private long lastUsedNanos = System.nanoTime();

        private Connection(SmtpSession session) {
            this.session = session;
        }

        public SmtpSession session() {
            return session;
        }

        /** Whether it has carried a message before: a reused connection may have been closed by the server meanwhile. */
        public boolean isReused() {
            return messages > 0;
        }
    }

    /** A connection idle this long is checked for a close by the server before it is used again. */
    private static final long STALE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String systemId;
    private final Connector connector;
    private final int size;
    private final int maxMessagesPerConnection;
    private final long idleTimeoutNanos;
    private final ScheduledExecutorService evictor;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> eviction;
    private volatile Runnable onStop;

    /**
     * @param size                     the most connections open at once
     * @param maxMessagesPerConnection messages after which a connection is closed and a new one opened
     * @param idleTimeoutMillis        how long an unused connection stays open
     * @param evictor                  runs the check that closes idle connections
     */
    public SmtpConnectionPool(
            String systemId,
            Connector connector,
            int size,
            int maxMessagesPerConnection,
            long idleTimeoutMillis,
            ScheduledExecutorService evictor) {
        if (size < 1 || maxMessagesPerConnection < 1 || idleTimeoutMillis < 1) {
            throw new IllegalArgumentException(
                    "connectionPoolSize, maxMessagesPerConnection and connectionIdleTimeout must be "
                            + "more than 0; got " + size + ", " + maxMessagesPerConnection + ", " + idleTimeoutMillis
                            + ".");
        }
        this.systemId = systemId;
        this.connector = connector;
        this.size = size;
        this.maxMessagesPerConnection = maxMessagesPerConnection;
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.evictor = evictor;
        this.permits = new Semaphore(size, true);
    }

    @Override
    protected void doStart() {
        long period = Math.max(10, TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos) / 2);
        eviction = evictor.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (eviction != null) {
            eviction.cancel(false);
        }
        if (onStop != null) {
            onStop.run();
        }
        open.forEach(this::close);
        idle.clear();
    }

    /** Runs {@code action} when the pool stops, before its connections close: mails waiting for one fail at once. */
    void onStop(Runnable action) {
        this.onStop = action;
    }

    /**
     * An open connection when one is free (an idle one, or a new one while fewer than {@code size} are open), else
     * {@code null} at once. Give it back with {@link #release} or {@link #discard}.
     */
    public Connection tryBorrow() throws MessagingException {
        return permits.tryAcquire() ? withPermit() : null;
    }

    private Connection withPermit() throws MessagingException {
        try {
            for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
                long idleNanos = System.nanoTime() - c.lastUsedNanos;
                if (idleNanos < idleTimeoutNanos && (idleNanos < STALE_CHECK_NANOS || !c.session.isStale())) {
                    return c;
                }
                close(c);
            }
            return fresh();
        } catch (MessagingException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * {@code messages} went through: keep the connection for the next, unless it has carried enough or is no longer
     * usable.
     */
    public void release(Connection connection, int messages) {
        connection.messages += messages;
        connection.lastUsedNanos = System.nanoTime();
        if (connection.messages >= maxMessagesPerConnection || !isRunAllowed() || !connection.session.isUsable()) {
            close(connection);
        } else {
            idle.offerFirst(connection);
        }
        permits.release();
    }

    /** How many more messages {@code connection} may carry before it is closed: at least 1 while it is borrowed. */
    public int messagesLeft(Connection connection) {
        return maxMessagesPerConnection - connection.messages;
    }

    /** A message failed: the connection's state is unknown, so it is closed. */
    public void discard(Connection connection) {
        close(connection);
        permits.release();
    }

    private Connection fresh() throws MessagingException {
        Connection connection = new Connection(connector.connect());
        open.add(connection);
        return connection;
    }

    private void closeIdle() {
        for (Connection c : idle) {
            if (System.nanoTime() - c.lastUsedNanos >= idleTimeoutNanos && idle.remove(c)) {
                close(c);
            }
        }
    }

    private void close(Connection connection) {
        open.remove(connection);
        try {
            connection.session.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing an SMTP connection of system '{}' failed: {}", systemId, e.getMessage());
        }
    }

    @ManagedAttribute(description = "The SMTP system's id")
    public String getSystemId() {
        return systemId;
    }

    @ManagedAttribute(description = "Connections open now")
    public int getOpenConnections() {
        return open.size();
    }

    @ManagedAttribute(description = "Open connections not in use now")
    public int getIdleConnections() {
        return idle.size();
    }

    @ManagedAttribute(description = "The most connections open at once")
    public int getSize() {
        return size;
    }
}
