package io.github.camelsmtpsystem.internal.batch;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.internal.runtime.SmtpRetry;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionSettings;
import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;

/**
 * Sends the runs of one SMTP system's batches: each run on a thread of its own executor (as many as the pool has
 * connections), so that several runs are in flight where the pool has several connections while the batch's next
 * entities still pass the cap. One per system; each exchange's batch is a {@link BatchRun}.
 */
public final class BatchRuns {

    /**
     * The most mails in one run. The replies of a run (three or four short lines a mail) must fit the socket buffers
     * while the run is written, and a connection cut after a run's end of data leaves up to this many mails uncertain;
     * 25 keeps both small, sends a batch of 100 in four runs and divides the 100 mails a connection carries by default.
     */
    public static final int MOST_PER_RUN = 25;

    private final String systemId;
    private final SmtpSystemMailSender sender;
    private final ExecutorService executor;
    private final SmtpRetry retry;
    private final SystemCounters counters;
    private final SmtpConnectionSettings timeouts;

    /**
     * @param executor runs the runs; shut down by the system
     * @param retry    how runs' mails that were not sent are sent again
     * @param timeouts the connections' timeouts, which bound every wait of a run
     */
    public BatchRuns(
            String systemId,
            SmtpSystemMailSender sender,
            ExecutorService executor,
            SmtpRetry retry,
            SystemCounters counters,
            SmtpConnectionSettings timeouts) {
        this.systemId = systemId;
        this.sender = sender;
        this.executor = executor;
        this.retry = retry;
        this.counters = counters;
        this.timeouts = timeouts;
    }

    /** A new batch, for one exchange. */
    public BatchRun newBatch() {
        return new BatchRun(this);
    }

    String systemId() {
        return systemId;
    }

    SmtpRetry retry() {
        return retry;
    }

    SystemCounters counters() {
        return counters;
    }

    /** Sends {@code run} on a thread of the executor. */
    Future<?> dispatch(List<BatchMail> run) {
        return executor.submit(() -> sender.sendRun(run, connectionWaitMillis()));
    }

    /**
     * The longest a run waits for a free connection: long enough for a run on every other connection to end (a run's
     * last wait is its final reply's).
     */
    long connectionWaitMillis() {
        return timeouts.finalReplyMillis() + timeouts.readMillis();
    }

    /**
     * The longest a run of {@code mails} may take once it has a connection, from the timeouts: connect, sign-in (at
     * most six replies), each mail's replies (four and its final one) and the write of its content, and QUIT.
     */
    long runBoundMillis(int mails) {
        return timeouts.connectMillis()
                + timeouts.writeMillis() * (2L + mails)
                + timeouts.readMillis() * (7L + 4L * mails)
                + timeouts.finalReplyMillis() * mails;
    }
}
