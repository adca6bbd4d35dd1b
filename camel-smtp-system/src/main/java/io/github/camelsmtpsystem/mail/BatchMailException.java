package io.github.camelsmtpsystem.mail;

import java.util.List;

/**
 * Mails of a batch sent in runs failed. Every entity of the batch kept its own outcome: this names the entities that
 * were sent ({@link #getSentEntityIds()}), refused, not sent and uncertain, each in the batch's order, so that a retry
 * of the batch can leave out what was delivered. {@link #getEntityId()} is the first entity that failed.
 */
public class BatchMailException extends EntityMailException {

    private static final long serialVersionUID = 1L;

    private final List<String> refusedEntityIds;
    private final List<String> notSentEntityIds;
    private final List<String> uncertainEntityIds;

    /**
     * @param firstFailed the {@code _id} of the first entity that failed
     * @param safeReason  the failure told with its ids made safe
     */
    public BatchMailException(
            String firstFailed,
            String safeReason,
            Throwable cause,
            List<String> sent,
            List<String> refused,
            List<String> notSent,
            List<String> uncertain) {
        super(sent, firstFailed, safeReason, cause, !uncertain.isEmpty());
        this.refusedEntityIds = List.copyOf(refused);
        this.notSentEntityIds = List.copyOf(notSent);
        this.uncertainEntityIds = List.copyOf(uncertain);
    }

    /** The entities whose mails the server refused for good (5xx, a bad address); sending them again fails again. */
    public List<String> getRefusedEntityIds() {
        return refusedEntityIds;
    }

    /** The entities whose mails did not reach the server after every retry: sending them again is safe. */
    public List<String> getNotSentEntityIds() {
        return notSentEntityIds;
    }

    /**
     * The entities whose mails went to the server without a final reply: they may have been delivered. Their
     * {@code Message-ID} is stable, so a copy sent again can be recognised.
     */
    public List<String> getUncertainEntityIds() {
        return uncertainEntityIds;
    }
}
