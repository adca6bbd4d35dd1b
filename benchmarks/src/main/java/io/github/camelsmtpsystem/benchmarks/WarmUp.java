package io.github.camelsmtpsystem.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * When a row's warm-up ends: after its fewest rounds, once the JIT compiler has gone quiet (in two rounds in a row it
 * compiled for under 2% of their time), or after its most rounds. A fixed count of messages left smtp-system's longer
 * path (Camel, Jinjava, Angus) half compiled: on 2 cores its CPU per message went on falling for some 60,000 messages,
 * raw Angus's for 45,000, so rates measured earlier compared code the JIT had not finished with.
 */
final class WarmUp {

    /** Compilation under this share of a round's time counts as quiet. */
    private static final double QUIET_SHARE = 0.02;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final int fewest;
    private final int most;
    private int rounds;
    private int quietInARow;
    private boolean roundQuiet;

    WarmUp(int fewest, int most) {
        this.fewest = fewest;
        this.most = Math.max(fewest, most);
    }

    /** Whether another warm-up round is due. */
    boolean more() {
        return rounds < fewest || (rounds < most && quietInARow < 2);
    }

    /** A round begins: each of its runs then reports with {@link #ran}. */
    void beginRound() {
        roundQuiet = true;
    }

    /** One run of the round took {@code nanos}, while the JIT compiled for {@code compilingMillis}. */
    void ran(long nanos, long compilingMillis) {
        if (compilingMillis > QUIET_SHARE * nanos / 1e6) {
            roundQuiet = false;
        }
    }

    void endRound() {
        rounds++;
        quietInARow = roundQuiet ? quietInARow + 1 : 0;
    }

    int rounds() {
        return rounds;
    }

    /** Whether warm-up ended because the JIT went quiet, not at its most rounds. */
    boolean quiet() {
        return quietInARow >= 2;
    }

    /** The JIT's compilation time so far, in milliseconds; 0 where the JVM does not measure it (every round quiet). */
    static long compilingMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }
}
