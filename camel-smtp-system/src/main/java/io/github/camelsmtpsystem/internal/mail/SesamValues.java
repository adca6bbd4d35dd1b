package io.github.camelsmtpsystem.internal.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Sesam's transit encoding so that templates see plain values: {@code "~t2024-01-02T03:04:05Z"} (datetime),
 * {@code "~:ns:id"} (namespaced identifier), {@code "~u..."} (UUID), {@code "~f1.5"} (decimal), {@code "~d..."} and
 * {@code "~b..."} become the text after the two-character tag; {@code "~~x"} becomes {@code "~x"}.
 */
final class SesamValues {

    private SesamValues() {}

    static Map<String, Object> decodeEntity(Map<String, Object> entity) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        entity.forEach((key, value) -> decoded.put(key, decode(value)));
        return decoded;
    }

    @SuppressWarnings("unchecked")
    static Object decode(Object value) {
        if (value instanceof String text) {
            return decodeText(text);
        }
        if (value instanceof Map<?, ?> map) {
            return decodeEntity((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> decoded = new ArrayList<>(list.size());
            list.forEach(item -> decoded.add(decode(item)));
            return decoded;
        }
        return value;
    }

    private static String decodeText(String text) {
        if (text.length() < 2 || text.charAt(0) != '~') {
            return text;
        }
        char tag = text.charAt(1);
        if (tag == '~') {
            return text.substring(1);
        }
        return "t:ufdbr".indexOf(tag) >= 0 ? text.substring(2) : text;
    }
}
