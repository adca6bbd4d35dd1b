package io.github.camelsmtpsystem.internal.smtp;

import jakarta.mail.MessagingException;

/**
 * A mail of a run whose outcome is held where the session tells it: the first outcome stays (a mail the run had
 * told keeps it), and the holder decides later whether to pass it on or send the mail again.
 */
abstract class DeliveryOutcome implements SmtpSession.Delivery {

    /** Whether an outcome was told. */
    volatile boolean done;
    /** The failure told, or {@code null} when delivered. */
    volatile MessagingException failure;

    @Override
    public void delivered() {
        done = true;
    }

    @Override
    public void failed(MessagingException e) {
        if (!done) {
            failure = e;
            done = true;
        }
    }

    /** Failed before the end of its data was written, on a connection that broke: safe to send again. */
    boolean failedOnBrokenConnection() {
        return done && failure != null && SmtpFailures.isBrokenConnection(failure);
    }

    /** Forgets the outcome: the mail goes again. */
    void reset() {
        done = false;
        failure = null;
    }
}
