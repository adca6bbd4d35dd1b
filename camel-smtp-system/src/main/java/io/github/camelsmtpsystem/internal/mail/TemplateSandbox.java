package io.github.camelsmtpsystem.internal.mail;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.ForLoop;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * What Jinjava's own limits leave open, closed: a template may read properties of and call methods on Jinjava's
 * Python-like objects only ({@code dict.items()}, {@code list.append(x)}, {@code loop.cycle(...)}) and the Python
 * string methods Jinja2's sandbox allows ({@link PythonStrings}), never on Java objects such as strings
 * ({@code name.repeat(100000000)}, or Java regular expressions that backtrack for hours) or
 * Jinjava's interpreter and configuration; and the filters that
 * allocate what a number argument asks for ({@code center}, {@code indent}, {@code batch}, {@code round},
 * {@code format}) refuse numbers beyond the output bound before they allocate.
 */
final class TemplateSandbox {

    /** Jinjava's Python-like objects: PyMap, PyList, PyishDate, SafeString, Namespace. */
    private static final String JINJAVA_OBJECTS = "com.hubspot.jinjava.objects.";
    /** Jinjava's filters, tests and functions, and the objects they return. */
    private static final String JINJAVA_LIBRARY = "com.hubspot.jinjava.lib.";
    /** A width or precision in a {@code format} string: {@code %-100000s}, {@code %.50000f}. */
    private static final Pattern FORMAT_NUMBER = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?");

    private static final int MAX_ROUND_PRECISION = 100;

    private TemplateSandbox() {}

    /** Jinjava's default (read-only) resolvers, with method calls restricted to Jinjava's own objects. */
    static ELResolver resolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ArrayELResolver(true));
        resolver.add(new JinjavaListELResolver(true));
        resolver.add(new TypeConvertingMapELResolver(true));
        resolver.add(new SandboxBeanResolver());
        return resolver;
    }

    /** Replaces the filters that allocate what their number arguments ask for with bounded ones. */
    static void boundFilters(Context context, long maxOutputChars, int maxListSize) {
        bound(context, "center", maxOutputChars);
        bound(context, "indent", maxOutputChars);
        bound(context, "batch", maxListSize);
        bound(context, "round", MAX_ROUND_PRECISION);
        context.registerFilter(new BoundedFormatFilter(context.getFilter("format"), maxOutputChars));
    }

    /**
     * Puts every filter of the context behind {@link RenderBounds}: the render's time is checked before and after
     * each call, what a filter is given may not exceed the render's memory budget (a list that holds one long text
     * ten thousand times is refused before {@code join}, {@code tojson} or {@code sort} work on it), and what it makes
     * counts against that budget. The filters that only look at their value are not weighed.
     */
    static void guardFilters(Context context) {
        for (Filter filter : List.copyOf(context.getAllFilters())) {
            context.registerFilter(new GuardedFilter(filter));
        }
    }

    private static void bound(Context context, String name, long max) {
        context.registerFilter(new BoundedFilter(context.getFilter(name), max));
    }

    /**
     * Reads properties of and calls methods on Jinjava's template objects only. Anything else that reaches this
     * resolver (maps and lists are resolved before it) is a Java object: a string, a number, or Jinjava's own
     * interpreter, context and configuration (reachable as {@code ____int3rpr3t3r____}); its properties are
     * undefined and its methods cannot be called.
     */
    private static final class SandboxBeanResolver extends JinjavaBeanELResolver {

        SandboxBeanResolver() {
            super(true);
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null && !isTemplateObject(base)) {
                context.setPropertyResolved(true);
                return null;
            }
            return super.getValue(context, base, property);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            RenderBounds.checkTime();
            if (base instanceof String text && PythonStrings.has(method.toString())) {
                context.setPropertyResolved(true);
                Object[] args = params == null ? new Object[0] : params;
                RenderBounds.checkInput("the string method '" + method + "'", (Object) args);
                Object result = PythonStrings.call(text, method.toString(), args);
                if (result != text) {
                    RenderBounds.made(result);
                }
                return result;
            }
            if (base instanceof Map<?, ?> map
                    && "get".equals(method.toString())
                    && params != null
                    && params.length == 2) {
                // Python's dict.get(key, default)
                context.setPropertyResolved(true);
                return map.containsKey(params[0]) ? map.get(params[0]) : params[1];
            }
            if (base != null && !isTemplateObject(base)) {
                throw new MethodNotFoundException("Templates cannot call Java methods ('" + method + "' of "
                        + base.getClass().getSimpleName()
                        + "). Use a Jinja filter instead, such as |upper, |replace or |truncate.");
            }
            return super.invoke(context, base, method, paramTypes, params);
        }

        /**
         * Jinjava's dicts, lists, dates, safe strings and namespaces, the loop variable, macros, and its filters, tests
         * and what they return ({@code groupby}'s groups); Jinjava calls filters and tests through here too.
         */
        private static boolean isTemplateObject(Object base) {
            String type = base.getClass().getName();
            return type.startsWith(JINJAVA_OBJECTS)
                    || type.startsWith(JINJAVA_LIBRARY)
                    || base instanceof Filter
                    || base instanceof ExpTest
                    || base instanceof TemplateObject
                    || base instanceof ForLoop
                    || base instanceof AbstractCallableMethod;
        }
    }

    /** Marks this component's own objects that templates may read ({@code groupby}'s groups). */
    interface TemplateObject {}

    /** A filter within the render's bounds: see {@link #guardFilters}. */
    private static final class GuardedFilter implements Filter {

        /** Filters that return (a part of) their value, or a number, without copying it. */
        private static final Set<String> LOOKING_ONLY =
                Set.of("length", "count", "first", "last", "default", "d", "attr", "safe", "random");

        private final Filter delegate;
        private final boolean weighInput;

        GuardedFilter(Filter delegate) {
            this.delegate = delegate;
            this.weighInput = !LOOKING_ONLY.contains(delegate.getName());
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            before(var, args, Map.of());
            return after(var, delegate.filter(var, interpreter, args));
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            before(var, args, kwargs);
            return after(var, delegate.filter(var, interpreter, args, kwargs));
        }

        @Override
        public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
            before(var, args, Map.of());
            return after(var, delegate.filter(var, interpreter, args));
        }

        @Override
        public boolean preserveSafeString() {
            return delegate.preserveSafeString();
        }

        private void before(Object var, Object[] args, Map<String, Object> kwargs) {
            if (weighInput) {
                RenderBounds.checkInput("the filter '" + getName() + "'", var, args, kwargs.values());
            } else {
                RenderBounds.checkTime();
            }
        }

        private Object after(Object var, Object result) {
            // a filter that only looks returns (a part of) its value: nothing new to count
            if (weighInput && result != var) {
                RenderBounds.made(result);
            } else {
                RenderBounds.checkTime();
            }
            return result;
        }
    }

    /** A filter whose number arguments may not exceed {@code max}. */
    private static class BoundedFilter implements Filter {

        private final Filter delegate;
        private final long max;

        BoundedFilter(Filter delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            check(var, args, Map.of(), interpreter);
            return delegate.filter(var, interpreter, args);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            check(var, args, kwargs, interpreter);
            return delegate.filter(var, interpreter, args, kwargs);
        }

        @Override
        public Object filter(SafeString var, JinjavaInterpreter interpreter, String... args) {
            check(var, args, Map.of(), interpreter);
            return delegate.filter(var, interpreter, args);
        }

        @Override
        public boolean preserveSafeString() {
            return delegate.preserveSafeString();
        }

        void check(Object var, Object[] args, Map<String, Object> kwargs, JinjavaInterpreter interpreter) {
            for (Object arg : args) {
                checkNumber(arg, interpreter);
            }
            kwargs.values().forEach(arg -> checkNumber(arg, interpreter));
        }

        void checkNumber(Object arg, JinjavaInterpreter interpreter) {
            if (arg == null) {
                return;
            }
            double number;
            if (arg instanceof Number n) {
                number = n.doubleValue();
            } else {
                try {
                    number = Double.parseDouble(arg.toString().trim());
                } catch (NumberFormatException e) {
                    return;
                }
            }
            if (Math.abs(number) > max) {
                throw new InvalidArgumentException(
                        interpreter,
                        getName(),
                        "the filter '" + getName() + "' was given " + arg + "; templates may give it at most " + max);
            }
        }
    }

    /** {@code format}: the widths and precisions in the format string may not exceed {@code max}. */
    private static final class BoundedFormatFilter extends BoundedFilter {

        BoundedFormatFilter(Filter delegate, long max) {
            super(delegate, max);
        }

        @Override
        void check(Object var, Object[] args, Map<String, Object> kwargs, JinjavaInterpreter interpreter) {
            if (var != null) {
                Matcher matcher = FORMAT_NUMBER.matcher(RenderBounds.timed(var.toString()));
                while (matcher.find()) {
                    checkNumber(matcher.group(1), interpreter);
                    checkNumber(matcher.group(2), interpreter);
                }
            }
        }
    }
}
