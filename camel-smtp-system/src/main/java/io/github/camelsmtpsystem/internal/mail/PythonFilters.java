package io.github.camelsmtpsystem.internal.mail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.ObjectIterator;
import org.jsoup.parser.Parser;

/**
 * Jinja2's filters where Jinjava's differ from them (or lack them): what they return and how they count, round,
 * sort, escape and print, as Python's Jinja2 3.1 does.
 */
final class PythonFilters {

    private static final Pattern COMMENTS = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern TAGS = Pattern.compile("<.*?>", Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\"(?![^>]*\brel=)");
    private static final String[] DECIMAL_UNITS = {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private PythonFilters() {}

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
                            && !PythonValues.isNone(value)
                            && !"false".equalsIgnoreCase(value.toString())
                            && !"0".equals(value.toString());
        }

        Integer integer(int index, String name, Integer otherwise) {
            Object value = get(index, name, otherwise);
            return value == null || PythonValues.isNone(value)
                    ? otherwise
                    : value instanceof Number n
                            ? n.intValue()
                            : Integer.valueOf(value.toString().trim());
        }

        String text(int index, String name, String otherwise) {
            Object value = get(index, name, otherwise);
            return value == null || PythonValues.isNone(value) ? otherwise : PythonValues.str(value);
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

    static void register(Context context) {
        // text
        context.registerFilter(filter("title", (v, i, a) -> PythonText.title(PythonValues.str(v))));
        context.registerFilter(filter("capitalize", (v, i, a) -> PythonText.capitalize(PythonValues.str(v))));
        context.registerFilter(
                filter("center", (v, i, a) -> PythonText.center(PythonValues.str(v), a.integer(0, "width", 80))));
        context.registerFilter(filter("truncate", PythonFilters::truncate));
        context.registerFilter(filter("striptags", (v, i, a) -> striptags(PythonValues.str(v))));
        context.registerFilter(filter(
                "escape", (v, i, a) -> v instanceof SafeString ? v : new SafeString(escape(PythonValues.str(v)))));
        context.registerFilter(
                filter("e", (v, i, a) -> v instanceof SafeString ? v : new SafeString(escape(PythonValues.str(v)))));
        context.registerFilter(filter("forceescape", (v, i, a) -> new SafeString(escape(PythonValues.str(v)))));
        context.registerFilter(filter(
                "tojson", (v, i, a) -> new SafeString(PythonJson.toJson(v, a.integer(0, "indent", null)))));
        context.registerFilter(filter("urlencode", (v, i, a) -> urlencode(v)));
        context.registerFilter(filter(
                "format",
                (v, i, a) -> PythonText.percentFormat(
                        PythonValues.str(v),
                        List.of(a.positional()),
                        a.positional().length == 0 && !a.named().isEmpty() ? a.named() : null)));
        context.registerFilter(filter("string", (v, i, a) -> v instanceof SafeString ? v : PythonValues.str(v)));
        context.registerFilter(filter("join", PythonFilters::join));
        context.registerFilter(filter(
                "replace",
                (v, i, a) -> PythonText.replace(
                        PythonValues.str(v), a.text(0, "old", ""), a.text(1, "new", ""), a.integer(2, "count", -1))));
        Filter urlize = context.getFilter("urlize");
        // Jinja2 marks the links it makes rel="noopener"
        context.registerFilter(filter(
                "urlize",
                (v, i, a) -> LINK.matcher(
                                RenderBounds.timed(PythonValues.str(urlize.filter(v, i, a.positional(), a.named()))))
                        .replaceAll("<a href=\"$1\" rel=\"noopener\"")));
        context.registerFilter(filter("upper", (v, i, a) -> PythonValues.str(v).toUpperCase(Locale.ROOT)));
        context.registerFilter(filter("lower", (v, i, a) -> PythonValues.str(v).toLowerCase(Locale.ROOT)));
        context.registerFilter(filter("default", PythonFilters::otherwise));
        context.registerFilter(filter("d", PythonFilters::otherwise));
        // sequences
        context.registerFilter(filter("length", (v, i, a) -> length(v)));
        context.registerFilter(filter("count", (v, i, a) -> length(v)));
        context.registerFilter(filter("first", (v, i, a) -> first(v)));
        context.registerFilter(filter("last", (v, i, a) -> last(v)));
        context.registerFilter(filter("reverse", (v, i, a) -> reverse(v)));
        context.registerFilter(filter("list", (v, i, a) -> list(v)));
        context.registerFilter(filter("items", (v, i, a) -> v instanceof Map<?, ?> map ? entries(map) : List.of()));
        context.registerFilter(filter("min", (v, i, a) -> extreme(v, i, a, -1)));
        context.registerFilter(filter("max", (v, i, a) -> extreme(v, i, a, 1)));
        context.registerFilter(filter("sum", PythonFilters::sum));
        context.registerFilter(filter("unique", PythonFilters::unique));
        context.registerFilter(filter("sort", PythonFilters::sort));
        context.registerFilter(filter("dictsort", PythonFilters::dictsort));
        context.registerFilter(filter("batch", PythonFilters::batch));
        context.registerFilter(filter("groupby", PythonFilters::groupby));
        // numbers
        context.registerFilter(filter("round", PythonFilters::round));
        context.registerFilter(filter("filesizeformat", PythonFilters::filesizeformat));
    }

    /** Jinja2's {@code default}: for an undefined value, or with {@code boolean=true} for a false one; None is defined. */
    private static Object otherwise(Object value, JinjavaInterpreter interpreter, Args args) {
        Object fallback = args.get(0, "default_value", "");
        boolean orFalse = args.flag(1, "boolean", false);
        if (!PythonValues.isDefined(value) || orFalse && !PythonValues.truthy(value)) {
            return fallback;
        }
        return value;
    }

    private static Object truncate(Object value, JinjavaInterpreter interpreter, Args args) {
        String text = PythonValues.str(value);
        int length = args.integer(0, "length", 255);
        boolean killwords = args.flag(1, "killwords", false);
        String end = args.text(2, "end", "...");
        Integer leeway = args.integer(3, "leeway", 5);
        if (PythonText.length(text) <= length + leeway) {
            return text;
        }
        String cut = PythonText.slice(text, 0, length - PythonText.length(end));
        if (killwords) {
            return cut + end;
        }
        int space = cut.lastIndexOf(' ');
        return (space >= 0 ? cut.substring(0, space) : cut) + end;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String striptags(String html) {
        String text = TAGS.matcher(RenderBounds.timed(
                        COMMENTS.matcher(RenderBounds.timed(html)).replaceAll("")))
                .replaceAll("");
        text = String.join(" ", PythonText.split(text, null, -1));
        return Parser.unescapeEntities(
                WHITESPACE.matcher(RenderBounds.timed(text)).replaceAll(" "), false);
    }

    private static String urlencode(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> pairs = new ArrayList<>();
            map.forEach((k, v) -> pairs.add(quote(PythonValues.str(k), true) + "=" + quote(PythonValues.str(v), true)));
            return String.join("&", pairs);
        }
        return quote(PythonValues.str(value), false);
    }

    /** Python's {@code urllib.parse.quote}: letters, digits and {@code _.-~} stay, and {@code /} outside query strings. */
    private static String quote(String text, boolean forQuery) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
        if (!forQuery) {
            encoded = encoded.replace("%2F", "/");
        }
        return forQuery ? encoded.replace("%20", "+") : encoded;
    }

    private static Object join(Object value, JinjavaInterpreter interpreter, Args args) {
        String separator = args.text(0, "d", "");
        Object attribute = args.get(1, "attribute", null);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : iterate(value)) {
            if (!first) {
                out.append(separator);
            }
            first = false;
            Object shown = attribute == null ? item : attribute(item, attribute, interpreter);
            out.append(PythonValues.str(shown));
        }
        return out.toString();
    }

    static Object length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof TemplateUndefined undefined) {
            undefined.checked();
            return 0;
        }
        if (value instanceof String || value instanceof SafeString) {
            return PythonText.length(value.toString());
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof Object[] array) {
            return array.length;
        }
        throw new IllegalArgumentException("object of type '" + PythonText.typeName(value) + "' has no len()");
    }

    private static Object first(Object value) {
        if (value instanceof String text) {
            return text.isEmpty()
                    ? TemplateUndefined.hinted("first", "No first item, sequence was empty.")
                    : PythonText.slice(text, 0, 1);
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return entry.getKey();
        }
        Iterator<Object> items = iterate(value).iterator();
        return items.hasNext() ? items.next() : TemplateUndefined.hinted("first", "No first item, sequence was empty.");
    }

    private static Object last(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? null : PythonText.slice(text, -1, Integer.MAX_VALUE);
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return entry.getValue();
        }
        List<Object> items = list(value);
        return items.isEmpty()
                ? TemplateUndefined.hinted("last", "No last item, sequence was empty.")
                : items.get(items.size() - 1);
    }

    private static Object reverse(Object value) {
        if (value instanceof String || value instanceof SafeString) {
            return PythonText.reverse(value.toString());
        }
        List<Object> items = list(value);
        Collections.reverse(items);
        return items;
    }

    /** Python's {@code list(value)}: a string's characters, a dict's keys, a sequence's items. */
    static List<Object> list(Object value) {
        if (value instanceof String text) {
            return new ArrayList<>(PythonText.characters(text));
        }
        List<Object> out = new ArrayList<>();
        iterate(value).forEach(out::add);
        return out;
    }

    /** What a for loop in Jinja2 goes through: a dict's keys, a string's characters, a sequence's items. */
    static Iterable<Object> iterate(Object value) {
        if (value instanceof TemplateUndefined undefined) {
            undefined.checked();
            return List.of();
        }
        if (value == null) {
            return List.of();
        }
        if (PythonValues.isNone(value)) {
            throw new IllegalArgumentException("'NoneType' object is not iterable");
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (value instanceof String text) {
            return new ArrayList<>(PythonText.characters(text));
        }
        List<Object> out = new ArrayList<>();
        ObjectIterator.getLoop(value).forEachRemaining(out::add);
        return out;
    }

    private static List<Object> entries(Map<?, ?> map) {
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        return out;
    }

    /** An item's attribute as Jinja2's {@code attribute=} reads it: {@code 'price'}, {@code 'address.city'}, {@code 0}. */
    static Object attribute(Object item, Object attribute, JinjavaInterpreter interpreter) {
        Object value = item;
        String path = attribute.toString();
        for (String part : path.split("\\.")) {
            if (value instanceof Map<?, ?> map) {
                value = map.get(part);
            } else if (value instanceof List<?> list && part.matches("-?\\d+")) {
                int index = Integer.parseInt(part);
                value = index < list.size() ? list.get(index) : null;
            } else if (value != null) {
                value = interpreter.resolveProperty(value, part);
            }
        }
        return value;
    }

    /** Python's ordering for sort, min and max; strings compared lower-cased unless case-sensitive. */
    private static Comparator<Object> order(boolean caseSensitive) {
        return (a, b) -> {
            // a sort of long texts takes long: stopped between comparisons
            RenderBounds.checkTime();
            Object x = key(a, caseSensitive);
            Object y = key(b, caseSensitive);
            if (x instanceof Number m && y instanceof Number n) {
                return new BigDecimal(m.toString()).compareTo(new BigDecimal(n.toString()));
            }
            if (x instanceof String s && y instanceof String t) {
                return s.compareTo(t);
            }
            if (x instanceof Boolean || y instanceof Boolean) {
                return Double.compare(number(x), number(y));
            }
            if (x instanceof List<?> l && y instanceof List<?> m) {
                for (int i = 0; i < Math.min(l.size(), m.size()); i++) {
                    int c = order(caseSensitive).compare(l.get(i), m.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(l.size(), m.size());
            }
            throw new IllegalArgumentException("'<' not supported between instances of '" + PythonText.typeName(x)
                    + "' and '" + PythonText.typeName(y) + "'");
        };
    }

    private static double number(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).doubleValue();
    }

    private static Object key(Object value, boolean caseSensitive) {
        if (value instanceof SafeString safe) {
            value = safe.toString();
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return Double.valueOf(((Number) value).doubleValue()).toString().contains("E")
                    ? new BigDecimal(((Number) value).doubleValue())
                    : value;
        }
        return !caseSensitive && value instanceof String s ? s.toLowerCase(Locale.ROOT) : value;
    }

    private static Comparator<Object> by(Object attribute, boolean caseSensitive, JinjavaInterpreter interpreter) {
        Comparator<Object> order = order(caseSensitive);
        if (attribute == null || PythonValues.isNone(attribute)) {
            return order;
        }
        List<String> attributes = List.of(attribute.toString().split(","));
        return (a, b) -> {
            for (String name : attributes) {
                int c = order.compare(attribute(a, name.trim(), interpreter), attribute(b, name.trim(), interpreter));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static Object extreme(Object value, JinjavaInterpreter interpreter, Args args, int sign) {
        List<Object> items = list(value);
        if (items.isEmpty()) {
            return null;
        }
        Comparator<Object> order =
                by(args.get(1, "attribute", null), args.flag(0, "case_sensitive", false), interpreter);
        Object best = items.get(0);
        for (Object item : items) {
            if (order.compare(item, best) * sign > 0) {
                best = item;
            }
        }
        return best;
    }

    private static Object sum(Object value, JinjavaInterpreter interpreter, Args args) {
        Object attribute = args.get(0, "attribute", null);
        Object total = args.get(1, "start", 0L);
        for (Object item : iterate(value)) {
            Object addend = attribute == null ? item : attribute(item, attribute, interpreter);
            total = add(total, addend);
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Object add(Object a, Object b) {
        if (a instanceof List<?> l && b instanceof List<?> m) {
            List<Object> out = new ArrayList<>(l);
            out.addAll(m);
            return out;
        }
        if (!(a instanceof Number) || !(b instanceof Number)) {
            throw new IllegalArgumentException("unsupported operand type(s) for +: '" + PythonText.typeName(a)
                    + "' and '" + PythonText.typeName(b) + "'");
        }
        if (PythonValues.isInteger(a) && PythonValues.isInteger(b)) {
            return new BigInteger(a.toString())
                    .add(new BigInteger(b.toString()))
                    .longValueExact();
        }
        return ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }

    private static Object unique(Object value, JinjavaInterpreter interpreter, Args args) {
        boolean caseSensitive = args.flag(0, "case_sensitive", false);
        Object attribute = args.get(1, "attribute", null);
        Set<Object> seen = new HashSet<>();
        List<Object> out = new ArrayList<>();
        for (Object item : iterate(value)) {
            Object key = key(attribute == null ? item : attribute(item, attribute, interpreter), caseSensitive);
            if (seen.add(
                    key instanceof Number n && !(key instanceof BigDecimal)
                            ? new BigDecimal(n.toString()).stripTrailingZeros()
                            : key)) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object sort(Object value, JinjavaInterpreter interpreter, Args args) {
        List<Object> items = list(value);
        Comparator<Object> order =
                by(args.get(2, "attribute", null), args.flag(1, "case_sensitive", false), interpreter);
        items.sort(args.flag(0, "reverse", false) ? order.reversed() : order);
        return items;
    }

    private static Object dictsort(Object value, JinjavaInterpreter interpreter, Args args) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("You can only sort by either \"key\" or \"value\" of a dict");
        }
        boolean caseSensitive = args.flag(0, "case_sensitive", false);
        String by = args.text(1, "by", "key");
        boolean reverse = args.flag(2, "reverse", false);
        Comparator<Object> order = order(caseSensitive);
        Comparator<Object> entries = (a, b) -> "value".equals(by)
                ? order.compare(((Map.Entry<?, ?>) a).getValue(), ((Map.Entry<?, ?>) b).getValue())
                : order.compare(((Map.Entry<?, ?>) a).getKey(), ((Map.Entry<?, ?>) b).getKey());
        List<Object> items = entries(map);
        items.sort(reverse ? entries.reversed() : entries);
        return items;
    }

    private static Object batch(Object value, JinjavaInterpreter interpreter, Args args) {
        int size = args.integer(0, "linecount", 1);
        Object fill = args.get(1, "fill_with", null);
        if (size <= 0) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        List<Object> items = list(value);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            List<Object> batch = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (fill != null && !PythonValues.isNone(fill) && batch.size() < size) {
                batch.add(fill);
            }
            out.add(batch);
        }
        return out;
    }

    private static Object groupby(Object value, JinjavaInterpreter interpreter, Args args) {
        Object attribute = args.get(0, "attribute", null);
        Object otherwise = args.get(1, "default", null);
        boolean caseSensitive = args.flag(2, "case_sensitive", false);
        Map<Object, List<Object>> groups = new LinkedHashMap<>();
        Map<Object, Object> firstKey = new LinkedHashMap<>();
        for (Object item : iterate(value)) {
            Object grouper = attribute(item, attribute, interpreter);
            if (grouper == null && otherwise != null) {
                grouper = otherwise;
            }
            Object key = key(grouper, caseSensitive);
            firstKey.putIfAbsent(key, grouper);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        List<Object> keys = new ArrayList<>(groups.keySet());
        keys.sort(order(true));
        List<Object> out = new ArrayList<>();
        for (Object key : keys) {
            out.add(new Group(caseSensitive ? key : firstKey.get(key), groups.get(key)));
        }
        return out;
    }

    /** One group of {@code groupby}: {@code group.grouper} and {@code group.list}, or unpacked {@code for key, items in ...}. */
    public static final class Group extends AbstractMap.SimpleImmutableEntry<Object, Object>
            implements TemplateSandbox.TemplateObject {

        private static final long serialVersionUID = 1L;

        Group(Object grouper, List<Object> list) {
            super(grouper, list);
        }

        public Object getGrouper() {
            return getKey();
        }

        public Object getList() {
            return getValue();
        }
    }

    private static Object round(Object value, JinjavaInterpreter interpreter, Args args) {
        int precision = args.integer(0, "precision", 0);
        String method = args.text(1, "method", "common");
        if (!Set.of("common", "ceil", "floor").contains(method)) {
            throw new IllegalArgumentException("method must be common, ceil or floor");
        }
        Number number = toNumber(value);
        if (PythonValues.isInteger(number) && "common".equals(method)) {
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
            return Double.valueOf(PythonValues.str(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + PythonValues.str(value) + "' is not a number");
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
