package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.LineOutputStream;
import jakarta.mail.util.StreamProvider;

/**
 * A mail rendered from an entity. It writes itself as {@link MimeMessage} does, with the stream provider its session
 * looked up once: Jakarta Mail 2.1 looks the provider up again, with a {@code ServiceLoader} scan of the class path,
 * for every part it writes (jakartaee/mail-api#861), which takes longer than writing a short mail.
 */
public final class RenderedMail extends MimeMessage {

    private final boolean allowUtf8;
    /** What the envelope carries beyond From and the recipients, or {@code null}. */
    private MailEnvelope envelope;
    /** The addresses the address headers were set from: read back without parsing the headers again. */
    private final SetAddresses setAddresses = new SetAddresses();
    /** The source of this mail's {@code Message-ID}, or {@code null} for Jakarta Mail's random one. */
    private MessageIds messageIds;
    /** The headers read, by the name asked for: their values, or {@link #ABSENT}. */
    private final Map<String, String[]> headerValues = new HashMap<>();
    /** Marks a header read as missing; compared by identity. */
    private static final String[] ABSENT = new String[0];
    /** The mail's content type as last parsed here, and its text. */
    private String typeText;

    private ContentType typeParsed;

    /** RFC 5322's date-time, as {@code MailDateFormat} writes it. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z (z)", Locale.US);
    /**
     * Content types parsed, by their text: a mail's own and those asked about ({@code multipart/*}, {@code text/*}).
     * Mails share a handful of types, and a parsed type is only read here, never changed or handed out.
     */
    private static final Map<String, ContentType> PARSED_TYPES = new ConcurrentHashMap<>();

    private static final int MAX_PARSED_TYPES = 256;
    /** The {@code Date} set last, by any mail. */
    private static volatile SentDate lastSentDate;

    public RenderedMail(Session session) {
        super(session);
        this.allowUtf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
    }

    /**
     * Keeps a {@code Message-ID} the mail has (a stable one, or the one its first save made), so that the mail keeps
     * its id when it is saved again, for instance when its text parts go as 8-bit. A mail without one gets its
     * {@link #setMessageIds stable id}, when it has a source of them, in place of a random one made to be replaced.
     */
    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID", null) != null) {
            return;
        }
        if (messageIds != null) {
            setHeader("Message-ID", messageIds.idOf(this));
        } else {
            super.updateMessageID();
        }
    }

    /** Where the mail's {@code Message-ID} comes from when it is saved: after its content headers are set. */
    public void setMessageIds(MessageIds messageIds) {
        this.messageIds = messageIds;
    }

    /** Makes a saved mail's {@code Message-ID}, angle brackets included. */
    @FunctionalInterface
    public interface MessageIds {

        String idOf(RenderedMail mail) throws MessagingException;
    }

    /** The bounce address and DSN settings for the SMTP envelope, or {@code null} when the mail asks for none. */
    public MailEnvelope envelope() {
        return envelope;
    }

    public void setEnvelope(MailEnvelope envelope) {
        this.envelope = envelope;
    }

    /** Never writes {@code Bcc}: its recipients are in the envelope only, and no copy may name them. */
    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        ignoreList = withBcc(ignoreList);
        if (!saved) {
            saveChanges();
        }
        if (!modified) {
            super.writeTo(os, ignoreList);
            return;
        }
        StreamProvider streams = session.getStreamProvider();
        // an address outside ASCII goes in UTF-8, which the transport sends only with SMTPUTF8
        LineOutputStream lines = streams.outputLineStream(os, allowUtf8 || Utf8Addresses.inHeaders(this));
        for (Enumeration<String> headers = getNonMatchingHeaderLines(ignoreList); headers.hasMoreElements(); ) {
            lines.writeln(headers.nextElement());
        }
        lines.writeln();
        OutputStream body = encoded(streams, os);
        if (!writeText(body)) {
            getDataHandler().writeTo(body);
        }
        body.flush();
    }

    /**
     * Writes a text mail's text in its charset, the bytes Angus's text handler writes, without finding that handler
     * and parsing the content type again for every mail; {@code false} for any other content.
     */
    private boolean writeText(OutputStream body) throws MessagingException, IOException {
        // a content type that does not parse is left to Angus, as is any content but a text
        if (!isMimeType("text/*")
                || !getContentType().equals(typeText)
                || !(getDataHandler().getContent() instanceof String text)) {
            return false;
        }
        String charset = typeParsed.getParameter("charset");
        body.write(
                "UTF-8".equalsIgnoreCase(charset)
                        ? text.getBytes(StandardCharsets.UTF_8)
                        : text.getBytes(MimeUtility.javaCharset(charset != null ? charset : "us-ascii")));
        return true;
    }

    private static String[] withBcc(String[] ignoreList) {
        if (ignoreList == null) {
            return new String[] {"Bcc"};
        }
        String[] all = Arrays.copyOf(ignoreList, ignoreList.length + 1);
        all[ignoreList.length] = "Bcc";
        return all;
    }

    /**
     * Sets the subject so that readers show exactly {@code subject}: as {@link MimeMessage#setSubject(String, String)}
     * does, except that a subject with text that looks like an RFC 2047 encoded word ({@code =?utf-8?q?...?=}) is
     * encoded itself, else readers would decode that text.
     */
    @Override
    public void setSubject(String subject, String charset) throws MessagingException {
        if (subject == null || !subject.contains("=?")) {
            super.setSubject(subject, charset);
            return;
        }
        setHeader("Subject", MimeUtility.fold(9, encodedWords(subject)));
    }

    /** {@code text} as RFC 2047 "B" encoded words of UTF-8, split between code points. */
    static String encodedWords(String text) {
        StringBuilder words = new StringBuilder();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            int bytes = 0;
            while (end < text.length()) {
                int next = text.offsetByCodePoints(end, 1);
                int size = text.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
                // 36 bytes make 48 base64 characters, a word of 60: "Subject: " and a word stay within 76
                if (bytes + size > 36) {
                    break;
                }
                bytes += size;
                end = next;
            }
            if (words.length() > 0) {
                words.append(' ');
            }
            words.append("=?UTF-8?B?")
                    .append(Base64.getEncoder()
                            .encodeToString(text.substring(start, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            start = end;
        }
        return words.toString();
    }

    /** What MimeUtility.encode gives, from the session's provider; multipart content is never encoded as a whole. */
    private OutputStream encoded(StreamProvider streams, OutputStream os) throws MessagingException {
        String encoding = getEncoding();
        if (encoding == null || isMimeType("multipart/*")) {
            return os;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "base64" -> streams.outputBase64(os);
            case "quoted-printable" -> streams.outputQP(os);
            case "7bit", "8bit", "binary" -> streams.outputBinary(os);
            default -> throw new MessagingException("Unknown Content-Transfer-Encoding '" + encoding + "'");
        };
    }

    /**
     * Sets {@code Date} as {@link MimeMessage#setSentDate} does, in RFC 5322's format with the zone's name as a comment,
     * without the formatter that all mails share under one lock.
     */
    @Override
    public void setSentDate(Date date) throws MessagingException {
        if (date == null) {
            removeHeader("Date");
            return;
        }
        long second = Math.floorDiv(date.getTime(), 1000L);
        ZoneId zone = ZoneId.systemDefault();
        SentDate last = lastSentDate;
        if (last == null || last.second() != second || !last.zone().equals(zone)) {
            // the mails of one second share the text: formatting the zone's name costs more than the rest of a header
            last = new SentDate(second, zone, DATE.format(date.toInstant().atZone(zone)));
            lastSentDate = last;
        }
        setHeader("Date", last.text());
    }

    /** A {@code Date} header's text, for the second and zone it was formatted for. */
    private record SentDate(long second, ZoneId zone, String text) {}

    /**
     * Whether the mail's content type matches {@code mimeType}, as {@link MimeMessage#isMimeType} says, parsing the
     * content type once rather than at each of the many times a mail asks while it is saved, checked and written.
     */
    @Override
    public boolean isMimeType(String mimeType) throws MessagingException {
        ContentType pattern = parse(mimeType);
        return pattern != null && typeParses() ? typeParsed.match(pattern) : super.isMimeType(mimeType);
    }

    /**
     * No file name when the mail has no {@code Content-Disposition} and its content type names none, as
     * {@link MimeMessage#getFileName} finds, without parsing the content type again.
     */
    @Override
    public String getFileName() throws MessagingException {
        if (getHeader("Content-Disposition", null) == null && typeParses() && typeParsed.getParameter("name") == null) {
            return null;
        }
        return super.getFileName();
    }

    /** Whether the mail's content type parses: {@link #typeParsed} is then that type. */
    private boolean typeParses() throws MessagingException {
        String type = getContentType();
        if (!type.equals(typeText)) {
            ContentType parsed = parse(type);
            if (parsed == null) {
                return false;
            }
            typeParsed = parsed;
            typeText = type;
        }
        return true;
    }

    /** {@code type} parsed, from the types parsed before when it is one; {@code null} when it does not parse. */
    private static ContentType parse(String type) {
        ContentType known = PARSED_TYPES.get(type);
        if (known == null) {
            try {
                known = new ContentType(type);
            } catch (ParseException e) {
                return null;
            }
            if (PARSED_TYPES.size() < MAX_PARSED_TYPES) {
                PARSED_TYPES.put(type, known);
            }
        }
        return known;
    }

    @Override
    public void setFrom(Address address) throws MessagingException {
        super.setFrom(address);
        setAddresses.set("From", address == null ? null : new Address[] {address});
    }

    @Override
    public Address[] getFrom() throws MessagingException {
        // without From, MimeMessage reads Sender
        Address[] from = setAddresses.get("From");
        return from != null ? from : super.getFrom();
    }

    @Override
    public void setRecipients(Message.RecipientType type, Address[] addresses) throws MessagingException {
        super.setRecipients(type, addresses);
        if (type != RecipientType.NEWSGROUPS) {
            setAddresses.set(type.toString(), addresses);
        }
    }

    @Override
    public void setReplyTo(Address[] addresses) throws MessagingException {
        super.setReplyTo(addresses);
        setAddresses.set("Reply-To", addresses);
    }

    @Override
    public Address[] getReplyTo() throws MessagingException {
        if (!setAddresses.knows("Reply-To")) {
            return super.getReplyTo();
        }
        // without Reply-To, MimeMessage answers From
        Address[] replyTo = setAddresses.get("Reply-To");
        return replyTo != null ? replyTo : getFrom();
    }

    @Override
    public void setSender(Address address) throws MessagingException {
        super.setSender(address);
        setAddresses.set("Sender", address == null ? null : new Address[] {address});
    }

    @Override
    public Address getSender() throws MessagingException {
        if (!setAddresses.knows("Sender")) {
            return super.getSender();
        }
        Address[] sender = setAddresses.get("Sender");
        return sender != null ? sender[0] : null;
    }

    /**
     * A header's value, as {@link MimeMessage#getHeader(String, String)} gives it, read from the headers once until
     * that header changes. Angus walks some thirty placeholder headers for every read, and a mail reads its
     * {@code Content-Type}, {@code Message-ID} and {@code Content-Transfer-Encoding} many times over while it is saved
     * and sent.
     */
    @Override
    public String getHeader(String name, String delimiter) throws MessagingException {
        String[] values = values(name);
        if (values == null) {
            return null;
        }
        return delimiter == null || values.length == 1 ? values[0] : super.getHeader(name, delimiter);
    }

    /** Every value of a header, as {@link MimeMessage#getHeader(String)} gives them, read once as above. */
    @Override
    public String[] getHeader(String name) throws MessagingException {
        String[] values = values(name);
        return values == null ? null : values.clone();
    }

    /** A header's values, kept (not to be handed out: they are shared), or {@code null} when the mail has none. */
    private String[] values(String name) throws MessagingException {
        String[] values = headerValues.get(name);
        if (values == null) {
            values = super.getHeader(name);
            headerValues.put(name, values == null ? ABSENT : values);
            return values;
        }
        return values == ABSENT ? null : values;
    }

    @Override
    public Address[] getRecipients(Message.RecipientType type) throws MessagingException {
        // Newsgroups is known only while the mail has none: it is never set from addresses here
        if (setAddresses.knows(type.toString())) {
            return setAddresses.get(type.toString());
        }
        return super.getRecipients(type);
    }

    @Override
    public void setHeader(String name, String value) throws MessagingException {
        setAddresses.changed(name);
        forgetValue(name);
        super.setHeader(name, value);
        if (value != null && (value.isEmpty() || " \t\r\n".indexOf(value.charAt(0)) < 0)) {
            // the header now has exactly this value, read back as set (Angus drops only leading white space)
            headerValues.put(name, new String[] {value});
        }
    }

    @Override
    public void addHeader(String name, String value) throws MessagingException {
        setAddresses.changed(name);
        forgetValue(name);
        super.addHeader(name, value);
    }

    @Override
    public void removeHeader(String name) throws MessagingException {
        setAddresses.changed(name);
        forgetValue(name);
        super.removeHeader(name);
        headerValues.put(name, ABSENT);
    }

    /** A raw line (perhaps the continuation of another header's): nothing read before is trusted after it. */
    @Override
    public void addHeaderLine(String line) throws MessagingException {
        setAddresses.forgetAll();
        headerValues.clear();
        super.addHeaderLine(line);
    }

    private void forgetValue(String header) {
        if (!headerValues.isEmpty()) {
            headerValues.keySet().removeIf(name -> name.equalsIgnoreCase(header));
        }
    }
}
