package io.github.camelsmtpsystem.internal.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.mail.SafeText;

/**
 * One attachment as a sink or an entity gives it, checked for shape: {@code filename} (a template), an optional
 * {@code content_type} (a template), an optional {@code content_id} (makes it inline), and exactly one of
 * {@code base64}, {@code text} (UTF-8) or {@code resource} ({@code resource:classpath:...}, {@code resource:file:...}).
 *
 * @param field       where it was given, for messages: {@code attachments[0]}
 * @param filename    Jinja template of the file name
 * @param contentType Jinja template of the content type, or {@code null} to guess it from the file name
 * @param contentId   the Content-ID an HTML body refers to as {@code cid:<contentId>}, or {@code null}
 * @param bytes       the content of {@code base64} or {@code text}, or {@code null} for a resource
 * @param resource    the Camel resource location after {@code resource:}, or {@code null}
 * @param isText      whether the content came from {@code text}: UTF-8 text
 */
public record AttachmentSpec(
        String field,
        String filename,
        String contentType,
        String contentId,
        byte[] bytes,
        String resource,
        boolean isText) {

    static final String RESOURCE = "resource:";
    private static final Set<String> SOURCES = Set.of("base64", "text", "resource");
    private static final Set<String> KEYS =
            Set.of("filename", "content_type", "content_id", "base64", "text", "resource");
    /** RFC 2392: a cid: URL names an addr-spec; kept to characters that need no escaping in the HTML or the header. */
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]{1,200}");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The attachments in {@code value}: a list of objects, or JSON text of one.
     *
     * @param  where                    names the value in messages: {@code attachments} or
     *                                  {@code the entity's 'attachments'}
     * @throws IllegalArgumentException naming the attachment, the field and the fix
     */
    public static List<AttachmentSpec> listOf(Object value, String where) {
        Object list = value;
        if (value instanceof String text) {
            try {
                list = JSON.readValue(text, new TypeReference<List<Object>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        where + " is not a JSON list of attachments (" + SafeText.of(e.getOriginalMessage())
                                + "). Write [{\"filename\": \"a.pdf\", \"base64\": \"...\"}].");
            }
        }
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException(where + " is not a list of attachments. Write a list of objects, "
                    + "each with a filename and one of base64, text or resource.");
        }
        List<AttachmentSpec> specs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String field = where + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw new IllegalArgumentException(field + " is not an object. Give an object with a filename and one "
                        + "of base64, text or resource.");
            }
            specs.add(of(field, item));
        }
        return specs;
    }

    private static AttachmentSpec of(String field, Map<?, ?> item) {
        for (Object key : item.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(
                        field + " has '" + SafeText.of(key) + "', which is not a property " + "of an attachment. Use "
                                + String.join(", ", KEYS.stream().sorted().toList()) + ".");
            }
        }
        String filename = text(field, item, "filename");
        if (filename == null || filename.isBlank()) {
            throw new IllegalArgumentException(field + ".filename is missing. Give every attachment a filename, "
                    + "for example \"filename\": \"invoice.pdf\".");
        }
        List<String> given = SOURCES.stream().filter(item::containsKey).sorted().toList();
        if (given.size() != 1) {
            throw new IllegalArgumentException(
                    field + (given.isEmpty() ? " has none" : " has " + String.join(" and ", given))
                            + " of base64, text and resource. Give exactly one of them.");
        }
        String contentId = text(field, item, "content_id");
        if (contentId != null && !CONTENT_ID.matcher(contentId).matches()) {
            throw new IllegalArgumentException(
                    field + ".content_id is '" + SafeText.of(contentId) + "'. Use letters, "
                            + "digits and . @ - _ only, for example logo@example.com, and refer to it as cid:logo@example.com.");
        }
        String source = given.get(0);
        String value = text(field, item, source);
        return switch (source) {
            case "base64" ->
                new AttachmentSpec(
                        field,
                        filename,
                        text(field, item, "content_type"),
                        contentId,
                        decode(field, value),
                        null,
                        false);
            case "text" ->
                new AttachmentSpec(
                        field,
                        filename,
                        text(field, item, "content_type"),
                        contentId,
                        value.getBytes(StandardCharsets.UTF_8),
                        null,
                        true);
            default -> {
                if (!value.startsWith(RESOURCE) || value.length() == RESOURCE.length()) {
                    throw new IllegalArgumentException(field + ".resource is '" + SafeText.of(value) + "'. Write "
                            + "resource:classpath:path/file or resource:file:/path/file.");
                }
                yield new AttachmentSpec(
                        field,
                        filename,
                        text(field, item, "content_type"),
                        contentId,
                        null,
                        value.substring(RESOURCE.length()),
                        false);
            }
        };
    }

    private static String text(String field, Map<?, ?> item, String key) {
        Object value = item.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + "." + key + " is not text. Give it as a JSON string.");
        }
        return text;
    }

    /** Strict base64 (line breaks and spaces allowed): a broken value fails here, never becomes a broken file. */
    private static byte[] decode(String field, String base64) {
        StringBuilder compact = new StringBuilder(base64.length());
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".base64 is not valid base64 (" + e.getMessage()
                    + "). Give the file's bytes " + "base64-encoded (RFC 4648, with padding).");
        }
    }

    @Override
    public String toString() {
        // the content stays out of logs
        return "AttachmentSpec[" + field + ", filename=" + filename + "]";
    }
}
