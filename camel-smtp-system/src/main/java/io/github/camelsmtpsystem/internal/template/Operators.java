package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.objects.SafeString;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELException;

/**
 * Python's meaning of the operators where the expression language's differs: {@code ==} does not convert
 * ({@code '1' == 1} is false), {@code and} gives an operand, {@code *} repeats text and lists, {@code %} takes the
 * divisor's sign, and {@code True + 1} is 2.
 */
final class Operators {

    static final AstBinary.Operator EQ = simple((converter, a, b) -> equal(a, b));
    static final AstBinary.Operator NE = simple((converter, a, b) -> !equal(a, b));
    static final AstBinary.Operator AND = (bindings, context, left, right) -> {
        Object first = left.eval(bindings, context);
        return Values.truthy(first) ? right.eval(bindings, context) : first;
    };
    static final AstBinary.Operator MUL = made(simple(Operators::multiply));
    static final AstBinary.Operator MOD = made(simple(Operators::modulo));
    static final AstBinary.Operator ADD = made(new AdditionOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            Object x = number(a);
            Object y = number(b);
            if (bothIntegers(x, y)) {
                return narrow(big(x).add(big(y)));
            }
            RenderBounds.checkInput("'+'", x, y);
            return super.apply(converter, x, y);
        }
    });
    /** Jinja2's {@code ~}: Jinjava's, whose texts count against the render's memory budget. */
    static final AstBinary.Operator CONCAT = made(StringConcatOperator.OP);

    static final AstBinary.Operator SUB = simple((converter, a, b) -> {
        Object x = number(a);
        Object y = number(b);
        return bothIntegers(x, y) ? narrow(big(x).subtract(big(y))) : NumberOperations.sub(converter, x, y);
    });
    static final AstBinary.Operator POW = simple(Operators::power);

    private Operators() {}

    interface Apply {
        Object apply(TypeConverter converter, Object a, Object b);
    }

    private static AstBinary.Operator simple(Apply apply) {
        return new AstBinary.SimpleOperator() {
            @Override
            protected Object apply(TypeConverter converter, Object a, Object b) {
                return apply.apply(converter, a, b);
            }
        };
    }

    /** {@code operator}, with what it makes counted against the render's memory budget ({@link RenderBounds}). */
    private static AstBinary.Operator made(AstBinary.Operator operator) {
        return (bindings, context, left, right) -> {
            Object result = operator.eval(bindings, context, left, right);
            RenderBounds.made(result);
            return result;
        };
    }

    /** The operator that stands for {@code operator} in Python, or {@code operator} itself. */
    static AstBinary.Operator python(AstBinary.Operator operator) {
        if (operator == AstBinary.EQ) {
            return EQ;
        }
        if (operator == AstBinary.NE) {
            return NE;
        }
        if (operator == AstBinary.AND) {
            return AND;
        }
        if (operator == AstBinary.MUL) {
            return MUL;
        }
        if (operator == AstBinary.MOD) {
            return MOD;
        }
        if (operator == AdditionOperator.OP) {
            return ADD;
        }
        if (operator == AstBinary.SUB) {
            return SUB;
        }
        if (operator == StringConcatOperator.OP) {
            return CONCAT;
        }
        return operator;
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof TemplateUndefined || b instanceof TemplateUndefined) {
            if (a instanceof TemplateUndefined u) {
                u.checked();
            }
            if (b instanceof TemplateUndefined u) {
                u.checked();
            }
            return a instanceof TemplateUndefined && b instanceof TemplateUndefined;
        }
        if (Values.isNone(a) || Values.isNone(b)) {
            return Values.isNone(a) && Values.isNone(b);
        }
        Object x = a instanceof SafeString ? a.toString() : a;
        Object y = b instanceof SafeString ? b.toString() : b;
        if (isNumeric(x) && isNumeric(y)) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (x instanceof List<?> l && y instanceof List<?> m) {
            if (l.size() != m.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!equal(l.get(i), m.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Map<?, ?> l && y instanceof Map<?, ?> m) {
            return l.size() == m.size()
                    && l.entrySet().stream()
                            .allMatch(e -> m.containsKey(e.getKey()) && equal(e.getValue(), m.get(e.getKey())));
        }
        return x.equals(y);
    }

    private static boolean isNumeric(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? BigDecimal.valueOf(Double.MAX_VALUE) : new BigDecimal(d);
        }
        return new BigDecimal(value.toString());
    }

    private static Object number(Object value) {
        if (value instanceof TemplateUndefined undefined) {
            // arithmetic on an undefined value fails in every mode, as in Jinja2
            throw undefined.failure();
        }
        return value instanceof Boolean b ? (b ? 1L : 0L) : value;
    }

    private static Object multiply(TypeConverter converter, Object a, Object b) {
        if ((a instanceof String || a instanceof SafeString) && Values.isInteger(number(b))) {
            return repeat(a.toString(), ((Number) number(b)).longValue());
        }
        if ((b instanceof String || b instanceof SafeString) && Values.isInteger(number(a))) {
            return repeat(b.toString(), ((Number) number(a)).longValue());
        }
        if (a instanceof List<?> list && Values.isInteger(number(b))) {
            long times = ((Number) number(b)).longValue();
            checkSize((long) list.size() * Math.max(0, times));
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < times; i++) {
                out.addAll(list);
            }
            return out;
        }
        Object x = number(a);
        Object y = number(b);
        return bothIntegers(x, y) ? narrow(big(x).multiply(big(y))) : NumberOperations.mul(converter, x, y);
    }

    /** Python's {@code **}: whole numbers stay whole and exact, however large (within the output bound). */
    private static Object power(TypeConverter converter, Object a, Object b) {
        Object x = number(a);
        Object y = number(b);
        if (bothIntegers(x, y) && big(y).signum() >= 0) {
            int exponent = big(y).intValueExact();
            PythonText.checkLength((long)
                    Math.ceil(exponent * Math.log10(Math.max(2, big(x).abs().doubleValue()))));
            return narrow(big(x).pow(exponent));
        }
        if (!(x instanceof Number) || !(y instanceof Number)) {
            throw new ELException("unsupported operand type(s) for **: '" + PythonText.typeName(x) + "' and '"
                    + PythonText.typeName(y) + "'");
        }
        return Math.pow(((Number) x).doubleValue(), ((Number) y).doubleValue());
    }

    private static boolean bothIntegers(Object a, Object b) {
        return Values.isInteger(a) && Values.isInteger(b);
    }

    private static BigInteger big(Object integer) {
        return integer instanceof BigInteger b ? b : BigInteger.valueOf(((Number) integer).longValue());
    }

    /** Python's ints have no size: a result beyond 64 bits stays a BigInteger rather than overflowing. */
    private static Object narrow(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static String repeat(String text, long times) {
        checkSize((long) text.length() * Math.max(0, times));
        return times <= 0 ? "" : text.repeat((int) times);
    }

    private static void checkSize(long size) {
        PythonText.checkLength(size);
    }

    private static Object modulo(TypeConverter converter, Object a, Object b) {
        Object x = number(a);
        Object y = number(b);
        if (x instanceof String || x instanceof SafeString) {
            return PythonText.percentFormat(
                    x.toString(),
                    y instanceof List<?> list ? new ArrayList<>(list) : Collections.singletonList(y),
                    y instanceof Map<?, ?> map ? map : null);
        }
        if (Values.isInteger(x) && Values.isInteger(y)) {
            long divisor = ((Number) y).longValue();
            if (divisor == 0) {
                throw new ELException("integer division or modulo by zero");
            }
            return Math.floorMod(((Number) x).longValue(), divisor);
        }
        double dividend = ((Number) x).doubleValue();
        double divisor = ((Number) y).doubleValue();
        if (divisor == 0) {
            throw new ELException("float modulo");
        }
        double result = dividend % divisor;
        return result != 0 && (result < 0) != (divisor < 0) ? result + divisor : result;
    }

    /** For {@link ExpressionParser}: Python's chained comparison {@code a < b < c} is {@code a < b and b < c}. */
    static AstNode bothOf(AstNode first, AstNode second) {
        return new AstBinary(first, second, AND);
    }
}
