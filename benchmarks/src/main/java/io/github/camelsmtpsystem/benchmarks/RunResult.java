package io.github.camelsmtpsystem.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.OperatingSystemMXBean;

/**
 * One timed run: a client sends messages 0 to n-1 from some threads (thread t sends t, t+T, t+2T, ...); the time runs
 * from the threads' common start to the last message the server accepted, and the server's own count must grow by as
 * many messages as the client says it sent.
 *
 * @param messages the messages the run was to send
 * @param sent     the messages the client says the server accepted
 * @param received how many more messages the server counted
 * @param nanos    how long it took
 * @param cpuNanos the CPU time the client's JVM used meanwhile, every thread of it (JIT and GC too); the server is a
 *                 process of its own and does not count
 * @param failure  the first failure, or {@code null}
 */
record RunResult(int messages, int sent, long received, long nanos, long cpuNanos, Throwable failure) {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** A run is bounded: every send has socket timeouts, and the whole run stops after this. */
    private static final long RUN_LIMIT_MINUTES = 20;

    double perSecond() {
        return sent * 1e9 / nanos;
    }

    /**
     * The client's CPU time per message sent, in microseconds: steadier than a rate on a shared machine. Not a number
     * for a run of under half a second of CPU: the JVM reads the process's CPU time in steps of 10 ms.
     */
    double cpuMicrosPerMessage() {
        return sent == 0 || cpuNanos < 500_000_000L ? Double.NaN : cpuNanos / 1e3 / sent;
    }

    /** Every message sent, and each counted by the server. */
    boolean accounted() {
        return failure == null && sent == messages && received == sent;
    }

    static RunResult run(BenchClient client, int threads, int messages, SmtpServer server) throws Exception {
        return run(client, threads, messages, server, TimeUnit.SECONDS.toNanos(15));
    }

    /**
     * @param countWaitNanos how long to wait for the server to count the messages the client sent
     */
    static RunResult run(BenchClient client, int threads, int messages, SmtpServer server, long countWaitNanos)
            throws Exception {
        List<BenchClient.ThreadSender> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            senders.add(client.thread(t));
        }
        // garbage from the run before is collected now, not in this run's time
        System.gc();
        long before = server.received();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            BenchClient.ThreadSender sender = senders.get(t);
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            for (int i = first; i < messages && failure.get() == null; i += threads) {
                                sender.send(i);
                                sent.incrementAndGet();
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            done.countDown();
                        }
                    },
                    client.name() + "-sender-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long cpuBefore = OS.getProcessCpuTime();
        long began = System.nanoTime();
        start.countDown();
        if (!done.await(RUN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            failure.compareAndSet(
                    null, new IllegalStateException("The run did not end within " + RUN_LIMIT_MINUTES + " minutes."));
            workers.forEach(Thread::interrupt);
        }
        long nanos = System.nanoTime() - began;
        long cpuNanos = OS.getProcessCpuTime() - cpuBefore;
        for (BenchClient.ThreadSender sender : senders) {
            try {
                sender.close();
            } catch (Exception e) {
                // the messages are sent; a failing QUIT does not matter here
            }
        }
        return new RunResult(
                messages,
                sent.get(),
                awaitCount(server, before, sent.get(), countWaitNanos),
                nanos,
                cpuNanos,
                failure.get());
    }

    /** The server counts asynchronously to the client's view: wait until it has counted them all, or a while. */
    private static long awaitCount(SmtpServer server, long before, int expected, long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        long received;
        while ((received = server.received() - before) < expected && System.nanoTime() < deadline) {
            ServerProcess.sleep(10);
        }
        return received;
    }
}
