package io.github.camelsmtpsystem.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One timed run: a client sends messages 0 to n-1 from some threads (thread t sends t, t+T, t+2T, ...); the time runs
 * from the threads' common start to the last message the server accepted, and the server's own count must grow by as
 * many messages as the client says it sent.
 *
 * @param messages the messages the run was to send
 * @param sent     the messages the client says the server accepted
 * @param received how many more messages the server counted
 * @param nanos    how long it took
 * @param failure  the first failure, or {@code null}
 */
record RunResult(int messages, int sent, long received, long nanos, Throwable failure) {

    /** A run is bounded: every send has socket timeouts, and the whole run stops after this. */
    private static final long RUN_LIMIT_MINUTES = 20;

    double perSecond() {
        return sent * 1e9 / nanos;
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
        long began = System.nanoTime();
        start.countDown();
        if (!done.await(RUN_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            failure.compareAndSet(
                    null, new IllegalStateException("The run did not end within " + RUN_LIMIT_MINUTES + " minutes."));
            workers.forEach(Thread::interrupt);
        }
        long nanos = System.nanoTime() - began;
        for (BenchClient.ThreadSender sender : senders) {
            try {
                sender.close();
            } catch (Exception e) {
                // the messages are sent; a failing QUIT does not matter here
            }
        }
        return new RunResult(
                messages, sent.get(), awaitCount(server, before, sent.get(), countWaitNanos), nanos, failure.get());
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
