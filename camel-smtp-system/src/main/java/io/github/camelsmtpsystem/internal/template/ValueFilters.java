package io.github.camelsmtpsystem.internal.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.SafeString;
import io.github.camelsmtpsystem.internal.template.Filters.Args;

import static io.github.camelsmtpsystem.internal.template.Filters.filter;

/**
 * Jinja2's filters that apply to any value: {@code default} (and {@code d}), {@code string}, {@code tojson}
 * ({@link ToJson}).
 */
final class ValueFilters {

    private ValueFilters() {}

    static void register(Context context) {
        context.registerFilter(filter(
                "tojson", (v, i, a) -> new SafeString(ToJson.toJson(v, a.integer(0, "indent", null)))));
        context.registerFilter(filter("string", (v, i, a) -> v instanceof SafeString ? v : Values.str(v)));
        context.registerFilter(filter("default", ValueFilters::otherwise));
        context.registerFilter(filter("d", ValueFilters::otherwise));
    }

    /** Jinja2's {@code default}: for an undefined value, or with {@code boolean=true} for a false one; None is defined. */
    private static Object otherwise(Object value, JinjavaInterpreter interpreter, Args args) {
        Object fallback = args.get(0, "default_value", "");
        boolean orFalse = args.flag(1, "boolean", false);
        if (!Values.isDefined(value) || orFalse && !Values.truthy(value)) {
            return fallback;
        }
        return value;
    }
}
