package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import io.github.camelsmtpsystem.internal.template.Filters.Args;

import static io.github.camelsmtpsystem.internal.template.Filters.filter;

/**
 * Jinja2's number filters where Jinjava's differ: {@code round} (half to even; its precision bounded, as a large one
 * allocates) and {@code filesizeformat}.
 */
final class NumberFilters {

    private static final String[] DECIMAL_UNITS = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    private static final int MAX_ROUND_PRECISION = 100;

    private NumberFilters() {}

    static void register(Context context) {
        context.registerFilter(BoundedFilter.numbers(filter("round", NumberFilters::round), MAX_ROUND_PRECISION));
        context.registerFilter(filter("filesizeformat", NumberFilters::filesizeformat));
    }

    private static Object round(Object value, JinjavaInterpreter interpreter, Args args) {
        int precision = args.integer(0, "precision", 0);
        String method = args.text(1, "method", "common");
        if (!Set.of("common", "ceil", "floor").contains(method)) {
            throw new IllegalArgumentException("method must be common, ceil or floor");
        }
        Number number = toNumber(value);
        if (Values.isInteger(number) && "common".equals(method)) {
            if (precision >= 0) {
                return number;
            }
            return new BigDecimal(number.toString())
                    .setScale(precision, RoundingMode.HALF_EVEN)
                    .toBigInteger()
                    .longValue();
        }
        double x = number.doubleValue();
        if ("common".equals(method)) {
            return new BigDecimal(x).setScale(precision, RoundingMode.HALF_EVEN).doubleValue();
        }
        double scale = Math.pow(10, precision);
        return ("ceil".equals(method) ? Math.ceil(x * scale) : Math.floor(x * scale)) / scale;
    }

    private static Number toNumber(Object value) {
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        try {
            return Double.valueOf(Values.str(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + Values.str(value) + "' is not a number");
        }
    }

    private static Object filesizeformat(Object value, JinjavaInterpreter interpreter, Args args) {
        boolean binary = args.flag(0, "binary", false);
        double bytes = toNumber(value).doubleValue();
        int base = binary ? 1024 : 1000;
        String[] units = binary ? BINARY_UNITS : DECIMAL_UNITS;
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return (long) bytes + " Bytes";
        }
        double unit = base;
        for (String prefix : units) {
            unit *= base;
            if (bytes < unit || prefix.equals(units[units.length - 1])) {
                return PythonText.fixed(base * bytes / unit, 1) + " " + prefix;
            }
        }
        throw new IllegalStateException();
    }
}
