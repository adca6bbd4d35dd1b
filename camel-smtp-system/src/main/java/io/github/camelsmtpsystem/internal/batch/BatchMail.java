package io.github.camelsmtpsystem.internal.batch;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.smtp.SmtpFailures;
import io.github.camelsmtpsystem.internal.smtp.SmtpSession;

/**
 * One entity of a batch, its mail (when it has one) and what became of it. The run that carries the mail tells it its
 * outcome; the first outcome told after a send holds, so a late reply cannot change what the exchange was told.
 */
public final class BatchMail implements SmtpSession.Delivery {

    /** What became of an entity of a batch. */
    public enum Outcome {
        /** The SMTP server accepted the mail. */
        SENT,
        /** Over the system's max_per_hour: logged and discarded. */
        DISCARDED,
        /** Skipped by rule (a deleted entity). */
        SKIPPED,
        /** The server refused the mail for good (5xx, a bad address). */
        REFUSED,
        /** The mail did not reach the server (a connection failure, a 4xx): sending it again is safe. */
        NOT_SENT,
        /** Its end of data went to the server and no final reply came: it may have been delivered. */
        UNCERTAIN,
        /** Waiting for its cap decision or its run. */
        PENDING
    }

    private final int position;
    private final String entityId;
    private final MimeMessage message;
    private Outcome outcome = Outcome.PENDING;
    private Exception failure;
    /** Set once the exchange was told: no later reply changes the outcome. */
    private boolean sealed;

    /**
     * @param position the entity's place in the batch, from 0
     * @param entityId its {@code _id}
     * @param message  its mail, or {@code null} for an entity that has none (skipped)
     */
    public BatchMail(int position, String entityId, MimeMessage message) {
        this.position = position;
        this.entityId = entityId;
        this.message = message;
    }

    /** An entity skipped by rule: it has no mail. */
    public static BatchMail skipped(int position, String entityId) {
        BatchMail mail = new BatchMail(position, entityId, null);
        mail.outcome = Outcome.SKIPPED;
        mail.sealed = true;
        return mail;
    }

    /**
     * An entity that could not become a mail (a template error, a bad address), or one after it, which the batch did
     * not get to.
     */
    public static BatchMail unsent(int position, String entityId, Outcome outcome, Exception cause) {
        BatchMail mail = new BatchMail(position, entityId, null);
        mail.outcome = outcome;
        mail.failure = cause;
        mail.sealed = true;
        return mail;
    }

    /** Discarded over the cap. */
    public synchronized void discarded() {
        outcome = Outcome.DISCARDED;
        sealed = true;
    }

    /** Could not pass the cap: not sent. */
    public synchronized void notSent(MessagingException cause) {
        outcome = Outcome.NOT_SENT;
        failure = cause;
        sealed = true;
    }

    /** The entity's place in the batch, from 0. */
    public int position() {
        return position;
    }

    /** The entity's {@code _id}. */
    public String entityId() {
        return entityId;
    }

    @Override
    public MimeMessage message() {
        return message;
    }

    @Override
    public synchronized void delivered() {
        if (!sealed) {
            outcome = Outcome.SENT;
            failure = null;
        }
    }

    @Override
    public synchronized void failed(MessagingException e) {
        if (!sealed) {
            outcome = SmtpFailures.isUncertain(e)
                    ? Outcome.UNCERTAIN
                    : SmtpFailures.isTransient(e) || SmtpFailures.isBrokenConnection(e)
                            ? Outcome.NOT_SENT
                            : Outcome.REFUSED;
            failure = e;
        }
    }

    /** Sets an outcome decided outside a run (skipped, discarded, a failure before the run). */
    synchronized void decide(Outcome decided, MessagingException cause) {
        if (!sealed) {
            outcome = decided;
            failure = cause;
        }
    }

    /** Goes into another run: its previous failure is forgotten. */
    synchronized void again() {
        if (!sealed) {
            outcome = Outcome.PENDING;
            failure = null;
        }
    }

    /**
     * The outcome is final: a mail its run did not tell in time is uncertain (its run may still be writing it), and no
     * later reply changes it.
     */
    synchronized void seal() {
        if (outcome == Outcome.PENDING) {
            outcome = Outcome.UNCERTAIN;
            failure = new MessagingException("No outcome came within the bound of the mail's run: it may have been "
                    + "delivered, so it is not sent again automatically");
        }
        sealed = true;
    }

    /** Whether the outcome is final. */
    synchronized boolean isSealed() {
        return sealed;
    }

    /** What became of the entity so far; final once the batch is finished. */
    public synchronized Outcome outcome() {
        return outcome;
    }

    /** Why it was refused, not sent or uncertain; {@code null} otherwise. */
    public synchronized Exception failure() {
        return failure;
    }
}
