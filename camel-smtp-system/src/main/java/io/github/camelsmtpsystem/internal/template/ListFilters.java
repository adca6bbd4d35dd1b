package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.SafeString;
import io.github.camelsmtpsystem.internal.template.Filters.Args;

import static io.github.camelsmtpsystem.internal.template.Filters.filter;
import static io.github.camelsmtpsystem.internal.template.Sequences.attribute;
import static io.github.camelsmtpsystem.internal.template.Sequences.by;
import static io.github.camelsmtpsystem.internal.template.Sequences.iterate;
import static io.github.camelsmtpsystem.internal.template.Sequences.key;
import static io.github.camelsmtpsystem.internal.template.Sequences.length;
import static io.github.camelsmtpsystem.internal.template.Sequences.list;
import static io.github.camelsmtpsystem.internal.template.Sequences.order;

/**
 * Jinja2's filters of sequences where Jinjava's differ: {@code length} (and {@code count}), {@code first},
 * {@code last}, {@code reverse}, {@code list}, {@code min}, {@code max}, {@code sum}, {@code unique}, {@code sort},
 * {@code join}, {@code batch}, {@code groupby}. {@code batch} refuses a size beyond the largest list a template may
 * make before it allocates ({@link BoundedFilter}).
 */
final class ListFilters {

    private ListFilters() {}

    static void register(Context context, int maxListSize) {
        context.registerFilter(filter("join", ListFilters::join));
        context.registerFilter(filter("length", (v, i, a) -> length(v)));
        context.registerFilter(filter("count", (v, i, a) -> length(v)));
        context.registerFilter(filter("first", (v, i, a) -> first(v)));
        context.registerFilter(filter("last", (v, i, a) -> last(v)));
        context.registerFilter(filter("reverse", (v, i, a) -> reverse(v)));
        context.registerFilter(filter("list", (v, i, a) -> list(v)));
        context.registerFilter(filter("min", (v, i, a) -> extreme(v, i, a, -1)));
        context.registerFilter(filter("max", (v, i, a) -> extreme(v, i, a, 1)));
        context.registerFilter(filter("sum", ListFilters::sum));
        context.registerFilter(filter("unique", ListFilters::unique));
        context.registerFilter(filter("sort", ListFilters::sort));
        context.registerFilter(BoundedFilter.numbers(filter("batch", ListFilters::batch), maxListSize));
        context.registerFilter(filter("groupby", ListFilters::groupby));
    }

    private static Object join(Object value, JinjavaInterpreter interpreter, Args args) {
        String separator = args.text(0, "d", "");
        Object attribute = args.get(1, "attribute", null);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : iterate(value)) {
            if (!first) {
                out.append(separator);
            }
            first = false;
            Object shown = attribute == null ? item : attribute(item, attribute, interpreter);
            out.append(Values.str(shown));
        }
        return out.toString();
    }

    private static Object first(Object value) {
        if (value instanceof String text) {
            return text.isEmpty()
                    ? TemplateUndefined.hinted("first", "No first item, sequence was empty.")
                    : PythonText.slice(text, 0, 1);
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return entry.getKey();
        }
        Iterator<Object> items = iterate(value).iterator();
        return items.hasNext() ? items.next() : TemplateUndefined.hinted("first", "No first item, sequence was empty.");
    }

    private static Object last(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? null : PythonText.slice(text, -1, Integer.MAX_VALUE);
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return entry.getValue();
        }
        List<Object> items = list(value);
        return items.isEmpty()
                ? TemplateUndefined.hinted("last", "No last item, sequence was empty.")
                : items.get(items.size() - 1);
    }

    private static Object reverse(Object value) {
        if (value instanceof String || value instanceof SafeString) {
            return PythonText.reverse(value.toString());
        }
        List<Object> items = list(value);
        Collections.reverse(items);
        return items;
    }

    private static Object extreme(Object value, JinjavaInterpreter interpreter, Args args, int sign) {
        List<Object> items = list(value);
        if (items.isEmpty()) {
            return null;
        }
        Comparator<Object> order =
                by(args.get(1, "attribute", null), args.flag(0, "case_sensitive", false), interpreter);
        Object best = items.get(0);
        for (Object item : items) {
            if (order.compare(item, best) * sign > 0) {
                best = item;
            }
        }
        return best;
    }

    private static Object sum(Object value, JinjavaInterpreter interpreter, Args args) {
        Object attribute = args.get(0, "attribute", null);
        Object total = args.get(1, "start", 0L);
        for (Object item : iterate(value)) {
            Object addend = attribute == null ? item : attribute(item, attribute, interpreter);
            total = add(total, addend);
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Object add(Object a, Object b) {
        if (a instanceof List<?> l && b instanceof List<?> m) {
            List<Object> out = new ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        if (!(a instanceof Number) || !(b instanceof Number)) {
            throw new IllegalArgumentException("unsupported operand type(s) for +: '" + PythonText.typeName(a)
                    + "' and '" + PythonText.typeName(b) + "'");
        }
        if (Values.isInteger(a) && Values.isInteger(b)) {
            return new BigInteger(a.toString())
                    .add(new BigInteger(b.toString()))
                    .longValueExact();
        }
        return ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }

    private static Object unique(Object value, JinjavaInterpreter interpreter, Args args) {
        boolean caseSensitive = args.flag(0, "case_sensitive", false);
        Object attribute = args.get(1, "attribute", null);
        Set<Object> seen = new HashSet<>();
        List<Object> out = new ArrayList<>();
        for (Object item : iterate(value)) {
            Object key = key(attribute == null ? item : attribute(item, attribute, interpreter), caseSensitive);
            if (seen.add(
                    key instanceof Number n && !(key instanceof BigDecimal)
                            ? new BigDecimal(n.toString()).stripTrailingZeros()
                            : key)) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object sort(Object value, JinjavaInterpreter interpreter, Args args) {
        List<Object> items = list(value);
        Comparator<Object> order =
                by(args.get(2, "attribute", null), args.flag(1, "case_sensitive", false), interpreter);
        items.sort(args.flag(0, "reverse", false) ? order.reversed() : order);
        return items;
    }

    private static Object batch(Object value, JinjavaInterpreter interpreter, Args args) {
        int size = args.integer(0, "linecount", 1);
        Object fill = args.get(1, "fill_with", null);
        if (size <= 0) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        List<Object> items = list(value);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            List<Object> batch = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (fill != null && !Values.isNone(fill) && batch.size() < size) {
                batch.add(fill);
            }
            out.add(batch);
        }
        return out;
    }

    private static Object groupby(Object value, JinjavaInterpreter interpreter, Args args) {
        Object attribute = args.get(0, "attribute", null);
        Object otherwise = args.get(1, "default", null);
        boolean caseSensitive = args.flag(2, "case_sensitive", false);
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        Map<Object, Object> firstKey = new LinkedHashMap<>();
        for (Object item : iterate(value)) {
            Object grouper = attribute(item, attribute, interpreter);
            if (grouper == null && otherwise != null) {
                grouper = otherwise;
            }
            Object key = key(grouper, caseSensitive);
            firstKey.putIfAbsent(key, grouper);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        List<Object> keys = new ArrayList<>(groups.keySet());
        keys.sort(order(true));
        List<Object> out = new ArrayList<>();
        for (Object key : keys) {
            out.add(new Group(caseSensitive ? key : firstKey.get(key), groups.get(key)));
        }
        return out;
    }

    /** One group of {@code groupby}: {@code group.grouper} and {@code group.list}, or unpacked {@code for key, items in ...}. */
    public static final class Group extends AbstractMap.SimpleImmutableEntry<Object, Object>
            implements TemplateSandbox.TemplateObject {

        private static final long serialVersionUID = 1L;

        Group(Object grouper, List<Object> list) {
            super(grouper, list);
        }

        public Object getGrouper() {
            return getKey();
        }

        public Object getList() {
            return getValue();
        }
    }
}
