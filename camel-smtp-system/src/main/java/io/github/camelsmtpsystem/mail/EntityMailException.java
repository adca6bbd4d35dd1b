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

    public EntityMailException(String entityId, String message) {
        this(entityId, message, null, List.of());
    }

    public EntityMailException(String entityId, String message, Throwable cause, List<String> sentEntityIds) {
        super(describe(entityId, message, sentEntityIds), cause);
        this.entityId = entityId;
        this.sentEntityIds = List.copyOf(sentEntityIds);
    }

    /** The {@code _id} of the entity that failed. */
    public String getEntityId() {
        return entityId;
    }

    /** The {@code _id}s of the entities of the same exchange that were sent before this one failed, in order. */
    public List<String> getSentEntityIds() {
        return sentEntityIds;
    }

    /** This failure, told as part of a batch of which {@code sentEntityIds} were already sent. */
    public EntityMailException inBatch(List<String> sentEntityIds) {
        return new EntityMailException(entityId, reason(), getCause(), sentEntityIds);
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
