package io.github.camelsmtpsystem.internal.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.mail.MessagingException;

import io.github.camelsmtpsystem.internal.runtime.SmtpRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mails of one exchange's batch that passed the system's cap, sent as pipelined runs: a run goes as soon as it
 * holds {@link BatchRuns#MOST_PER_RUN} mails (while the batch's next entities still pass the cap), the rest when the
 * batch is done. Runs keep the batch's order; each run goes on one connection. When every run is over, the mails that
 * were not sent (a connection failure, a 4xx) go again in new runs, with the system's retry delays; refused mails never,
 * uncertain ones only with {@code retryUncertain}. Used by one thread, the exchange's.
 */
public final class BatchRun {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);

    private final BatchRuns runs;
    private final List<BatchMail> passed = new ArrayList<>();
    private final List<BatchMail> pending = new ArrayList<>();
    private final List<Flight> inFlight = new ArrayList<>();

    /** A run sent, and its mails. */
    private record Flight(Future<?> future, List<BatchMail> mails) {}

    BatchRun(BatchRuns runs) {
        this.runs = runs;
    }

    /** A mail that passed the cap: it goes in the next run. */
    public void add(BatchMail mail) {
        passed.add(mail);
        pending.add(mail);
        if (pending.size() >= BatchRuns.MOST_PER_RUN) {
            flush();
        }
    }

    /**
     * Sends what is left, waits for every run (each wait bounded by the timeouts), sends again what was not sent as the
     * retry settings say, and counts each mail's outcome on the system. Returns with every mail's outcome final.
     */
    public void finish() {
        flush();
        awaitRuns();
        SmtpRetry retry = runs.retry();
        long delay = retry.redeliveryDelayMillis();
        for (int attempt = 1; attempt <= retry.maximumRedeliveries(); attempt++) {
            List<BatchMail> again = new ArrayList<>();
            for (BatchMail mail : passed) {
                if (mayGoAgain(mail, retry)) {
                    again.add(mail);
                }
            }
            if (again.isEmpty()) {
                break;
            }
            LOG.warn(
                    "SMTP system '{}': {} mail(s) of a batch were not sent; sending them again in {} ms "
                            + "(attempt {} of {})",
                    runs.systemId(),
                    again.size(),
                    delay,
                    attempt,
                    retry.maximumRedeliveries());
            if (!pause(delay)) {
                break;
            }
            delay = Math.min((long) (delay * retry.backOffMultiplier()), retry.maximumRedeliveryDelayMillis());
            for (BatchMail mail : again) {
                mail.again();
                pending.add(mail);
                if (pending.size() >= BatchRuns.MOST_PER_RUN) {
                    flush();
                }
            }
            flush();
            awaitRuns();
        }
        for (BatchMail mail : passed) {
            mail.seal();
            switch (mail.outcome()) {
                case SENT -> runs.counters().sent();
                case UNCERTAIN -> {
                    runs.counters().failed();
                    runs.counters().uncertain();
                }
                default -> runs.counters().failed();
            }
        }
    }

    private static boolean mayGoAgain(BatchMail mail, SmtpRetry retry) {
        return !mail.isSealed()
                && (mail.outcome() == BatchMail.Outcome.NOT_SENT
                        || retry.retryUncertain() && mail.outcome() == BatchMail.Outcome.UNCERTAIN);
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<BatchMail> run = List.copyOf(pending);
        pending.clear();
        try {
            inFlight.add(new Flight(runs.dispatch(run), run));
        } catch (RuntimeException e) {
            // the system stopped: its executor takes no more runs
            MessagingException failure =
                    new MessagingException("The mail was not sent: SMTP system '" + runs.systemId() + "' stopped", e);
            run.forEach(mail -> mail.decide(BatchMail.Outcome.NOT_SENT, failure));
        }
    }

    /** Waits for each run in flight, each at most as long as its timeouts allow; a run over its bound is cancelled. */
    private void awaitRuns() {
        boolean interrupted = false;
        for (Flight flight : inFlight) {
            long bound = runs.connectionWaitMillis()
                    + runs.runBoundMillis(flight.mails().size());
            try {
                if (interrupted) {
                    flight.future().cancel(true);
                } else {
                    flight.future().get(bound, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                flight.future().cancel(true);
            } catch (TimeoutException e) {
                LOG.warn(
                        "SMTP system '{}': a run of {} mail(s) took longer than its bound of {} ms; its mails without an "
                                + "outcome count as uncertain",
                        runs.systemId(),
                        flight.mails().size(),
                        bound);
                flight.future().cancel(true);
            } catch (ExecutionException e) {
                MessagingException failure = new MessagingException("Sending the run failed: " + e.getCause(), e);
                flight.mails().forEach(mail -> {
                    if (mail.outcome() == BatchMail.Outcome.PENDING) {
                        mail.failed(failure);
                    }
                });
            }
            // what the run did not tell by now it will not be allowed to tell: uncertain
            flight.mails().forEach(mail -> {
                if (mail.outcome() == BatchMail.Outcome.PENDING) {
                    mail.seal();
                }
            });
        }
        inFlight.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits before a retry; false when interrupted (no more retries then). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
