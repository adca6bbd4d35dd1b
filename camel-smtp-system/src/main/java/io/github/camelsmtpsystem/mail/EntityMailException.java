package io.github.camelsmtpsystem.mail;

import java.util.List;

import org.apache.camel.RuntimeCamelException;

/**
 * One entity could not become a mail, or its mail could not be sent. Names the entity and, for a batch, the entities
 * of the same exchange that were already sent, so that nothing is lost or sent twice without the caller knowing.
 */
public class EntityMailException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final String entityId;
    private final List<String> sentEntityIds;
    private final boolean uncertain;
    /** The reason as {@link #withSafeIds} shows it; {@code null} when made by the other constructors. */
    private String safeReason;

    /** The most ids of sent entities {@link #withSafeIds} lists in the message (all are in getSentEntityIds()). */
    private static final int MAX_SENT_SHOWN = 20;

    public EntityMailException(String entityId, String message) {
        this(entityId, message, null, List.of());
    }

    public EntityMailException(String entityId, String message, Throwable cause, List<String> sentEntityIds) {
        this(entityId, message, cause, sentEntityIds, false);
    }

    /**
     * @param uncertain whether the mail may have been delivered: its end of data went to the server and no final reply
     *                  came
     */
    public EntityMailException(
            String entityId, String message, Throwable cause, List<String> sentEntityIds, boolean uncertain) {
        super(describe(entityId, message, sentEntityIds), cause);
        this.entityId = entityId;
        this.sentEntityIds = List.copyOf(sentEntityIds);
        this.uncertain = uncertain;
    }

    /**
     * This failure with the ids, which come from upstream systems, shown safely in the message: each on one line and
     * cut to {@link SafeText#MAX_LENGTH} characters with its length (a 50 MB {@code _id} does not make a 50 MB
     * message), and the reason cut to {@link #MAX_REASON_LENGTH} characters. {@link #getEntityId()} and
     * {@link #getSentEntityIds()} keep the ids as they are.
     */
    public static EntityMailException withSafeIds(
            String entityId, String message, Throwable cause, List<String> sentEntityIds) {
        return withSafeIds(entityId, message, cause, sentEntityIds, false);
    }

    /**
     * As {@link #withSafeIds(String, String, Throwable, List)}, for a mail that may have been delivered when
     * {@code uncertain} (see {@link #isUncertain()}).
     */
    public static EntityMailException withSafeIds(
            String entityId, String message, Throwable cause, List<String> sentEntityIds, boolean uncertain) {
        return new EntityMailException(
                sentEntityIds, entityId, SafeText.of(message, MAX_REASON_LENGTH), cause, uncertain);
    }

    /** The most characters of the reason {@link #withSafeIds} shows. */
    public static final int MAX_REASON_LENGTH = 2000;

    /**
     * For a failure that tells a whole batch: {@code reason} is shown as it is, so its ids must be made safe already
     * ({@link SafeText}).
     */
    protected EntityMailException(
            List<String> sentEntityIds, String entityId, String reason, Throwable cause, boolean uncertain) {
        super(describeSafely(entityId, reason, sentEntityIds), cause);
        this.entityId = entityId;
        this.sentEntityIds = List.copyOf(sentEntityIds);
        this.uncertain = uncertain;
        this.safeReason = reason;
    }

    /**
     * This failure, told as part of a batch of which {@code sentEntityIds} were already sent, with the ids shown as
     * {@link #withSafeIds} shows them.
     */
    public EntityMailException withSafeIdsInBatch(List<String> sentEntityIds) {
        return new EntityMailException(
                sentEntityIds,
                entityId,
                safeReason != null ? safeReason : SafeText.of(reason(), MAX_REASON_LENGTH),
                getCause(),
                uncertain);
    }

    private static String describeSafely(String entityId, String reason, List<String> sent) {
        StringBuilder text = new StringBuilder("Entity '")
                .append(SafeText.of(entityId))
                .append("': ")
                .append(reason);
        if (!sent.isEmpty()) {
            text.append(" [already sent from this exchange: ")
                    .append(sent.size())
                    .append(" [");
            int shown = Math.min(sent.size(), MAX_SENT_SHOWN);
            for (int i = 0; i < shown; i++) {
                text.append(i > 0 ? ", " : "").append(SafeText.of(sent.get(i)));
            }
            text.append(sent.size() > shown ? ", ...]]" : "]]");
        }
        return text.toString();
    }

    /** The {@code _id} of the entity that failed. */
    public String getEntityId() {
        return entityId;
    }

    /** The {@code _id}s of the entities of the same exchange that were sent before this one failed, in order. */
    public List<String> getSentEntityIds() {
        return sentEntityIds;
    }

    /**
     * Whether the entity's mail may have been delivered: the end of its data went to the SMTP server and no final reply
     * came (the connection was lost, or the reply did not come within {@code finalReplyTimeout}). Such a mail is not
     * sent again automatically (see the component option {@code retryUncertain}); its {@code Message-ID} is stable, so
     * that a copy sent again can be recognised.
     */
    public boolean isUncertain() {
        return uncertain;
    }

    /** This failure, told as part of a batch of which {@code sentEntityIds} were already sent. */
    public EntityMailException inBatch(List<String> sentEntityIds) {
        return new EntityMailException(entityId, reason(), getCause(), sentEntityIds, uncertain);
    }

    private String reason() {
        String message = getMessage();
        int cut = message.indexOf(" [already sent");
        String withoutSent = cut < 0 ? message : message.substring(0, cut);
        return withoutSent.substring(withoutSent.indexOf(": ") + 2);
    }

    private static String describe(String entityId, String message, List<String> sent) {
        String text = "Entity '" + entityId + "': " + message;
        if (!sent.isEmpty()) {
            text += " [already sent from this exchange: " + sent.size() + " " + sent + "]";
        }
        return text;
    }
}
