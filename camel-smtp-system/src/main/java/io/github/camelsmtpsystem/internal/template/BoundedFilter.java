package io.github.camelsmtpsystem.internal.template;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;

/**
 * A filter that allocates what a number argument asks for ({@code center}, {@code indent}, {@code batch},
 * {@code round}, the widths in {@code format}), refusing numbers beyond its bound before it allocates.
 */
class BoundedFilter implements Filter {

    /** A width or precision in a {@code format} string: {@code %-100000s}, {@code %.50000f}. */
    private static final Pattern FORMAT_NUMBER = Pattern.compile("%(?:\\d+\\$)?[-#+ 0,(<]*(\\d+)?(?:\\.(\\d+))?");

    private final Filter delegate;
    private final long max;

    private BoundedFilter(Filter delegate, long max) {
        this.delegate = delegate;
        this.max = max;
    }

    /** {@code delegate}, whose number arguments may not exceed {@code max}. */
    static Filter numbers(Filter delegate, long max) {
        return new BoundedFilter(delegate, max);
    }

    /** {@code format}: the widths and precisions in the format string may not exceed {@code max}. */
    static Filter formatWidths(Filter delegate, long max) {
        return new BoundedFilter(delegate, max) {
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
        };
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
