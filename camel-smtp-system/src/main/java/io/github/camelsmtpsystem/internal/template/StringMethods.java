package io.github.camelsmtpsystem.internal.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.hubspot.jinjava.el.ext.NamedParameter;

/**
 * The methods of Python's {@code str} that Jinja2's sandbox lets templates call ({@code name.upper()},
 * {@code text.split(',')}, {@code '{:.2f}'.format(x)}), implemented here: templates still reach no Java method.
 */
final class StringMethods {

    private static final Set<String> METHODS = Set.of(
            "upper",
            "lower",
            "title",
            "capitalize",
            "strip",
            "lstrip",
            "rstrip",
            "split",
            "rsplit",
            "startswith",
            "endswith",
            "replace",
            "format",
            "count",
            "find",
            "rfind",
            "index",
            "join",
            "zfill",
            "center",
            "ljust",
            "rjust",
            "isdigit",
            "isalpha",
            "isalnum",
            "isspace",
            "isupper",
            "islower",
            "swapcase",
            "splitlines");

    private StringMethods() {}

    static boolean has(String method) {
        return METHODS.contains(method);
    }

    static Object call(String text, String method, Object[] params) {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Object param : params) {
            if (param instanceof NamedParameter named) {
                kwargs.put(named.getName(), named.getValue());
            } else {
                args.add(param);
            }
        }
        return switch (method) {
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "title" -> PythonText.title(text);
            case "capitalize" -> PythonText.capitalize(text);
            case "swapcase" -> swapcase(text);
            case "strip" -> PythonText.strip(text, string(args, 0), true, true);
            case "lstrip" -> PythonText.strip(text, string(args, 0), true, false);
            case "rstrip" -> PythonText.strip(text, string(args, 0), false, true);
            case "split", "rsplit" ->
                PythonText.split(text, string(args, 0), args.size() > 1 ? ((Number) args.get(1)).intValue() : -1);
            case "splitlines" -> List.of(text.split("\\r\\n|\\r|\\n"));
            case "startswith" -> text.startsWith(string(args, 0));
            case "endswith" -> text.endsWith(string(args, 0));
            case "replace" ->
                PythonText.replace(
                        text,
                        string(args, 0),
                        string(args, 1),
                        args.size() > 2 ? ((Number) args.get(2)).intValue() : -1);
            case "format" -> PythonText.braceFormat(text, args, kwargs);
            case "count" -> count(text, string(args, 0));
            case "find" ->
                text.contains(string(args, 0))
                        ? PythonText.length(text.substring(0, text.indexOf(string(args, 0))))
                        : -1;
            case "rfind" ->
                text.contains(string(args, 0))
                        ? PythonText.length(text.substring(0, text.lastIndexOf(string(args, 0))))
                        : -1;
            case "index" -> {
                if (!text.contains(string(args, 0))) {
                    throw new IllegalArgumentException("substring not found");
                }
                yield PythonText.length(text.substring(0, text.indexOf(string(args, 0))));
            }
            case "join" -> {
                List<String> parts = new ArrayList<>();
                Sequences.iterate(args.get(0)).forEach(item -> parts.add(Values.str(item)));
                yield String.join(text, parts);
            }
            case "zfill" -> zfill(text, width(args));
            case "center" -> PythonText.center(text, width(args));
            case "ljust" -> text + " ".repeat(Math.max(0, width(args) - PythonText.length(text)));
            case "rjust" -> " ".repeat(Math.max(0, width(args) - PythonText.length(text))) + text;
            case "isdigit" -> !text.isEmpty() && text.codePoints().allMatch(Character::isDigit);
            case "isalpha" -> !text.isEmpty() && text.codePoints().allMatch(Character::isLetter);
            case "isalnum" -> !text.isEmpty() && text.codePoints().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !text.isEmpty() && text.codePoints().allMatch(Character::isWhitespace);
            case "isupper" -> text.chars().anyMatch(Character::isLetter) && text.equals(text.toUpperCase(Locale.ROOT));
            case "islower" -> text.chars().anyMatch(Character::isLetter) && text.equals(text.toLowerCase(Locale.ROOT));
            default -> throw new IllegalStateException(method);
        };
    }

    /** A width argument, refused before anything is allocated when it is beyond the output bound. */
    private static int width(List<Object> args) {
        long width = ((Number) args.get(0)).longValue();
        PythonText.checkLength(width);
        return (int) width;
    }

    private static String string(List<Object> args, int index) {
        if (index >= args.size() || Values.isNone(args.get(index))) {
            return null;
        }
        return Values.str(args.get(index));
    }

    private static int count(String text, String part) {
        if (part.isEmpty()) {
            return PythonText.length(text) + 1;
        }
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String swapcase(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .forEach(c -> out.appendCodePoint(
                        Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
        return out.toString();
    }

    private static String zfill(String text, int width) {
        int padding = width - PythonText.length(text);
        if (padding <= 0) {
            return text;
        }
        boolean sign = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+');
        return sign ? text.charAt(0) + "0".repeat(padding) + text.substring(1) : "0".repeat(padding) + text;
    }
}
