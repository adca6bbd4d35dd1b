package io.github.camelsmtpsystem.internal.smtp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mails of one SMTP system whose threads found no free connection of its pool. A sending thread that gets a
 * connection sends its own mail and every mail waiting then as one pipelined run ({@link SmtpSession#send}): up to
 * {@link #MOST_PER_RUN}, and no more than the connection may still carry. The threads of the others wait for their
 * mail's outcome. So more threads than connections share the connections, a mail's end going with the next mail's
 * commands, instead of each waiting for a connection of its own; with enough connections each mail goes on its own.
 * <p>
 * No mail waits for nothing: when a new connection cannot be opened, the mails waiting for one fail with that failure
 * (not sent: the route may retry them), and when the system stops, waiting mails fail at once.
 */
final class MailQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MailQueue.class);

    /**
     * The most mails in one run. Their replies (about four lines each) must fit the socket buffers while the run is
     * written, or the server, unable to write them, would stop reading; the mails' content is held until the run goes.
     */
    static final int MOST_PER_RUN = 16;

    private final String systemId;
    private final SmtpConnectionPool pool;
    private final int mostPerRun;
    private final Deque<QueuedMail> waiting = new ArrayDeque<>();
    /**
     * Counts the runs that ended and the connections that could not be opened, so that a thread that found no free
     * connection waits only until the next of these.
     */
    private long runsEnded;
    /** Set when the system stops: no mail waits any longer. */
    private boolean closed;
    /** How long a waiting thread sleeps before it looks for a free connection again, whatever it was told. */
    private final long recheckMillis;

    /**
     * @param mostPerRun    at most {@link #MOST_PER_RUN}; 1 sends each mail on its own
     * @param recheckMillis the longest a waiting thread sleeps before it looks for a free connection again
     */
    MailQueue(String systemId, SmtpConnectionPool pool, int mostPerRun, long recheckMillis) {
        this.systemId = systemId;
        this.pool = pool;
        this.mostPerRun = mostPerRun;
        this.recheckMillis = recheckMillis;
        pool.onStop(this::close);
    }

    /** The system stops: every mail still waiting for a connection fails now, and no new one waits. */
    void close() {
        synchronized (this) {
            closed = true;
            MessagingException stopped =
                    new MessagingException("SMTP system '" + systemId + "' stopped before the mail was sent");
            for (QueuedMail mail : waiting) {
                mail.queued = false;
                mail.failed(stopped);
            }
            waiting.clear();
            notifyAll();
        }
    }

    /**
     * Sends {@code message}, on this thread or on another that holds a connection; returns once the server took it. A
     * mail waits in the queue, for another thread's run, only when no connection was free for it: where there are
     * enough connections, each mail goes on its own, in parallel, as it would without the queue.
     */
    void send(MimeMessage message) throws MessagingException {
        QueuedMail mail = new QueuedMail(message);
        boolean interrupted = false;
        try {
            while (true) {
                long runs;
                synchronized (this) {
                    while (!mail.done && mail.taken) {
                        try {
                            // the run that took it tells it: the run's own waits are bounded by the timeouts
                            wait(recheckMillis);
                        } catch (InterruptedException e) {
                            // another thread is sending it: only its outcome says whether it was delivered
                            interrupted = true;
                        }
                    }
                    if (mail.done) {
                        mail.outcome();
                        return;
                    }
                    if (closed) {
                        throw new MessagingException("SMTP system '" + systemId + "' stopped before the mail was sent");
                    }
                    runs = runsEnded;
                }
                SmtpConnectionPool.Connection connection = borrow(mail);
                if (connection != null) {
                    sendWaiting(connection, mail);
                } else {
                    waitForRun(mail, runs);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A free connection, or {@code null} with the mail in the queue. When a new connection cannot be opened, the mail
     * fails (unless another thread has taken it into its run meanwhile), and so does every mail waiting for one: they
     * would meet the same server, and the route's retries wait between attempts where these threads would not.
     */
    private SmtpConnectionPool.Connection borrow(QueuedMail mail) throws MessagingException {
        SmtpConnectionPool.Connection connection;
        try {
            connection = pool.tryBorrow();
        } catch (MessagingException | RuntimeException e) {
            synchronized (this) {
                for (QueuedMail other : waiting) {
                    if (other != mail) {
                        other.queued = false;
                        other.failed(notOpened(e));
                    }
                }
                waiting.removeIf(other -> other != mail);
                runsEnded++;
                notifyAll();
                if (!mail.taken) {
                    dequeue(mail);
                    throw e;
                }
            }
            return null;
        }
        if (connection == null) {
            synchronized (this) {
                if (!mail.queued && !mail.taken && !mail.done) {
                    waiting.addLast(mail);
                    mail.queued = true;
                }
            }
        }
        return connection;
    }

    /**
     * Sends the mails of a batch's run ({@code run}, in order) on the pool's connections: on one connection as one
     * pipelined run when it may carry them all, else in parts, each on the next free connection, in order. Each mail is
     * told its outcome; mails left untold by a connection that broke go on the next one, and when a reused connection
     * turns out closed by the server before its first mail, its mails go once more on a new one. Waits for a free
     * connection at most {@code waitMillis} in all; the mails still unsent then fail, not sent.
     */
    void sendRun(List<? extends SmtpSession.Delivery> run, long waitMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        List<RunMail> left = new ArrayList<>(run.size());
        run.forEach(mail -> left.add(new RunMail(mail)));
        boolean staleSeen = false;
        while (!left.isEmpty()) {
            SmtpConnectionPool.Connection connection;
            try {
                connection = borrowWithin(deadline, waitMillis);
            } catch (MessagingException | RuntimeException e) {
                MessagingException failure = notOpened(e);
                left.forEach(mail -> mail.delivery.failed(failure));
                return;
            }
            List<RunMail> part = new ArrayList<>(left.subList(0, Math.min(left.size(), pool.messagesLeft(connection))));
            try {
                connection.session().send(part);
            } catch (RuntimeException e) {
                // not expected: the session tells its mails; those it did not tell are not sent
                pool.discard(connection);
                part.forEach(mail -> mail.tellUnlessTold(new MessagingException("Sending failed: " + e, e)));
                left.removeAll(part);
                runEnded();
                continue;
            }
            // a pooled connection the server closed while it waited: no failure of its mails, they go again, once
            boolean stale = !staleSeen && connection.isReused() && part.get(0).failedOnBrokenConnection();
            staleSeen |= stale;
            if (!stale && part.stream().noneMatch(mail -> mail.done)) {
                // never loop on a connection that carried nothing: its mails are not sent
                part.forEach(mail -> mail.failed(
                        new MessagingException("The mail was not sent: the SMTP connection failed before it")));
            }
            int told = 0;
            for (RunMail mail : part) {
                if (mail.done && !(stale && mail.failedOnBrokenConnection())) {
                    mail.tell();
                    left.remove(mail);
                    told++;
                } else {
                    mail.reset();
                }
            }
            if (left.isEmpty() && connection.session().isUsable()) {
                pool.release(connection, told);
            } else {
                pool.discard(connection);
            }
            runEnded();
            if (stale) {
                LOG.debug(
                        "A pooled SMTP connection of system '{}' was closed by the server; the run goes on a new one",
                        systemId);
            }
        }
    }

    /** A free connection, waiting for one until {@code deadline} at most (a run ends meanwhile, or the recheck). */
    private SmtpConnectionPool.Connection borrowWithin(long deadline, long waitMillis) throws MessagingException {
        while (true) {
            long runs;
            synchronized (this) {
                if (closed) {
                    throw new MessagingException("SMTP system '" + systemId + "' stopped before the mail was sent");
                }
                runs = runsEnded;
            }
            SmtpConnectionPool.Connection connection = pool.tryBorrow();
            if (connection != null) {
                return connection;
            }
            synchronized (this) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    throw new MessagingException("No connection of SMTP system '" + systemId + "' came free within "
                            + waitMillis + " ms; the mail was not sent");
                }
                if (runsEnded == runs && !closed) {
                    try {
                        wait(Math.max(1, Math.min(recheckMillis, TimeUnit.NANOSECONDS.toMillis(leftNanos))));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MessagingException(
                                "Interrupted while waiting for an SMTP connection of system '" + systemId + "'", e);
                    }
                }
            }
        }
    }

    private void runEnded() {
        synchronized (this) {
            runsEnded++;
            notifyAll();
        }
    }

    /** Waits until the mail is taken into a run, or a run ends (a connection may be free then). */
    private void waitForRun(QueuedMail mail, long runs) throws MessagingException {
        synchronized (this) {
            while (!mail.done && !mail.taken && runsEnded == runs && !closed) {
                try {
                    wait(recheckMillis);
                } catch (InterruptedException e) {
                    if (!mail.taken) {
                        dequeue(mail);
                        Thread.currentThread().interrupt();
                        throw new MessagingException(
                                "Interrupted while waiting for an SMTP connection of system '" + systemId + "'", e);
                    }
                }
            }
        }
    }

    /** The failure of a mail that waited while a new connection could not be opened. */
    private static MessagingException notOpened(Exception cause) {
        if (cause instanceof MessagingException failure) {
            return failure;
        }
        return new MessagingException("Cannot open an SMTP connection: " + cause, cause);
    }

    private void dequeue(QueuedMail mail) {
        if (mail.queued) {
            waiting.remove(mail);
            mail.queued = false;
        }
    }

    /**
     * Sends {@code own} (unless another run has taken it) and the mails waiting now on {@code connection}, and gives
     * the connection back (or closes it after a failure).
     */
    private void sendWaiting(SmtpConnectionPool.Connection connection, QueuedMail own) {
        List<QueuedMail> run = new ArrayList<>();
        try {
            int most = Math.min(mostPerRun, pool.messagesLeft(connection));
            synchronized (this) {
                if (!own.taken && !own.done) {
                    dequeue(own);
                    own.taken = true;
                    run.add(own);
                }
                while (run.size() < most && !waiting.isEmpty()) {
                    QueuedMail next = waiting.pollFirst();
                    next.queued = false;
                    next.taken = true;
                    run.add(next);
                }
            }
            if (run.isEmpty()) {
                pool.release(connection, 0);
                return;
            }
            connection.session().send(run);
            afterRun(connection, run);
        } catch (RuntimeException e) {
            pool.discard(connection);
            run.forEach(mail -> mail.failed(new MessagingException("Sending failed: " + e, e)));
        } finally {
            synchronized (this) {
                runsEnded++;
                notifyAll();
            }
        }
    }

    /**
     * Gives the connection back, or closes it after a failure; mails the run did not get to wait again. When the server
     * had closed a reused connection while it waited in the pool, that is no failure of its mails: they wait again,
     * once, for another connection.
     */
    private void afterRun(SmtpConnectionPool.Connection connection, List<QueuedMail> run) {
        boolean stale = connection.isReused() && run.get(0).failedOnBrokenConnection();
        List<QueuedMail> again = new ArrayList<>();
        for (QueuedMail mail : run) {
            if (!mail.done || stale && !mail.retried && mail.failedOnBrokenConnection()) {
                again.add(mail);
            }
        }
        if (again.isEmpty() && connection.session().isUsable()) {
            pool.release(connection, run.size());
        } else {
            pool.discard(connection);
        }
        if (again.isEmpty()) {
            return;
        }
        if (stale) {
            LOG.debug(
                    "A pooled SMTP connection of system '{}' was closed by the server ({}); sending on a new one",
                    systemId,
                    run.get(0).failure.getMessage());
        }
        synchronized (this) {
            for (int i = again.size() - 1; i >= 0; i--) {
                again.get(i).waitAgain(stale);
                waiting.addFirst(again.get(i));
                again.get(i).queued = true;
            }
        }
    }

    /** A mail of a batch's run: its outcome is held until the run is over, so that a stale connection can be retried. */
    static final class RunMail extends DeliveryOutcome {
        private final SmtpSession.Delivery delivery;

        RunMail(SmtpSession.Delivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public MimeMessage message() {
            return delivery.message();
        }

        void tell() {
            if (failure == null) {
                delivery.delivered();
            } else {
                delivery.failed(failure);
            }
        }

        void tellUnlessTold(MessagingException e) {
            failed(e);
            tell();
        }
    }

    /** A mail in the queue, and what became of it. */
    private static final class QueuedMail extends DeliveryOutcome {
        private final MimeMessage message;
        /** In {@link #waiting}: its thread found no free connection. */
        private boolean queued;
        /** Taken into a run: only that run's thread may say what became of it. */
        private volatile boolean taken;
        /** Sent again after its connection turned out closed by the server. */
        private boolean retried;

        QueuedMail(MimeMessage message) {
            this.message = message;
        }

        @Override
        public MimeMessage message() {
            return message;
        }

        void waitAgain(boolean afterStaleConnection) {
            retried |= afterStaleConnection && done;
            reset();
            taken = false;
        }

        void outcome() throws MessagingException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
