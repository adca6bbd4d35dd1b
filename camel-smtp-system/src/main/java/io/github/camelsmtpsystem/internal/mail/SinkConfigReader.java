package io.github.camelsmtpsystem.internal.mail;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a Sesam mail sink ({@code {"type": "mail", ...}}) or a pipe holding one ({@code {"sink": {...}}}) into
 * endpoint options: {@code mail_from} becomes {@code mailFrom}, and so on.
 */
public final class SinkConfigReader {

    private static final Set<String> OPTIONS = Set.of(
            "mail_from",
            "recipients",
            "recipients_property",
            "subject_template",
            "subject_template_property",
            "body_template",
            "body_template_property",
            "text_body_template",
            "text_body_template_property",
            "unhandled_template_variable_replacement",
            "attachments",
            "attachments_property",
            // MailAddressing
            "cc",
            "cc_property",
            "bcc",
            "bcc_property",
            "reply_to",
            "reply_to_property",
            "headers",
            "envelope_from",
            "dsn_notify",
            "dsn_ret");
    /** Sesam's properties common to every sink: accepted, and not used here. */
    private static final Set<String> COMMON =
            Set.of("type", "system", "comment", "batch_size", "name", "description", "set_initial_offset", "dataset");

    private SinkConfigReader() {}

    /**
     * The options in the sink, by endpoint option name.
     *
     * @param  systemId                 the endpoint's system: the sink's {@code system}, when given, must be the same
     * @throws IllegalArgumentException naming the source, the property and the fix
     */
    public static Map<String, String> read(String json, String source, String systemId, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("sinkConfig " + source + " is not valid JSON: " + e.getMessage());
        }
        JsonNode sink = root != null && root.has("sink") ? root.get("sink") : root;
        if (sink == null || !sink.isObject()) {
            throw new IllegalArgumentException(
                    "sinkConfig " + source + " holds no sink object. Write a Sesam mail sink "
                            + "{\"type\": \"mail\", ...} or a pipe with one as \"sink\".");
        }
        if (sink.has("type") && !"mail".equals(sink.get("type").asText())) {
            throw new IllegalArgumentException("sinkConfig " + source + " is a sink of type '"
                    + sink.get("type").asText() + "'. Use a mail sink: \"type\": \"mail\".");
        }
        if (sink.has("system") && !systemId.equals(sink.get("system").asText())) {
            throw new IllegalArgumentException("sinkConfig " + source + " sends through system '"
                    + sink.get("system").asText() + "', but the endpoint is smtp-system:" + systemId
                    + ". Make them the same.");
        }
        Map<String, String> options = new LinkedHashMap<>();
        sink.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (OPTIONS.contains(name)) {
                JsonNode value = field.getValue();
                if (!value.isNull()) {
                    options.put(camelCase(name), value.isTextual() ? value.asText() : value.toString());
                }
            } else if (!COMMON.contains(name)) {
                throw new IllegalArgumentException(
                        "sinkConfig " + source + ": '" + name + "' is not a property of a Sesam " + "mail sink. Use "
                                + String.join(", ", OPTIONS.stream().sorted().toList()) + ".");
            }
        });
        return options;
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
