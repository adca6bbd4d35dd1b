package io.github.camelsmtpsystem.internal.smtp;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a server offered in its reply to EHLO (RFC 5321 §4.1.1.1), parsed once per EHLO. */
final class SmtpCapabilities {

    /** A server that answered HELO only: no extension. */
    static final SmtpCapabilities NONE = new SmtpCapabilities(Map.of());

    private final Map<String, String> keywords;

    private SmtpCapabilities(Map<String, String> keywords) {
        this.keywords = keywords;
    }

    /** The extensions of an EHLO reply: each line after the first is a keyword and its parameters. */
    static SmtpCapabilities of(SmtpReply ehlo) {
        Map<String, String> keywords = new HashMap<>();
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String parameters = space < 0 ? "" : line.substring(space + 1).strip();
            keywords.merge(keyword, parameters, (a, b) -> a + " " + b);
        }
        return new SmtpCapabilities(keywords);
    }

    boolean offers(String keyword) {
        return keywords.containsKey(keyword);
    }

    /** The SASL mechanisms after {@code AUTH}, upper case. */
    Set<String> authMechanisms() {
        String mechanisms = keywords.get("AUTH");
        return mechanisms == null || mechanisms.isBlank()
                ? Set.of()
                : Arrays.stream(mechanisms.toUpperCase(Locale.ROOT).split("\\s+"))
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** The largest mail the server takes, from {@code SIZE <bytes>} (RFC 1870); 0 when it names no limit. */
    long sizeLimit() {
        String size = keywords.get("SIZE");
        if (size == null || size.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(size.strip().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return keywords.keySet().toString();
    }
}
