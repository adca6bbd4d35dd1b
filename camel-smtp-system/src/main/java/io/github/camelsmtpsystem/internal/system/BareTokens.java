package io.github.camelsmtpsystem.internal.system;

import org.slf4j.Logger;

/**
 * Quotes the {@code $ENV(...)} and {@code $SECRET(...)} values that stand outside JSON strings, as in Sesam's
 * documented SMTP example ({@code "smtp_password": $SECRET(password-variable)}), so that the text becomes JSON. That
 * example also lacks the comma after the token; one missing comma right after a bare token is added, with a warning.
 */
final class BareTokens {

    private BareTokens() {}

    static String quote(String json, String source, Logger log) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        boolean inString = false;
        int line = 1;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                out.append(c);
                continue;
            }
            int end = c == '$' ? tokenEnd(json, i) : -1;
            if (end < 0) {
                out.append(c);
                continue;
            }
            String token = json.substring(i, end);
            out.append('"').append(token).append('"');
            int next = end;
            while (next < json.length() && Character.isWhitespace(json.charAt(next))) {
                next++;
            }
            if (next < json.length() && json.charAt(next) == '"') {
                log.warn(
                        "{} line {}: a comma is missing after {}; read as if it were there (as in Sesam's documented example). Add the comma.",
                        source,
                        line,
                        token);
                out.append(',');
            }
            i = end - 1;
        }
        return out.toString();
    }

    /** The end of a {@code $ENV(name)} or {@code $SECRET(name)} starting at {@code start}, or -1. */
    private static int tokenEnd(String json, int start) {
        for (String prefix : new String[] {"$ENV(", "$SECRET("}) {
            if (json.startsWith(prefix, start)) {
                int close = json.indexOf(')', start);
                int newline = json.indexOf('\n', start);
                return close > 0 && (newline < 0 || close < newline) ? close + 1 : -1;
            }
        }
        return -1;
    }
}
