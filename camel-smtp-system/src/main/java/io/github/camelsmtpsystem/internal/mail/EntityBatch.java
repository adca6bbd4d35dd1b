package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.internal.template.RenderBounds;
import io.github.camelsmtpsystem.mail.EntityMailException;

/**
 * Reads the entities in a message body: a {@code Map}, JSON text (or bytes, or a stream), a Jackson {@code JsonNode},
 * or a {@code List} (or JSON array) of them, which is a batch. Sesam's transit-encoded strings are decoded.
 */
public final class EntityBatch {

    private static final TypeReference<LinkedHashMap<String, Object>> ENTITY = new TypeReference<>() {};

    private EntityBatch() {}

    /**
     * The entities in the body, in order.
     *
     * @throws IllegalArgumentException when the body holds something that is not an entity
     */
    public static List<Map<String, Object>> read(Object body, ObjectMapper mapper) {
        List<Map<String, Object>> entities = new ArrayList<>();
        add(body, mapper, entities);
        return entities;
    }

    /** The entity's {@code _id}, or {@code "(no _id)"}. */
    public static String idOf(Map<String, Object> entity) {
        Object id = entity.get("_id");
        return id != null ? id.toString() : "(no _id)";
    }

    /** Whether Sesam marks the entity deleted: {@code _deleted} is {@code true} (any other value means not deleted). */
    public static boolean isDeleted(Map<String, Object> entity) {
        return Boolean.TRUE.equals(entity.get("_deleted"));
    }

    @SuppressWarnings("unchecked")
    private static void add(Object body, ObjectMapper mapper, List<Map<String, Object>> into) {
        if (body instanceof Map<?, ?> map) {
            checkNesting(map);
            into.add(SesamValues.decodeEntity((Map<String, Object>) map));
        } else if (body instanceof Collection<?> list) {
            for (Object item : list) {
                add(item, mapper, into);
            }
        } else if (body instanceof JsonNode node) {
            addNode(node, mapper, into);
        } else if (body instanceof String || body instanceof byte[] || body instanceof InputStream) {
            addNode(parse(body, mapper), mapper, into);
        } else {
            throw new IllegalArgumentException("The message body is "
                    + (body == null ? "empty" : "a " + body.getClass().getName())
                    + ", not an entity. Send a Map, JSON text, a Jackson JsonNode, or a List of them.");
        }
    }

    private static void addNode(JsonNode node, ObjectMapper mapper, List<Map<String, Object>> into) {
        if (node.isArray()) {
            node.forEach(item -> addNode(item, mapper, into));
        } else if (node.isObject()) {
            checkNesting(node);
            into.add(SesamValues.decodeEntity(mapper.convertValue(node, ENTITY)));
        } else {
            throw new IllegalArgumentException(
                    "The message body holds JSON " + node.getNodeType().name().toLowerCase()
                            + ", not an entity. Send a JSON object or an array of objects.");
        }
    }

    /**
     * Refuses an entity whose values nest more than {@link RenderBounds#MAX_NESTING} levels deep (JSON or a Map, or a
     * Map that holds itself) before anything walks it recursively; walked here without recursion.
     */
    private static void checkNesting(Object entity) {
        Deque<Object> values = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        values.push(entity);
        depths.push(0);
        while (!values.isEmpty()) {
            Object value = values.pop();
            int depth = depths.pop();
            Iterable<?> children;
            if (value instanceof Map<?, ?> map) {
                children = map.values();
            } else if (value instanceof Collection<?> list) {
                children = list;
            } else if (value instanceof JsonNode node && node.isContainerNode()) {
                children = node;
            } else {
                continue;
            }
            if (depth >= RenderBounds.MAX_NESTING) {
                Object id = entity instanceof JsonNode node ? node.path("_id").asText("(no _id)") : null;
                throw EntityMailException.withSafeIds(
                        id != null ? id.toString() : idOf(asEntity(entity)),
                        "the entity's values nest more than " + RenderBounds.MAX_NESTING
                                + " levels deep (a fixed bound), or hold themselves",
                        null,
                        List.of());
            }
            for (Object child : children) {
                values.push(child);
                depths.push(depth + 1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asEntity(Object entity) {
        return (Map<String, Object>) entity;
    }

    private static JsonNode parse(Object body, ObjectMapper mapper) {
        try {
            if (body instanceof String text) {
                return mapper.readTree(text);
            }
            return body instanceof byte[] bytes ? mapper.readTree(bytes) : mapper.readTree((InputStream) body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The message body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("The message body cannot be read: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("The message body nests JSON too deeply to be read.");
        }
    }
}
