package io.github.camelsmtpsystem.internal.template;

import java.util.List;
import java.util.Locale;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.github.camelsmtpsystem.internal.template.Filters.Args;

import static io.github.camelsmtpsystem.internal.template.Filters.filter;
import static io.github.camelsmtpsystem.internal.template.Sequences.length;

/**
 * Jinja2's text filters where Jinjava's differ from them: {@code title}, {@code capitalize}, {@code center},
 * {@code truncate}, {@code format}, {@code replace}, {@code upper}, {@code lower}; and Jinjava's {@code indent}, bounded.
 * {@code center}, {@code indent} and {@code format} allocate what their widths ask for: they refuse widths beyond
 * {@code maxRenderedLength} before they allocate ({@link BoundedFilter}).
 */
final class StringFilters {

    private StringFilters() {}

    static void register(Context context, long maxOutputChars) {
        context.registerFilter(filter("title", (v, i, a) -> PythonText.title(Values.str(v))));
        context.registerFilter(filter("capitalize", (v, i, a) -> PythonText.capitalize(Values.str(v))));
        context.registerFilter(BoundedFilter.numbers(
                filter("center", (v, i, a) -> PythonText.center(Values.str(v), a.integer(0, "width", 80))),
                maxOutputChars));
        context.registerFilter(filter("truncate", StringFilters::truncate));
        context.registerFilter(BoundedFilter.formatWidths(
                filter(
                        "format",
                        (v, i, a) -> PythonText.percentFormat(
                                Values.str(v),
                                List.of(a.positional()),
                                a.positional().length == 0 && !a.named().isEmpty() ? a.named() : null)),
                maxOutputChars));
        context.registerFilter(filter(
                "replace",
                (v, i, a) -> PythonText.replace(
                        Values.str(v), a.text(0, "old", ""), a.text(1, "new", ""), a.integer(2, "count", -1))));
        context.registerFilter(filter("upper", (v, i, a) -> Values.str(v).toUpperCase(Locale.ROOT)));
        context.registerFilter(filter("lower", (v, i, a) -> Values.str(v).toLowerCase(Locale.ROOT)));
        // Jinjava's own indent, whose width is allocated
        context.registerFilter(BoundedFilter.numbers(context.getFilter("indent"), maxOutputChars));
    }

    private static Object truncate(Object value, JinjavaInterpreter interpreter, Args args) {
        String text = Values.str(value);
        int length = args.integer(0, "length", 255);
        boolean killwords = args.flag(1, "killwords", false);
        String end = args.text(2, "end", "...");
        Integer leeway = args.integer(3, "leeway", 5);
        if (PythonText.length(text) <= length + leeway) {
            return text;
        }
        String cut = PythonText.slice(text, 0, length - PythonText.length(end));
        if (killwords) {
            return cut + end;
        }
        int space = cut.lastIndexOf(' ');
        return (space >= 0 ? cut.substring(0, space) : cut) + end;
    }
}
