package io.github.camelsmtpsystem.internal.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.objects.SafeString;

/**
 * Jinja2's {@code tojson}: Python's {@code json.dumps(value, sort_keys=True, indent=indent)} with its ASCII escapes,
 * then {@code <}, {@code >}, {@code &} and {@code '} escaped so that the text is safe inside HTML.
 */
final class ToJson {

    private ToJson() {}

    static String toJson(Object value, Integer indent) {
        StringBuilder out = new StringBuilder();
        write(value, indent, 0, out);
        return out.toString();
    }

    private static void write(Object value, Integer indent, int depth, StringBuilder out) {
        if (Values.isNone(value)) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Number) {
            String repr = Values.repr(value);
            out.append(
                    switch (repr) {
                        case "nan" -> "NaN";
                        case "inf" -> "Infinity";
                        case "-inf" -> "-Infinity";
                        default -> repr;
                    });
        } else if (value instanceof Map<?, ?> map) {
            // a dict inside itself nests without end: Python says "Circular reference detected"
            RenderBounds.checkNesting(depth);
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            container('{', '}', entries, indent, depth, out, (entry, o) -> {
                string(Values.str(entry.getKey()), o);
                o.append(": ");
                write(entry.getValue(), indent, depth + 1, o);
            });
        } else if (value instanceof Map.Entry<?, ?> entry) {
            write(List.of(entry.getKey(), entry.getValue()), indent, depth, out);
        } else if (value instanceof Collection<?> list) {
            RenderBounds.checkNesting(depth);
            container(
                    '[',
                    ']',
                    new ArrayList<>(list),
                    indent,
                    depth,
                    out,
                    (item, o) -> write(item, indent, depth + 1, o));
        } else {
            string(value instanceof SafeString ? value.toString() : Values.str(value), out);
        }
    }

    private interface ItemWriter<T> {
        void write(T item, StringBuilder out);
    }

    private static <T> void container(
            char open, char close, List<T> items, Integer indent, int depth, StringBuilder out, ItemWriter<T> writer) {
        out.append(open);
        if (items.isEmpty()) {
            out.append(close);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(indent == null ? ", " : ",");
            }
            if (indent != null) {
                // a large indent repeats at every item: bounded as the output is
                PythonText.checkLength(out.length() + (long) indent * (depth + 1));
                out.append('\n').append(" ".repeat(indent * (depth + 1)));
            }
            writer.write(items.get(i), out);
            PythonText.checkLength(out.length());
        }
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
        out.append(close);
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&' || c == '\'') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
