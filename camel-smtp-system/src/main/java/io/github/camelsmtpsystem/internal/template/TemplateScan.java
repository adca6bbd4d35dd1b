package io.github.camelsmtpsystem.internal.template;

import java.util.Set;

/**
 * Refuses a template before Jinjava parses it when it is longer than {@code maxRenderedLength}, or nests brackets
 * inside an expression or block tags more than {@link RenderBounds#MAX_NESTING} levels deep: Jinjava's parsers and
 * its renderer recurse once per level (and its expression parser backtracks on deep parentheses for seconds), so a
 * template of thousands of {@code (} would end in a {@link StackOverflowError}. One pass over the text, in linear time.
 */
final class TemplateScan {

    /** Jinja2's tags that open a block closed by an {@code end...} tag ({@code set} only without {@code =}). */
    private static final Set<String> BLOCK_TAGS =
            Set.of("if", "for", "macro", "call", "filter", "with", "autoescape", "block", "trans", "set");

    private TemplateScan() {}

    /**
     * @throws IllegalArgumentException naming the bound the template exceeds
     */
    static void check(String template, long maxLength) {
        if (template.length() > maxLength) {
            throw new IllegalArgumentException("the template is " + template.length()
                    + " characters long; templates may be at most " + maxLength + " (maxRenderedLength)");
        }
        int blocks = 0;
        int at = 0;
        int length = template.length();
        while (at < length - 1) {
            char c = template.charAt(at);
            char next = template.charAt(at + 1);
            if (c != '{' || (next != '{' && next != '%' && next != '#')) {
                at++;
                continue;
            }
            if (next == '#') {
                int end = template.indexOf("#}", at + 2);
                at = end < 0 ? length : end + 2;
                continue;
            }
            String close = next == '{' ? "}}" : "%}";
            int end = expressionEnd(template, at + 2, close);
            if (next == '%') {
                String tag = template.substring(at + 2, Math.min(end, length));
                String name = tagName(tag);
                if (name.equals("raw")) {
                    int endRaw = template.indexOf("endraw", end);
                    at = endRaw < 0 ? length : endRaw;
                    continue;
                }
                if (name.startsWith("end")) {
                    blocks--;
                } else if (BLOCK_TAGS.contains(name) && !(name.equals("set") && tag.indexOf('=') >= 0)) {
                    blocks++;
                    if (blocks > RenderBounds.MAX_NESTING) {
                        throw new IllegalArgumentException(RenderBounds.nestingMessage());
                    }
                }
            }
            at = end + close.length();
        }
    }

    /** Where the expression from {@code start} ends (at {@code close} outside brackets and quotes), checking its depth. */
    private static int expressionEnd(String template, int start, String close) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < template.length(); i++) {
            char c = template.charAt(i);
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
                if (depth > RenderBounds.MAX_NESTING) {
                    throw new IllegalArgumentException(RenderBounds.nestingMessage());
                }
            } else if (c == ')' || c == ']' || (c == '}' && !(depth == 0 && template.startsWith(close, i)))) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && template.startsWith(close, i)) {
                return i;
            } else if (c == '-' && depth == 0 && template.startsWith(close, i + 1)) {
                return i + 1;
            }
        }
        return template.length();
    }

    private static String tagName(String tag) {
        int i = 0;
        while (i < tag.length()
                && (tag.charAt(i) == '-' || tag.charAt(i) == '+' || Character.isWhitespace(tag.charAt(i)))) {
            i++;
        }
        int start = i;
        while (i < tag.length() && Character.isLetterOrDigit(tag.charAt(i))) {
            i++;
        }
        return tag.substring(start, i);
    }
}
