package io.github.camelsmtpsystem.internal.template;

import java.util.Map;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;

/**
 * This component's Jinja2 filters, by kind: {@link StringFilters}, {@link HtmlFilters}, {@link ValueFilters},
 * {@link ListFilters}, {@link DictFilters} and {@link NumberFilters} (a filter not there is Jinjava's own); and what
 * they share: how a filter is made from its name and a function, and how it reads its arguments.
 */
final class Filters {

    private Filters() {}

    /**
     * Registers every filter of this component in {@code context}, with the bounds of the filters that allocate what a
     * number argument asks for ({@link BoundedFilter}).
     */
    static void register(Context context, long maxOutputChars, int maxListSize) {
        StringFilters.register(context, maxOutputChars);
        HtmlFilters.register(context);
        ValueFilters.register(context);
        ListFilters.register(context, maxListSize);
        DictFilters.register(context);
        NumberFilters.register(context);
    }

    /** A filter's arguments, by position or by Jinja2's keyword name. */
    record Args(Object[] positional, Map<String, Object> named) {

        Object get(int index, String name, Object otherwise) {
            if (named.containsKey(name)) {
                return named.get(name);
            }
            return index < positional.length ? positional[index] : otherwise;
        }

        boolean flag(int index, String name, boolean otherwise) {
            Object value = get(index, name, otherwise);
            return value instanceof Boolean b
                    ? b
                    : value != null
                            && !Values.isNone(value)
                            && !"false".equalsIgnoreCase(value.toString())
                            && !"0".equals(value.toString());
        }

        Integer integer(int index, String name, Integer otherwise) {
            Object value = get(index, name, otherwise);
            return value == null || Values.isNone(value)
                    ? otherwise
                    : value instanceof Number n
                            ? n.intValue()
                            : Integer.valueOf(value.toString().trim());
        }

        String text(int index, String name, String otherwise) {
            Object value = get(index, name, otherwise);
            return value == null || Values.isNone(value) ? otherwise : Values.str(value);
        }
    }

    interface Body {
        Object apply(Object value, JinjavaInterpreter interpreter, Args args);
    }

    /** A filter from its name and what it does. */
    static Filter filter(String name, Body body) {
        return new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return run(var, interpreter, args, Map.of());
            }

            @Override
            public Object filter(
                    Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                return run(var, interpreter, args, kwargs);
            }

            @Override
            public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
                return run(var, interpreter, args, Map.of());
            }

            private Object run(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
                try {
                    return body.apply(var, interpreter, new Args(args, kwargs));
                } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
                    throw new InvalidArgumentException(
                            interpreter, name, "the filter '" + name + "': " + e.getMessage());
                }
            }
        };
    }
}
