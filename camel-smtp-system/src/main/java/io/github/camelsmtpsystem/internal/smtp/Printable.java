package io.github.camelsmtpsystem.internal.smtp;

/** Text from a server or an entity made safe for one log line or exception message: no control characters, short. */
final class Printable {

    /** The most characters of such text shown; the rest is counted. */
    static final int MOST = 200;

    private Printable() {}

    /** {@code text} with control characters as {@code \xNN} ({@code \r}, {@code \n}, {@code \t} by name), cut at 200. */
    static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MOST) + 16);
        int end = Math.min(text.length(), MOST);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> shown.append("\\r");
                case '\n' -> shown.append("\\n");
                case '\t' -> shown.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        shown.append(String.format("\\x%02x", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        if (text.length() > MOST) {
            shown.append("... (").append(text.length()).append(" characters)");
        }
        return shown.toString();
    }
}
