package io.github.camelsmtpsystem.internal.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.smtp.RenderedMail;
import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.mail.SafeText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * Turns one entity into one mail, as Sesam's mail sink does: subject and body rendered from Jinja templates, the
 * recipients fixed or read from the entity, a plain-text alternative for HTML bodies, UTF-8 throughout. Nothing the
 * entity holds can add a header: subjects are folded to one line and addresses are parsed strictly.
 */
public final class EntityMailRenderer {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n\\u0085\\u2028\\u2029]+\\s*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final MailSink sink;
    private final MailAddressing addressing;
    private final MailTemplates templates;
    private final InternetAddress from;
    private final List<InternetAddress> fixedRecipients;
    private final MailAttachments attachments;
    // messages are only built here; the sender's own session sends them
    private final Session session = Session.getInstance(new Properties());

    /**
     * @throws IllegalArgumentException when mailFrom or the fixed recipients are not valid addresses
     */
    public EntityMailRenderer(MailSink sink, MailTemplates templates) {
        this(sink, MailAddressing.DEFAULTS, templates, MailAttachments.none());
    }

    /**
     * @param addressing  Cc, Bcc, Reply-To, extra headers and envelope settings
     * @param attachments the sink's attachments, fixed or read from each entity
     * @throws IllegalArgumentException when mailFrom or the fixed recipients are not valid addresses
     */
    public EntityMailRenderer(
            MailSink sink, MailAddressing addressing, MailTemplates templates, MailAttachments attachments) {
        this.sink = sink;
        this.addressing = addressing;
        this.templates = templates;
        this.attachments = attachments;
        this.from = oneAddress("mailFrom", sink.mailFrom());
        this.fixedRecipients = sink.recipients() != null ? addresses("recipients", List.of(sink.recipients())) : null;
        if (fixedRecipients != null && fixedRecipients.isEmpty()) {
            throw new IllegalArgumentException(
                    "recipients is empty. Give at least one address, or leave it out to read "
                            + "the recipients from each entity's '" + sink.recipientsProperty() + "'.");
        }
    }

    /**
     * Renders the entity's mail.
     *
     * @throws EntityMailException naming the entity and what is wrong with it
     */
    public MimeMessage render(Map<String, Object> entity) {
        return render(entity, null);
    }

    /**
     * Renders the entity's mail with its {@link StableMessageId stable Message-ID} as system {@code systemId}'s, or a
     * random one when {@code systemId} is {@code null}.
     *
     * @throws EntityMailException naming the entity and what is wrong with it
     */
    public MimeMessage render(Map<String, Object> entity, String systemId) {
        String id = EntityBatch.idOf(entity);
        try {
            RenderedMail message = new RenderedMail(session);
            if (systemId != null) {
                // made as the mail is saved, once its content headers are set: not a random id made to be replaced
                message.setMessageIds(mail -> StableMessageId.of(mail, systemId, id));
            }
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, recipientsOf(entity).toArray(InternetAddress[]::new));
            addressing.addTo(message, entity, templates);
            message.setSubject(
                    oneLine(render(entity, "subject", sink.subjectTemplate(), sink.subjectTemplateProperty(), true)),
                    UTF_8);
            message.setSentDate(new Date());
            String body = render(entity, "body", sink.bodyTemplate(), sink.bodyTemplateProperty(), true);
            String text = render(entity, "text body", sink.textBodyTemplate(), sink.textBodyTemplateProperty(), false);
            List<MailAttachment> attached = attachments.of(entity, templates);
            // the body's HTML, parsed once: for the plain-text alternative, unless a text body is given
            Document parsed = text != null ? null : htmlOf(body);
            String plain = text != null ? text : parsed != null ? htmlToText(parsed) : null;
            if (!attached.isEmpty() || plain != null) {
                // text and HTML as multipart/alternative; with attachments inside multipart/mixed and related
                String html = plain != null ? body : null;
                message.setContent(MimeTree.of(plain != null ? plain : body, html, attached));
            } else {
                TextContent.set(message, body, "plain");
            }
            message.saveChanges();
            return message;
        } catch (IllegalArgumentException e) {
            throw EntityMailException.withSafeIds(id, e.getMessage(), null, List.of());
        } catch (StackOverflowError | OutOfMemoryError e) {
            // the last line of defence (templates and entities are bounded well before): the caller gets an exception
            throw EntityMailException.withSafeIds(
                    id,
                    "the mail cannot be built: it needs more "
                            + (e instanceof StackOverflowError ? "stack" : "memory")
                            + " than the JVM has; lower maxRenderedLength or simplify the template",
                    null,
                    List.of());
        } catch (MessagingException e) {
            throw EntityMailException.withSafeIds(id, "the mail cannot be built: " + e.getMessage(), e, List.of());
        }
    }

    private String render(Map<String, Object> entity, String what, String template, String property, boolean required) {
        String source = template;
        if (source == null) {
            Object fromEntity = entity.get(property);
            if (fromEntity == null) {
                if (!required) {
                    return null;
                }
                throw new IllegalArgumentException("there is no " + what + " template: the entity has no '" + property
                        + "' property and the endpoint sets no " + optionOf(what) + ". Set one of them.");
            }
            source = fromEntity.toString();
        }
        try {
            return templates.render(source, entity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + ": " + e.getMessage(), e);
        }
    }

    private List<InternetAddress> recipientsOf(Map<String, Object> entity) {
        if (fixedRecipients != null) {
            return fixedRecipients;
        }
        Object value = entity.get(sink.recipientsProperty());
        List<String> texts = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (value != null) {
            texts.add(value.toString());
        }
        List<InternetAddress> addresses = addresses("the entity's '" + sink.recipientsProperty() + "'", texts);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("there are no recipients: the entity's '" + sink.recipientsProperty()
                    + "' is missing or empty and the endpoint sets no recipients.");
        }
        return addresses;
    }

    /** Addresses parsed strictly: a bad one is an error naming {@code where}; blank texts give none. */
    static List<InternetAddress> addresses(String where, List<String> texts) {
        List<InternetAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            rejectLineBreaks(where, text);
            if (text.isBlank()) {
                continue;
            }
            try {
                for (InternetAddress address : InternetAddress.parse(text, true)) {
                    if (address.isGroup()) {
                        // "Name: a@b;" is a group; its name could look like a header, and it is not one mailbox
                        throw new AddressException("a group (name: addresses;) is not a mailbox");
                    }
                    address.validate();
                    rejectEnvelopeBreakers(address.getAddress());
                    String personal = address.getPersonal();
                    if (personal != null) {
                        // the name decoded, as =?UTF-8?Q?...=0D=0A...?= may hide a line break
                        if (CONTROL.matcher(personal).find()
                                || LINE_BREAKS.matcher(personal).find()) {
                            throw new AddressException(
                                    "the name '" + oneLine(personal) + "' holds a line break or control character");
                        }
                        // parse() keeps a name as written; non-ASCII must go into the header RFC 2047-encoded
                        address.setPersonal(personal, UTF_8);
                    }
                    addresses.add(address);
                }
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            } catch (AddressException e) {
                throw new IllegalArgumentException(where + " holds '" + SafeText.of(text)
                        + "', which is not a valid list of addresses (" + SafeText.of(e.getMessage())
                        + "). Use addresses like name@example.com, separated by commas.");
            }
        }
        return addresses;
    }

    /**
     * What goes into MAIL FROM, RCPT TO and the header as it is: a quoted local part ({@code "a\0b"@example.com},
     * {@code "victim@evil.example> x"@example.com}) may hold what a strict parse lets through but no SMTP server or
     * header reader takes as meant: control characters (NUL included) and {@code <} or {@code >}.
     */
    private static void rejectEnvelopeBreakers(String address) throws AddressException {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new AddressException("the address holds a control character (" + String.format("U+%04X", (int) c)
                        + "), which cannot go into the SMTP envelope");
            }
            if (c == '<' || c == '>') {
                throw new AddressException(
                        "the address holds '" + c + "', which would end or start an address in the " + "SMTP envelope");
            }
        }
    }

    private static InternetAddress oneAddress(String option, String text) {
        List<InternetAddress> parsed = addresses(option, List.of(text));
        if (parsed.size() != 1) {
            throw new IllegalArgumentException(option + " is '" + SafeText.of(text)
                    + "'. Give exactly one address, for example noreply@example.com.");
        }
        return parsed.get(0);
    }

    private static void rejectLineBreaks(String where, String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(
                    where + " contains a line break, which could add mail headers. Remove it.");
        }
    }

    /**
     * Line breaks in a subject could start a new header: fold them, with the white space around them, to one space,
     * and other control characters to spaces. In one pass: a regular expression for this takes quadratic time on a long
     * run of spaces.
     */
    static String oneLine(String subject) {
        StringBuilder out = new StringBuilder(subject.length());
        int at = 0;
        while (at < subject.length()) {
            char c = subject.charAt(at);
            if (!isSpaceOrBreak(c)) {
                out.append(isControl(c) ? ' ' : c);
                at++;
                continue;
            }
            int end = at;
            boolean breaks = false;
            while (end < subject.length() && isSpaceOrBreak(subject.charAt(end))) {
                breaks |= isLineBreak(subject.charAt(end));
                end++;
            }
            if (breaks) {
                out.append(' ');
            } else {
                for (int i = at; i < end; i++) {
                    char space = subject.charAt(i);
                    out.append(isControl(space) ? ' ' : space);
                }
            }
            at = end;
        }
        return out.toString().strip();
    }

    /** What {@code \\p{Cntrl}} matches. */
    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    private static boolean isLineBreak(char c) {
        return c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** What {@code \\s} matches, and the line breaks. */
    private static boolean isSpaceOrBreak(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || isLineBreak(c);
    }

    /**
     * The body parsed as HTML when it has at least one element HTML knows, else {@code null}: "Write to
     * <support@example.com>" or "a <b" stays plain text. Parsed once, for this test and the text part.
     */
    private static Document htmlOf(String body) {
        if (body.indexOf('<') < 0) {
            // no tag at all: spare the parse
            return null;
        }
        Document document = Jsoup.parse(body);
        Element head = document.head();
        Element root = document.body();
        // the document's own html, head and body elements, which the parser adds when the body has none
        boolean html = document.getAllElements().stream()
                .anyMatch(element -> element != document
                        && element != document.firstElementChild()
                        && element != head
                        && element != root
                        && element.tag().isKnownTag());
        if (!html && hasEndTagP(body)) {
            // a </p> before any text makes an empty p in a body fragment, not in a document: decide as a fragment
            Element fragment = Jsoup.parseBodyFragment(body).body();
            html = fragment.getAllElements().stream()
                    .anyMatch(element -> element != fragment && element.tag().isKnownTag());
        }
        return html ? document : null;
    }

    /** Whether the text holds {@code </p} or {@code </P}, without copying it. */
    private static boolean hasEndTagP(String text) {
        for (int at = text.indexOf("</"); at >= 0; at = text.indexOf("</", at + 2)) {
            if (at + 2 < text.length() && (text.charAt(at + 2) == 'p' || text.charAt(at + 2) == 'P')) {
                return true;
            }
        }
        return false;
    }

    /** Best-effort plain text for an HTML body: block elements and line breaks become new lines. */
    static String htmlToText(Document document) {
        // wholeText() already writes a <br> as a new line
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, table")
                .forEach(element -> element.after(new TextNode("\n")));
        String text = document.body().wholeText();
        // each line without the spaces at its end, in one pass (a regular expression takes quadratic time on them)
        StringBuilder lines = new StringBuilder(text.length());
        String[] split = text.split("\n", -1);
        for (int i = 0; i < split.length; i++) {
            String line = split[i];
            if (i > 0) {
                lines.append('\n');
            }
            int end = line.length();
            while (end > 0 && " \t\u000B\f".indexOf(line.charAt(end - 1)) >= 0) {
                end--;
            }
            lines.append(line, 0, end);
        }
        return BLANK_LINES.matcher(lines).replaceAll("\n\n").strip();
    }

    private static String optionOf(String what) {
        return switch (what) {
            case "subject" -> "subjectTemplate";
            case "body" -> "bodyTemplate";
            default -> "textBodyTemplate";
        };
    }
}
