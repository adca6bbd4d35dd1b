package io.github.camelsmtpsystem.internal.template;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.ForLoop;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * What Jinjava's own limits leave open, closed: a template may read properties of and call methods on Jinjava's
 * Python-like objects only ({@code dict.items()}, {@code list.append(x)}, {@code loop.cycle(...)}) and the Python
 * string methods Jinja2's sandbox allows ({@link StringMethods}), never on Java objects such as strings
 * ({@code name.repeat(100000000)}, or Java regular expressions that backtrack for hours) or
 * Jinjava's interpreter and configuration; and every filter is checked against the render's bounds
 * ({@link #guardFilters}). The filters that allocate what a number argument asks for are bounded where they are
 * registered ({@link BoundedFilter}).
 */
final class TemplateSandbox {

    /** Jinjava's Python-like objects: PyMap, PyList, PyishDate, SafeString, Namespace. */
    private static final String JINJAVA_OBJECTS = "com.hubspot.jinjava.objects.";
    /** Jinjava's filters, tests and functions, and the objects they return. */
    private static final String JINJAVA_LIBRARY = "com.hubspot.jinjava.lib.";

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

    /**
     * Reads properties of and calls methods on Jinjava's template objects only. Anything else that reaches this
     * resolver (maps and lists are resolved before it) is a Java object: a string, a number, or Jinjava's own
     * interpreter, context and configuration (reachable as {@code ____int3rpr3t3r____}); its properties are
     * undefined and its methods cannot be called.
     */
    private static final class SandboxBeanResolver extends JinjavaBeanELResolver {

        /** Beyond this many, methods are looked up again on every call rather than kept. */
        private static final int MAX_METHODS_KEPT = 10_000;

        /**
         * The method found for a call, by the base's class, the name and the classes of the arguments: Jinjava looks
         * it up by reflection on every call ({@code Class.getMethods} copies them all), and every filter is called
         * this way. What it finds depends on nothing else.
         */
        private final Map<MethodCall, Method> methods = new ConcurrentHashMap<>();

        SandboxBeanResolver() {
            super(true);
        }

        @Override
        protected Method findMethod(Object base, String name, Class<?>[] types, Object[] params, int paramCount) {
            if (types != null) {
                return super.findMethod(base, name, types, params, paramCount);
            }
            MethodCall call = MethodCall.of(base, name, params, paramCount);
            Method method = methods.get(call);
            if (method == null) {
                method = super.findMethod(base, name, null, params, paramCount);
                if (method != null && methods.size() < MAX_METHODS_KEPT) {
                    methods.put(call, method);
                }
            }
            return method;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base != null && !isTemplateObject(base) || isCallOfFilterOrTest(base, property)) {
                context.setPropertyResolved(true);
                return null;
            }
            return super.getValue(context, base, property);
        }

        /**
         * Jinjava calls a filter or a test by first reading its {@code filter} or {@code evaluate} as a property, which
         * neither has: the bean resolver throws a {@code PropertyNotFoundException} that Jinjava catches, for every
         * filter call (two thirds of an order body's render). The answer is the same without the exception.
         */
        private static boolean isCallOfFilterOrTest(Object base, Object property) {
            return base instanceof Filter && "filter".equals(property)
                    || base instanceof ExpTest && "evaluate".equals(property);
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            RenderBounds.checkTime();
            if (base instanceof Filter filter
                    && "filter".equals(method)
                    && params != null
                    && params.length == 4
                    && params[1] instanceof JinjavaInterpreter interpreter
                    && params[2] instanceof Object[] args
                    && params[3] instanceof Map<?, ?> kwargs) {
                return callFilter(context, filter, params[0], interpreter, args, kwargs);
            }
            if (base instanceof String text && StringMethods.has(method.toString())) {
                context.setPropertyResolved(true);
                Object[] args = params == null ? new Object[0] : params;
                RenderBounds.checkInput("the string method '" + method + "'", (Object) args);
                Object result = StringMethods.call(text, method.toString(), args);
                if (result != text) {
                    RenderBounds.made(result);
                }
                return result;
            }
            if (base instanceof Map<?, ?> map && DictMethods.has(method.toString(), params)) {
                context.setPropertyResolved(true);
                return DictMethods.call(map, params);
            }
            if (base != null && !isTemplateObject(base)) {
                throw new MethodNotFoundException("Templates cannot call Java methods ('" + method + "' of "
                        + base.getClass().getSimpleName()
                        + "). Use a Jinja filter instead, such as |upper, |replace or |truncate.");
            }
            return super.invoke(context, base, method, paramTypes, params);
        }

        /**
         * A filter call as Jinjava's bean resolver makes it (the overload with positional and named arguments, a
         * failure wrapped in an {@link ELException}, a restricted result refused), without finding the method and
         * calling it by reflection on every call.
         */
        @SuppressWarnings("unchecked")
        private Object callFilter(
                ELContext context,
                Filter filter,
                Object value,
                JinjavaInterpreter interpreter,
                Object[] args,
                Map<?, ?> kwargs) {
            Object result;
            try {
                result = filter.filter(value, interpreter, args, (Map<String, Object>) kwargs);
            } catch (RuntimeException | Error e) {
                throw new ELException(e);
            }
            context.setPropertyResolved(true);
            if (isRestrictedClass(result)) {
                throw new MethodNotFoundException("Cannot find method 'filter' in " + filter.getClass());
            }
            return result;
        }

        /**
         * Jinjava's dicts, lists, dates, safe strings and namespaces, the loop variable, macros, and its filters, tests
         * and what they return ({@code groupby}'s groups); Jinjava calls filters and tests through here too.
         */
        private static boolean isTemplateObject(Object base) {
            return TEMPLATE_TYPES.get(base.getClass());
        }

        /** Whether a class is one of {@link #isTemplateObject}'s, worked out once per class. */
        private static final ClassValue<Boolean> TEMPLATE_TYPES = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                String name = type.getName();
                return name.startsWith(JINJAVA_OBJECTS)
                        || name.startsWith(JINJAVA_LIBRARY)
                        || Filter.class.isAssignableFrom(type)
                        || ExpTest.class.isAssignableFrom(type)
                        || TemplateObject.class.isAssignableFrom(type)
                        || ForLoop.class.isAssignableFrom(type)
                        || AbstractCallableMethod.class.isAssignableFrom(type);
            }
        };
    }

    /** A method call as Jinjava's method lookup sees it: the base's class, the name, the arguments' classes. */
    private record MethodCall(Class<?> type, String name, List<Class<?>> argumentTypes) {

        static MethodCall of(Object base, String name, Object[] params, int count) {
            Class<?>[] types = new Class<?>[count];
            for (int i = 0; i < count; i++) {
                // a null argument fits any parameter: Void stands for it
                types[i] = params[i] == null ? Void.class : params[i].getClass();
            }
            return new MethodCall(base.getClass(), name, Arrays.asList(types));
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
        /** How a failure names this filter, made once rather than at every call. */
        private final String what;

        GuardedFilter(Filter delegate) {
            this.delegate = delegate;
            this.weighInput = !LOOKING_ONLY.contains(delegate.getName());
            this.what = "the filter '" + delegate.getName() + "'";
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
                RenderBounds.checkInput(what, var, args, kwargs.values());
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
}
