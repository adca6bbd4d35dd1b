package io.github.camelsmtpsystem.internal.template;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.github.camelsmtpsystem.internal.template.Filters.Args;

import static io.github.camelsmtpsystem.internal.template.Filters.filter;
import static io.github.camelsmtpsystem.internal.template.Sequences.by;
import static io.github.camelsmtpsystem.internal.template.Sequences.entries;
import static io.github.camelsmtpsystem.internal.template.Sequences.order;

/** Jinja2's filters of dicts where Jinjava's differ: {@code items}, {@code dictsort}. */
final class DictFilters {

    private DictFilters() {}

    static void register(Context context) {
        context.registerFilter(filter("items", (v, i, a) -> v instanceof Map<?, ?> map ? entries(map) : List.of()));
        context.registerFilter(filter("dictsort", DictFilters::dictsort));
    }

    private static Object dictsort(Object value, JinjavaInterpreter interpreter, Args args) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("You can only sort by either \"key\" or \"value\" of a dict");
        }
        boolean caseSensitive = args.flag(0, "case_sensitive", false);
        String by = args.text(1, "by", "key");
        boolean reverse = args.flag(2, "reverse", false);
        Comparator<Object> order = order(caseSensitive);
        Comparator<Object> entries = (a, b) -> "value".equals(by)
                ? order.compare(((Map.Entry<?, ?>) a).getValue(), ((Map.Entry<?, ?>) b).getValue())
                : order.compare(((Map.Entry<?, ?>) a).getKey(), ((Map.Entry<?, ?>) b).getKey());
        List<Object> items = entries(map);
        items.sort(reverse ? entries.reversed() : entries);
        return items;
    }
}
