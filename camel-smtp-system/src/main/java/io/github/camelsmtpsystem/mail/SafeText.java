package io.github.camelsmtpsystem.mail;

/**
 * A value from an entity (or from another system the pipeline does not control) as it may appear in a log line or an
 * exception message: on one line (line breaks and other control characters escaped, so it cannot forge a log line)
 * and cut to {@value #MAX_LENGTH} characters, followed by its length when it was longer.
 */
public final class SafeText {

    /** The most characters of a value a log line or message shows. */
    public static final int MAX_LENGTH = 200;

    private SafeText() {}

    /** {@code value} escaped and cut to {@value #MAX_LENGTH} characters. */
    public static String of(Object value) {
        return of(value, MAX_LENGTH);
    }

    /** {@code value} escaped and cut to {@code max} characters. */
    public static String of(Object value, int max) {
        String text = String.valueOf(value);
        int end = Math.min(text.length(), max);
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 32);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < text.length()) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
