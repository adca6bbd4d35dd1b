package io.github.camelsmtpsystem.internal.smtp;

import java.util.List;

/**
 * One SMTP reply (RFC 5321 §4.2): its three-digit code and its lines' text, without the code and separator.
 *
 * @param code  the reply code, 200 to 599
 * @param lines the text of each line; at least one, possibly empty
 */
record SmtpReply(int code, List<String> lines) {

    SmtpReply {
        lines = List.copyOf(lines);
    }

    /** 2xx: the command succeeded. */
    boolean isPositive() {
        return code >= 200 && code < 300;
    }

    /** 3xx: the server waits for more (354 after DATA, 334 during AUTH). */
    boolean isIntermediate() {
        return code >= 300 && code < 400;
    }

    /** The reply as the server wrote it, lines joined by a space: {@code 550 5.1.1 <x@example.com>: no such user}. */
    @Override
    public String toString() {
        return code + " " + String.join(" ", lines);
    }
}
