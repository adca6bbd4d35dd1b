package io.github.camelsmtpsystem.internal.template;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;

/** Jinja2's global function {@code range}, as Python's, of at most {@link #MAX_RANGE} items. */
final class RangeFunction {

    /** Jinja2's sandbox allows ranges up to this many items; beyond, the render fails rather than stopping short. */
    static final int MAX_RANGE = 100_000;

    private RangeFunction() {}

    static void register(Context context) {
        try {
            Method range = RangeFunction.class.getDeclaredMethod("range", Object.class, Object[].class);
            range.setAccessible(true);
            context.registerFunction(new ELFunctionDefinition("", "range", range));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Python's {@code range(stop)}, {@code range(start, stop)}, {@code range(start, stop, step)}, of at most {@link #MAX_RANGE} items. */
    static List<Long> range(Object first, Object... more) {
        long start = 0;
        long stop;
        long step = 1;
        if (more.length == 0) {
            stop = whole(first);
        } else {
            start = whole(first);
            stop = whole(more[0]);
            step = more.length > 1 ? whole(more[1]) : 1;
        }
        if (step == 0) {
            throw new InvalidArgumentException(
                    JinjavaInterpreter.getCurrent(), "range", "range() arg 3 must not be zero");
        }
        long size = step > 0
                ? Math.max(0, (stop - start + step - 1) / step)
                : Math.max(0, (start - stop - step - 1) / -step);
        if (size > MAX_RANGE) {
            throw new InvalidArgumentException(
                    JinjavaInterpreter.getCurrent(),
                    "range",
                    "range() of " + size + " items: templates may make ranges of at most " + MAX_RANGE + " items");
        }
        List<Long> out = new ArrayList<>((int) size);
        for (long i = 0, value = start; i < size; i++, value += step) {
            out.add(value);
        }
        return out;
    }

    private static long whole(Object value) {
        if (value instanceof Number n && Values.isInteger(n)) {
            return n.longValue();
        }
        throw new InvalidArgumentException(
                JinjavaInterpreter.getCurrent(),
                "range",
                "range() takes whole numbers, not '" + Values.str(value) + "'");
    }
}
