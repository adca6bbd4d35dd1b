package io.github.camelsmtpsystem.internal.mail;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimePart;

/**
 * A mail's text, set as Angus Mail sets it, in UTF-8. Text that Angus would send as {@code 7bit} is marked so at once:
 * otherwise every save of the mail writes the text through Angus's ASCII check to find that out again.
 */
final class TextContent {

    /** Angus's longest line for 7bit: RFC 5322's 998 characters. */
    private static final int MAX_LINE = 998;

    private TextContent() {}

    /** Sets {@code text} as the part's content of type {@code text/<subtype>}. */
    static void set(MimePart part, String text, String subtype) throws MessagingException {
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        if (isSevenBit(text)) {
            part.setHeader("Content-Transfer-Encoding", "7bit");
        }
    }

    /**
     * Whether Angus's {@code MimeUtility.getEncoding} would say {@code 7bit}: every character printable ASCII, a tab
     * or a line break, and no line longer than {@link #MAX_LINE}.
     */
    static boolean isSevenBit(String text) {
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                line = 0;
                continue;
            }
            if ((c < 0x20 && c != '\t') || c >= 0x7f || ++line > MAX_LINE) {
                return false;
            }
        }
        return true;
    }
}
