package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.ObjectIterator;

/**
 * Python's view of a value as a sequence, which the list and dict filters, the {@code for} tag and the string methods
 * share: what {@code len()}, {@code list()} and a {@code for} loop see, an item's attribute as {@code attribute=}
 * names it, and Python's ordering for {@code sort}, {@code min}, {@code max} and {@code dictsort}.
 */
final class Sequences {

    private Sequences() {}

    /** Python's {@code len(value)}: characters (code points) of a text, items of a list or dict; 0 for undefined. */
    static Object length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof TemplateUndefined undefined) {
            undefined.checked();
            return 0;
        }
        if (value instanceof String || value instanceof SafeString) {
            return PythonText.length(value.toString());
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof Object[] array) {
            return array.length;
        }
        throw new IllegalArgumentException("object of type '" + PythonText.typeName(value) + "' has no len()");
    }

    /** Python's {@code list(value)}: a string's characters, a dict's keys, a sequence's items. */
    static List<Object> list(Object value) {
        if (value instanceof String text) {
            return new ArrayList<>(PythonText.characters(text));
        }
        List<Object> out = new ArrayList<>();
        iterate(value).forEach(out::add);
        return out;
    }

    /** What a for loop in Jinja2 goes through: a dict's keys, a string's characters, a sequence's items. */
    static Iterable<Object> iterate(Object value) {
        if (value instanceof TemplateUndefined undefined) {
            undefined.checked();
            return List.of();
        }
        if (value == null) {
            return List.of();
        }
        if (Values.isNone(value)) {
            throw new IllegalArgumentException("'NoneType' object is not iterable");
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (value instanceof String text) {
            return new ArrayList<>(PythonText.characters(text));
        }
        List<Object> out = new ArrayList<>();
        ObjectIterator.getLoop(value).forEachRemaining(out::add);
        return out;
    }

    static List<Object> entries(Map<?, ?> map) {
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        return out;
    }

    /** An item's attribute as Jinja2's {@code attribute=} reads it: {@code 'price'}, {@code 'address.city'}, {@code 0}. */
    static Object attribute(Object item, Object attribute, JinjavaInterpreter interpreter) {
        Object value = item;
        String path = attribute.toString();
        for (String part : path.split("\\.")) {
            if (value instanceof Map<?, ?> map) {
                value = map.get(part);
            } else if (value instanceof List<?> list && part.matches("-?\\d+")) {
                int index = Integer.parseInt(part);
                value = index < list.size() ? list.get(index) : null;
            } else if (value != null) {
                value = interpreter.resolveProperty(value, part);
            }
        }
        return value;
    }

    /** Python's ordering for sort, min and max; strings compared lower-cased unless case-sensitive. */
    static Comparator<Object> order(boolean caseSensitive) {
        return (a, b) -> {
            // a sort of long texts takes long: stopped between comparisons
            RenderBounds.checkTime();
            Object x = key(a, caseSensitive);
            Object y = key(b, caseSensitive);
            if (x instanceof Number m && y instanceof Number n) {
                return new BigDecimal(m.toString()).compareTo(new BigDecimal(n.toString()));
            }
            if (x instanceof String s && y instanceof String t) {
                return s.compareTo(t);
            }
            if (x instanceof Boolean || y instanceof Boolean) {
                return Double.compare(number(x), number(y));
            }
            if (x instanceof List<?> l && y instanceof List<?> m) {
                for (int i = 0; i < Math.min(l.size(), m.size()); i++) {
                    int c = order(caseSensitive).compare(l.get(i), m.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(l.size(), m.size());
            }
            throw new IllegalArgumentException("'<' not supported between instances of '" + PythonText.typeName(x)
                    + "' and '" + PythonText.typeName(y) + "'");
        };
    }

    private static double number(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
    }

    static Object key(Object value, boolean caseSensitive) {
        if (value instanceof SafeString safe) {
            value = safe.toString();
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return Double.valueOf(((Number) value).doubleValue()).toString().contains("E")
                    ? new BigDecimal(((Number) value).doubleValue())
                    : value;
        }
        return !caseSensitive && value instanceof String s ? s.toLowerCase(Locale.ROOT) : value;
    }

    static Comparator<Object> by(Object attribute, boolean caseSensitive, JinjavaInterpreter interpreter) {
        Comparator<Object> order = order(caseSensitive);
        if (attribute == null || Values.isNone(attribute)) {
            return order;
        }
        List<String> attributes = List.of(attribute.toString().split(","));
        return (a, b) -> {
            for (String name : attributes) {
                int c = order.compare(attribute(a, name.trim(), interpreter), attribute(b, name.trim(), interpreter));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
