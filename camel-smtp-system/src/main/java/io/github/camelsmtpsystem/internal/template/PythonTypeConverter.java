package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;

import com.hubspot.jinjava.el.TruthyTypeConverter;

/** The expression language's conversions the Python way: truth as Python's, text as {@code str()}, booleans as 1 and 0. */
final class PythonTypeConverter extends TruthyTypeConverter {

    private static final long serialVersionUID = 1L;

    @Override
    protected Boolean coerceToBoolean(Object value) {
        return Values.truthy(value);
    }

    @Override
    protected String coerceToString(Object value) {
        return value == null ? "" : Values.str(value);
    }

    @Override
    protected Long coerceToLong(Object value) {
        return value instanceof Boolean b ? (b ? 1L : 0L) : super.coerceToLong(value);
    }

    @Override
    protected Integer coerceToInteger(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : super.coerceToInteger(value);
    }

    @Override
    protected Double coerceToDouble(Object value) {
        return value instanceof Boolean b ? (b ? 1d : 0d) : super.coerceToDouble(value);
    }

    @Override
    protected BigDecimal coerceToBigDecimal(Object value) {
        return value instanceof Boolean b ? (b ? BigDecimal.ONE : BigDecimal.ZERO) : super.coerceToBigDecimal(value);
    }

    @Override
    protected BigInteger coerceToBigInteger(Object value) {
        return value instanceof Boolean b ? (b ? BigInteger.ONE : BigInteger.ZERO) : super.coerceToBigInteger(value);
    }
}
