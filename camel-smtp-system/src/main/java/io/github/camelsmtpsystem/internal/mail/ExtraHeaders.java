package io.github.camelsmtpsystem.internal.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.SafeText;

/**
 * Headers a sink adds to every mail ({@code headers} in a sink file, {@code header.<Name>} on the URI), each a Jinja
 * template rendered from the entity, for instance {@code List-Unsubscribe}. Names are checked once, at startup: an RFC
 * 5322 field name, never one the component writes itself. Values are checked after rendering: one line, no control
 * character, RFC 2047-encoded where not ASCII.
 */
public final class ExtraHeaders {

    /** No extra header. */
    public static final ExtraHeaders NONE = new ExtraHeaders(Map.of());

    /** Headers the component writes itself, lower case, and the option to use instead where there is one. */
    private static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("from", "mailFrom"),
            Map.entry("to", "recipients or recipientsProperty"),
            Map.entry("cc", "cc or ccProperty"),
            Map.entry("bcc", "bcc or bccProperty"),
            Map.entry("reply-to", "replyTo or replyToProperty"),
            Map.entry("subject", "subjectTemplate"),
            Map.entry("date", ""),
            Map.entry("message-id", ""),
            Map.entry("mime-version", ""),
            Map.entry("return-path", "envelopeFrom"));

    private final Map<String, String> templates;

    /**
     * @param  templates                header name to value template, in the order the headers go into the mail
     * @throws IllegalArgumentException naming the header and the fix
     */
    public ExtraHeaders(Map<String, String> templates) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> checked = new LinkedHashMap<>();
        templates.forEach((name, value) -> {
            checkName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("headers: '" + name + "' is given twice (header names ignore case)."
                        + " Give each header once.");
            }
            if (value == null) {
                throw new IllegalArgumentException(
                        "headers: '" + name + "' has no value. Give it a value or a template, or remove it.");
            }
            checked.put(name, value);
        });
        // in the order given: readers show headers as they come
        this.templates = Collections.unmodifiableMap(checked);
    }

    /** Whether there is no extra header. */
    public boolean isEmpty() {
        return templates.isEmpty();
    }

    /**
     * Renders each header from the entity and adds it to the mail; a header whose value renders blank is left out, so
     * that a template can make it optional.
     *
     * @throws IllegalArgumentException naming the header, when its value renders to more than one line or holds a control
     *                                  character
     */
    void addTo(MimeMessage message, Map<String, Object> entity, MailTemplates mailTemplates) throws MessagingException {
        for (Map.Entry<String, String> header : templates.entrySet()) {
            String name = header.getKey();
            String value;
            try {
                value = mailTemplates.render(header.getValue(), entity);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the header " + name + ": " + e.getMessage(), e);
            }
            checkValue(name, value);
            if (value.isBlank()) {
                continue;
            }
            message.addHeader(name, encoded(name, value.strip()));
        }
    }

    /** RFC 5322 §3.6.8: printable ASCII but the colon; never a header this component writes. */
    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("headers: a header has no name. Give a name such as List-Unsubscribe.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new IllegalArgumentException("headers: '" + SafeText.of(name) + "' is not a header name: "
                        + (c == ' ' ? "it holds a space" : "it holds '" + SafeText.of(String.valueOf(c)) + "'")
                        + ", and RFC 5322 allows printable ASCII without spaces or ':'."
                        + " Write it like X-Report-Id.");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-") || OWNED.containsKey(lower)) {
            String instead = OWNED.getOrDefault(lower, "");
            throw new IllegalArgumentException("headers: '" + name + "' is a header the component writes itself. "
                    + (instead.isEmpty()
                            ? "Remove it from headers."
                            : "Remove it from headers and set " + instead + " instead."));
        }
    }

    /** One line, no control character but tab: a line break in a value would start a header of its own. */
    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
            if (lineBreak || (c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("the header " + name + " renders to a value with "
                        + (lineBreak ? "a line break" : "a control character")
                        + ", which could add headers. A header value must be one line: change the template or the"
                        + " entity's value.");
            }
        }
    }

    /** ASCII as it is, anything else as RFC 2047 encoded words of UTF-8; folded to lines of at most 76 characters. */
    private static String encoded(String name, String value) {
        try {
            String text = StandardCharsets.US_ASCII.newEncoder().canEncode(value)
                    ? value
                    : MimeUtility.encodeText(value, StandardCharsets.UTF_8.name(), "B");
            return MimeUtility.fold(name.length() + 2, text);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
