package io.github.camelsmtpsystem.internal.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import jinjava.javax.el.ELException;

/**
 * Python's text operations that Jinja2 templates use and Java spells differently: lengths and slices in code points
 * (an emoji is one character, never cut in half), {@code str.title}, {@code str.center}, {@code '%.2f' % x} and
 * {@code '{:.2f}'.format(x)}.
 */
final class PythonText {

    private static final Pattern PERCENT =
            Pattern.compile("%(?:\\(([^)]*)\\))?([-+ #0]*)(\\d+|\\*)?(?:\\.(\\d+))?([diouxXeEfFgGcrs%])");
    private static final Pattern BRACES = Pattern.compile("\\{\\{|}}|\\{([^{}:!]*)(?:!([rsa]))?(?::([^{}]*))?}");
    private static final Pattern SPEC =
            Pattern.compile("(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");
    private static final Pattern WORD_START = Pattern.compile("([-\\s({\\[<]+)");

    private PythonText() {}

    /**
     * Refuses text or a list longer than a template may render at all, before it is allocated: a width, repetition or
     * precision a template asks for ({@code '%2000000000s'}, {@code 'x' * n}) fails the mail instead of the memory.
     */
    static void checkLength(long length) {
        RenderBounds.checkLength(length);
        long max = JinjavaInterpreter.getCurrentMaybe()
                .map(i -> i.getConfig().getMaxOutputSize())
                .orElse(0L);
        if (max > 0 && length > max) {
            throw new ELException("the template asks for " + length
                    + " characters or items; templates may make at most " + max + " (maxRenderedLength)");
        }
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The code points of {@code text}, each as a string. */
    static List<String> characters(String text) {
        List<String> out = new ArrayList<>();
        text.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    /** {@code text[start:end]} in code points, with Python's negative and out-of-range indices. */
    static String slice(String text, int start, int end) {
        int length = length(text);
        start = clamp(start < 0 ? start + length : start, length);
        end = clamp(end < 0 ? end + length : end, length);
        if (start >= end) {
            return "";
        }
        return text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
    }

    private static int clamp(int index, int length) {
        return Math.max(0, Math.min(index, length));
    }

    static String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    static String title(String text) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = WORD_START.matcher(RenderBounds.timed(text));
        int at = 0;
        while (matcher.find()) {
            out.append(capitalize(text.substring(at, matcher.start()))).append(matcher.group());
            at = matcher.end();
        }
        return out.append(capitalize(text.substring(at))).toString();
    }

    static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.offsetByCodePoints(0, 1);
        return text.substring(0, first).toUpperCase(Locale.ROOT)
                + text.substring(first).toLowerCase(Locale.ROOT);
    }

    /** Python's {@code str.center}: of odd padding, the extra space goes left when the width is odd. */
    static String center(String text, int width) {
        checkLength(width);
        int margin = width - length(text);
        if (margin <= 0) {
            return text;
        }
        int left = margin / 2 + (margin & width & 1);
        return " ".repeat(left) + text + " ".repeat(margin - left);
    }

    /** Python's {@code str.strip(chars)}; without chars, whitespace. */
    static String strip(String text, String chars, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        while (left && start < end && strips(text.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && strips(text.charAt(end - 1), chars)) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean strips(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    /** Python's {@code str.split(sep, maxsplit)}; without sep, on runs of whitespace. */
    static List<String> split(String text, String separator, int maxSplit) {
        List<String> out = new ArrayList<>();
        if (separator == null) {
            String rest = strip(text, null, true, false);
            while (!rest.isEmpty()) {
                if (maxSplit >= 0 && out.size() == maxSplit) {
                    out.add(strip(rest, null, false, true));
                    return out;
                }
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                out.add(rest.substring(0, end));
                rest = strip(rest.substring(end), null, true, false);
            }
            return out;
        }
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int at = 0;
        for (int found = text.indexOf(separator);
                found >= 0 && (maxSplit < 0 || out.size() < maxSplit);
                found = text.indexOf(separator, at)) {
            out.add(text.substring(at, found));
            at = found + separator.length();
        }
        out.add(text.substring(at));
        return out;
    }

    /** Python's {@code str.replace(old, new, count)}, which also inserts between characters for an empty {@code old}. */
    static String replace(String text, String old, String replacement, int count) {
        long occurrences = old.isEmpty() ? length(text) + 1L : text.split(Pattern.quote(old), -1).length - 1L;
        if (count >= 0) {
            occurrences = Math.min(occurrences, count);
        }
        checkLength(text.length() + occurrences * (replacement.length() - old.length()));
        if (old.isEmpty()) {
            StringBuilder out = new StringBuilder();
            List<String> chars = characters(text);
            int done = 0;
            for (String c : chars) {
                if (count < 0 || done++ < count) {
                    out.append(replacement);
                }
                out.append(c);
            }
            if (count < 0 || done < count) {
                out.append(replacement);
            }
            return out.toString();
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        int done = 0;
        for (int found = text.indexOf(old); found >= 0 && (count < 0 || done < count); found = text.indexOf(old, at)) {
            out.append(text, at, found).append(replacement);
            at = found + old.length();
            done++;
        }
        return out.append(text.substring(at)).toString();
    }

    /** Python's {@code format % values}: {@code %s %d %i %f %e %g %x %o %c %r %%} with flags, width and precision. */
    static String percentFormat(String format, List<Object> values, Map<?, ?> named) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = PERCENT.matcher(RenderBounds.timed(format));
        int at = 0;
        int next = 0;
        while (matcher.find()) {
            out.append(format, at, matcher.start());
            at = matcher.end();
            char type = matcher.group(5).charAt(0);
            if (type == '%') {
                out.append('%');
                continue;
            }
            String flags = matcher.group(2);
            int width = 0;
            if ("*".equals(matcher.group(3))) {
                width = ((Number) values.get(next++)).intValue();
            } else if (matcher.group(3) != null) {
                width = Integer.parseInt(matcher.group(3));
            }
            Integer precision = matcher.group(4) != null ? Integer.valueOf(matcher.group(4)) : null;
            Object value;
            if (matcher.group(1) != null && named != null) {
                value = named.get(matcher.group(1));
            } else {
                if (next >= values.size()) {
                    throw new IllegalArgumentException("not enough arguments for format string");
                }
                value = values.get(next++);
            }
            String spec = (flags.contains("-") ? "<" : ">")
                    + (flags.contains("+") ? "+" : flags.contains(" ") ? " " : "")
                    + (flags.contains("0") && !flags.contains("-") && type != 's' && type != 'r' ? "0" : "")
                    + (width > 0 ? width : "")
                    + (precision != null ? "." + precision : "");
            switch (type) {
                case 's' -> out.append(formatSpec(Values.str(value), spec));
                case 'r' -> out.append(formatSpec(Values.repr(value), spec));
                case 'c' ->
                    out.append(formatSpec(
                            value instanceof Number n
                                    ? new String(Character.toChars(n.intValue()))
                                    : String.valueOf(value),
                            spec));
                case 'i', 'u' -> out.append(formatSpec(toInteger(value), spec + "d"));
                default ->
                    out.append(formatSpec(
                            type == 'd' || type == 'x' || type == 'X' || type == 'o' ? toInteger(value) : value,
                            spec + type));
            }
        }
        if (next < values.size() && named == null) {
            throw new IllegalArgumentException("not all arguments converted during string formatting");
        }
        return out.append(format.substring(at)).toString();
    }

    /** Python's {@code str.format}: {@code {}}, {@code {0}}, {@code {name}}, {@code {0.attr}} not, with format specs. */
    static String braceFormat(String format, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = BRACES.matcher(RenderBounds.timed(format));
        int at = 0;
        int auto = 0;
        while (matcher.find()) {
            out.append(format, at, matcher.start());
            at = matcher.end();
            String whole = matcher.group();
            if (whole.equals("{{") || whole.equals("}}")) {
                out.append(whole.charAt(0));
                continue;
            }
            String field = matcher.group(1);
            Object value;
            if (field.isEmpty()) {
                value = args.get(auto++);
            } else if (field.chars().allMatch(Character::isDigit)) {
                value = args.get(Integer.parseInt(field));
            } else {
                if (!kwargs.containsKey(field)) {
                    throw new IllegalArgumentException("KeyError: '" + field + "'");
                }
                value = kwargs.get(field);
            }
            if ("r".equals(matcher.group(2))) {
                value = Values.repr(value);
            }
            out.append(formatSpec(value, matcher.group(3) == null ? "" : matcher.group(3)));
        }
        return out.append(format.substring(at)).toString();
    }

    /** Python's {@code format(value, spec)} for strings, integers and floats. */
    static String formatSpec(Object value, String spec) {
        Matcher m = SPEC.matcher(RenderBounds.timed(spec));
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid format specifier '" + spec + "'");
        }
        char fill = m.group(1) != null ? m.group(1).charAt(0) : m.group(5) != null ? '0' : ' ';
        String align = m.group(2) != null ? m.group(2) : m.group(5) != null ? "=" : null;
        String sign = m.group(3) != null ? m.group(3) : "-";
        int width = m.group(6) != null ? Integer.parseInt(m.group(6)) : 0;
        String grouping = m.group(7);
        Integer precision = m.group(8) != null ? Integer.valueOf(m.group(8)) : null;
        String type = m.group(9);
        checkLength(width);
        checkLength(precision == null ? 0 : precision);
        String body;
        boolean negative = false;
        boolean numeric = true;
        if (value instanceof Boolean b && type == null) {
            value = b ? "True" : "False";
        }
        if (type == null && (value instanceof String || !(value instanceof Number))) {
            body = Values.str(value);
            if (precision != null) {
                body = slice(body, 0, precision);
            }
            numeric = false;
        } else if ("s".equals(type)) {
            body = Values.str(value);
            if (precision != null) {
                body = slice(body, 0, precision);
            }
            numeric = false;
        } else if (type == null && Values.isInteger(value) || "d".equals(type) || "n".equals(type)) {
            BigInteger integer = toBigInteger(value, type);
            negative = integer.signum() < 0;
            body = group(integer.abs().toString(), grouping);
        } else if ("x".equals(type) || "X".equals(type) || "o".equals(type) || "b".equals(type)) {
            BigInteger integer = toBigInteger(value, type);
            negative = integer.signum() < 0;
            body = integer.abs().toString("x".equals(type) || "X".equals(type) ? 16 : "o".equals(type) ? 8 : 2);
            body = "X".equals(type) ? body.toUpperCase(Locale.ROOT) : body;
        } else if ("c".equals(type)) {
            body = new String(Character.toChars(toBigInteger(value, type).intValue()));
            numeric = false;
        } else {
            double number = toDouble(value);
            negative = number < 0 || (number == 0 && 1 / number < 0);
            double abs = Math.abs(number);
            String t = type == null ? "" : type;
            body = switch (t) {
                case "f", "F" -> fixed(abs, precision == null ? 6 : precision);
                case "%" -> fixed(abs * 100, precision == null ? 6 : precision) + "%";
                case "e", "E" -> exponent(abs, precision == null ? 6 : precision, t.equals("E"));
                case "g", "G" -> general(abs, precision == null ? 6 : precision, false);
                default -> precision == null ? Values.floatRepr(abs) : general(abs, precision, true);
            };
            if (Double.isInfinite(abs)) {
                body = "inf";
            } else if (Double.isNaN(number)) {
                body = "nan";
            }
            if (grouping != null) {
                int dot = body.indexOf('.');
                body = dot < 0 ? group(body, grouping) : group(body.substring(0, dot), grouping) + body.substring(dot);
            }
        }
        String signText = !numeric ? "" : negative ? "-" : "+".equals(sign) ? "+" : " ".equals(sign) ? " " : "";
        int padding = width - length(body) - signText.length();
        if (padding <= 0) {
            return signText + body;
        }
        String pad = String.valueOf(fill).repeat(padding);
        String how = align != null ? align : numeric ? ">" : "<";
        return switch (how) {
            case "<" -> signText + body + pad;
            case "=" -> signText + pad + body;
            case "^" ->
                String.valueOf(fill).repeat(padding / 2)
                        + signText
                        + body
                        + String.valueOf(fill).repeat(padding - padding / 2);
            default -> pad + signText + body;
        };
    }

    private static String group(String digits, String separator) {
        if (separator == null) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits);
        for (int i = digits.length() - 3; i > 0; i -= 3) {
            out.insert(i, separator);
        }
        return out.toString();
    }

    /** Rounded as Python rounds: the exact binary value, half to even. */
    static String fixed(double value, int precision) {
        return new BigDecimal(value).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String exponent(double value, int precision, boolean upper) {
        if (value == 0) {
            return fixed(0, precision) + (upper ? "E+00" : "e+00");
        }
        BigDecimal exact = new BigDecimal(value);
        int exp = exact.precision() - exact.scale() - 1;
        BigDecimal mantissa = exact.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            exp++;
            mantissa = exact.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        }
        return mantissa.toPlainString()
                + (upper ? "E" : "e")
                + (exp < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exp));
    }

    private static String general(double value, int precision, boolean keepPoint) {
        int p = precision == 0 ? 1 : precision;
        if (value == 0) {
            return keepPoint ? "0.0" : "0";
        }
        String e = exponent(value, p - 1, false);
        int exp = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        String out;
        if (exp >= -4 && exp < p) {
            out = new BigDecimal(value)
                    .setScale(p - 1 - exp, RoundingMode.HALF_EVEN)
                    .toPlainString();
            if (out.indexOf('.') >= 0) {
                out = out.replaceAll("0+$", "").replaceAll("\\.$", keepPoint ? ".0" : "");
            } else if (keepPoint) {
                out += ".0";
            }
        } else {
            String mantissa = e.substring(0, e.indexOf('e'));
            if (mantissa.indexOf('.') >= 0) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            out = mantissa + e.substring(e.indexOf('e'));
        }
        return out;
    }

    private static BigInteger toBigInteger(Object value, String type) {
        if (value instanceof BigInteger big) {
            return big;
        }
        if (Values.isInteger(value)) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        throw new IllegalArgumentException(
                "Unknown format code '" + type + "' for object of type '" + typeName(value) + "'");
    }

    /** What {@code %d} does with a float: truncate it. */
    private static Object toInteger(Object value) {
        if (value instanceof Number n && !Values.isInteger(n)) {
            return new BigDecimal(n.doubleValue()).toBigInteger();
        }
        if (!(value instanceof Number) && !(value instanceof Boolean)) {
            throw new IllegalArgumentException("%d format: a real number is required, not " + typeName(value));
        }
        return value;
    }

    private static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("must be real number, not " + typeName(value));
    }

    static String typeName(Object value) {
        if (value instanceof String) {
            return "str";
        }
        if (Values.isNone(value)) {
            return "NoneType";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }
}
