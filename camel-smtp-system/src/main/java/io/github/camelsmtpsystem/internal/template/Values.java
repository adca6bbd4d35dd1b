package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import com.hubspot.jinjava.util.ObjectTruthValue;

/**
 * Prints values the way Python's {@code str()} and {@code repr()} do, so that {@code {{ value }}} writes what Jinja2
 * writes: {@code True}, {@code None}, {@code ['a', 'b']}, {@code {'k': 1}}, {@code 12345678.9}, {@code 1e-05}.
 */
final class Values {

    /** JSON {@code null} in an entity: Python's {@code None}, which is defined, prints {@code None} and is false. */
    static final class None implements HasObjectTruthValue {

        /** Not an enum: the expression language would print an enum constant by its name. */
        static final None NONE = new None();

        private None() {}

        @Override
        public boolean getObjectTruthValue() {
            return false;
        }

        @Override
        public String toString() {
            return "None";
        }
    }

    private Values() {}

    /** The entity with JSON {@code null} replaced by {@link None#NONE}, at any depth; the entity itself when it holds none. */
    static Map<String, Object> withNone(Map<String, Object> entity) {
        if (!holdsNull(entity)) {
            return entity;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        entity.forEach((key, value) -> copy.put(key, noneFor(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object noneFor(Object value) {
        if (value == null) {
            return None.NONE;
        }
        if (value instanceof Map<?, ?> map) {
            return withNone((Map<String, Object>) map);
        }
        if (value instanceof List<?> list && holdsNull(list)) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(noneFor(item)));
            return copy;
        }
        return value;
    }

    private static boolean holdsNull(Object value) {
        if (value == null) {
            return true;
        }
        // loops, not streams: this runs over the whole entity for every render
        if (value instanceof Map<?, ?> map) {
            for (Object item : map.values()) {
                if (holdsNull(item)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (holdsNull(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Python's truth: empty text, collections, zero and None are false; {@code "false"} is true. */
    static boolean truthy(Object value) {
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        if (value instanceof SafeString safe) {
            return !safe.toString().isEmpty();
        }
        return ObjectTruthValue.evaluate(value);
    }

    /** Whether a template may use the value: not undefined. */
    static boolean isDefined(Object value) {
        return value != null && !(value instanceof TemplateUndefined);
    }

    static boolean isNone(Object value) {
        return value == null || value == None.NONE;
    }

    /** Python's {@code str(value)}; {@code null} (an undefined value) is empty. */
    static String str(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof SafeString safe) {
            return safe.toString();
        }
        if (value instanceof TemplateUndefined undefined) {
            return undefined.str();
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            RenderBounds.checkInput("printing a list or dict", value);
            String printed = repr(value);
            RenderBounds.made(printed);
            return printed;
        }
        return repr(value);
    }

    /**
     * Python's {@code repr(value)}: how a value prints inside a list or dict; a dict or list inside itself prints as
     * Python prints it, <code>{...}</code> or {@code [...]}.
     */
    static String repr(Object value) {
        return repr(value, 0, null);
    }

    /** {@code inside}: the containers being printed around this value, {@code null} when none is. */
    private static String repr(Object value, int depth, Set<Object> inside) {
        if (value == null || value == None.NONE) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String || value instanceof SafeString || value instanceof Character) {
            return quote(value.toString());
        }
        if (value instanceof BigDecimal decimal && decimal.scale() <= 0) {
            // Jinjava's sums of whole numbers
            return decimal.toBigInteger().toString();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            RenderBounds.checkNesting(depth);
            if (inside == null) {
                // the containers being printed, outermost first; made for the first one, a number needs none
                inside = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            if (!inside.add(value)) {
                return value instanceof Map<?, ?> ? "{...}" : "[...]";
            }
            try {
                return container(value, depth, inside);
            } finally {
                inside.remove(value);
            }
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return "(" + repr(entry.getKey(), depth + 1, inside) + ", " + repr(entry.getValue(), depth + 1, inside)
                    + ")";
        }
        return value.toString();
    }

    private static String container(Object value, int depth, Set<Object> inside) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                out.append(repr(entry.getKey(), depth + 1, inside))
                        .append(": ")
                        .append(repr(entry.getValue(), depth + 1, inside));
                if (entries.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append('}').toString();
        }
        Collection<?> items = value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
        StringBuilder out = new StringBuilder("[");
        Iterator<?> each = items.iterator();
        while (each.hasNext()) {
            out.append(repr(each.next(), depth + 1, inside));
            if (each.hasNext()) {
                out.append(", ");
            }
        }
        return out.append(']').toString();
    }

    /** Python's quoting: single quotes, double quotes when the text holds a single quote and no double quote. */
    private static String quote(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back to the same double, positional from 1e-4 up to
     * 1e16 ({@code 0.0001}, {@code 1000000000000000.0}), scientific beyond ({@code 1e-05}, {@code 1e+16}).
     */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        String sign = value < 0 ? "-" : "";
        double magnitude = Math.abs(value);
        String java = Double.toString(magnitude);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            // Java writes these as Python does, without an exponent: only its trailing zeros go (one digit stays)
            int end = java.length();
            while (java.charAt(end - 1) == '0' && java.charAt(end - 2) != '.') {
                end--;
            }
            return sign + java.substring(0, end);
        }
        BigDecimal shortest = new BigDecimal(java).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    /** Whether the number is a Python int (rather than a float). */
    static boolean isInteger(Object value) {
        return value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger;
    }
}
