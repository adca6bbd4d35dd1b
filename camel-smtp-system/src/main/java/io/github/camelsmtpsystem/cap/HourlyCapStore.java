package io.github.camelsmtpsystem.cap;

import java.time.Duration;

/**
 * Where the hourly budget ({@code max_per_hour}) of SMTP systems lives when it must outlast one JVM: a restart of the
 * application, or replicas of it. The component asks the store for a permit before each send; a mail it refuses goes
 * the same way as one the Throttle EIP refuses: logged, counted, discarded.
 * <p>
 * Implementations count permits in one-second buckets, so that they hold a bounded amount of data per key whatever the
 * budget, and must keep this guarantee: at most {@code max} permits in any span of {@code period}, across every
 * process that uses the same store, where rounding to whole seconds may only ever grant fewer. They must be safe to
 * call from many threads. A failure to reach the store is thrown (any {@link RuntimeException}); the component then
 * fails the mail, never sends it uncapped. {@code toString()} names the store for messages and must never hold a
 * secret.
 * <p>
 * Name an implementation in the component option {@code capStore=#beanName}.
 */
public interface HourlyCapStore extends AutoCloseable {

    /**
     * Takes one permit for {@code key} when fewer than {@code max} were taken in the {@code period} that ends now.
     *
     * @param  key    the budget's key: the system's {@code _id} with the component's {@code capStoreKeyPrefix}
     * @param  max    the budget, {@code max_per_hour}; 0 refuses every permit
     * @param  period the budget's period: one hour, shorter only in tests
     * @return        whether the permit was taken
     */
    boolean tryAcquire(String key, int max, Duration period);

    /**
     * How many permits were taken for {@code key} in the {@code period} that ends now (the sends in the last hour).
     */
    long used(String key, Duration period);

    /** Releases connections and files. The component closes the stores it opened when it stops. */
    @Override
    default void close() {}

    /**
     * The number of one-second buckets a store must sum so that a period of whole or partial seconds is never
     * under-counted: a span of {@code period} touches at most {@code ceil(period / 1s) + 1} of them.
     */
    static int windowSeconds(Duration period) {
        long millis = Math.max(1, period.toMillis());
        return Math.toIntExact((millis + 999) / 1000 + 1);
    }
}
