package io.github.camelsmtpsystem.delivery;

/**
 * Counts events in the last period (an hour in production) in sixty buckets, so that the count is exact to a
 * sixtieth of the period and costs the same at any rate. The cap itself is the Throttle EIP's; this is for metrics.
 */
final class RollingHourCount {

    private static final int BUCKETS = 60;

    private final long bucketNanos;
    private final long[] counts = new long[BUCKETS];
    private final long[] bucketOf = new long[BUCKETS];

    RollingHourCount(long periodMillis) {
        this.bucketNanos = Math.max(1, periodMillis * 1_000_000 / BUCKETS);
    }

    synchronized void record(long nanoTime) {
        long bucket = nanoTime / bucketNanos;
        int slot = (int) Math.floorMod(bucket, BUCKETS);
        if (bucketOf[slot] != bucket) {
            bucketOf[slot] = bucket;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    synchronized long count(long nanoTime) {
        long current = nanoTime / bucketNanos;
        long total = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            if (current - bucketOf[slot] < BUCKETS) {
                total += counts[slot];
            }
        }
        return total;
    }
}
