package io.github.camelsmtpsystem.internal.template;

import java.util.ArrayList;
import java.util.List;

/** Splits the text of a tag's expressions where Jinja2 would: at top-level commas and keywords, not inside strings or brackets. */
final class TemplateExpressions {

    private TemplateExpressions() {}

    /** {@code "items if x > 1"} → {@code ["items", "x > 1"]}; without a top-level {@code if}, {@code [expression, null]}. */
    static String[] splitCondition(String expression) {
        int at = topLevel(expression, " if ");
        if (at < 0) {
            return new String[] {expression, null};
        }
        return new String[] {
            expression.substring(0, at).trim(), expression.substring(at + 4).trim()
        };
    }

    /** {@code "a = 1, b = f(x, y)"} → {@code ["a = 1", "b = f(x, y)"]}. */
    static List<String> splitCommas(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        for (int at = topLevel(rest, ","); at >= 0; at = topLevel(rest, ",")) {
            parts.add(rest.substring(0, at).trim());
            rest = rest.substring(at + 1);
        }
        if (!rest.isBlank()) {
            parts.add(rest.trim());
        }
        return parts;
    }

    /** The first index of {@code token} outside strings and brackets, or -1. */
    static int topLevel(String text, String token) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && text.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }
}
