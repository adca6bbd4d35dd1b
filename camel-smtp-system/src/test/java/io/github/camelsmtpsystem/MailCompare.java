package io.github.camelsmtpsystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

/**
 * Compares a mail as a server stored it in a maildir with the mail the component rendered (its dry run's .eml), byte
 * for byte: the headers and each part's raw content, after the server's trace headers and with line ends as a maildir
 * stores them (LF). What differs between two renderings of one entity (Date, Message-ID, the multipart boundary) is
 * masked; a part the client converted to 8bit for BODY=8BITMIME (RFC 6152) is compared by its decoded bytes. Every
 * leaf part's decoded bytes are compared too. {@link #differences} lists what differs; empty means intact.
 */
final class MailCompare {

    /** Headers an MTA adds on receipt and delivery. */
    private static final Set<String> TRACE =
            Set.of("return-path", "received", "delivered-to", "x-original-to", "envelope-to", "delivery-date");

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";\\s]+)\"?");

    private MailCompare() {}

    /** The differences between the rendered mail and the delivered one; none when the delivered one is intact. */
    static List<String> differences(byte[] rendered, byte[] delivered) {
        List<String> differences = new ArrayList<>();
        try {
            // SMTP carries a mail as lines: a mail that does not end with a line end gets one (RFC 5321 4.1.1.4)
            byte[] expected = mask(endsWithLine(lf(rendered)));
            byte[] actual = mask(withoutTrace(lf(delivered)));
            MimeMessage want = parse(expected);
            MimeMessage got = parse(actual);
            compare("message", want, got, differences);
            if (sameEncodings(want, got) && !java.util.Arrays.equals(expected, actual)) {
                int at = mismatch(expected, actual);
                differences.add("raw bytes differ at offset " + at + ": expected ..." + excerpt(expected, at)
                        + "... but got ..." + excerpt(actual, at) + "...");
            }
        } catch (Exception e) {
            differences.add("cannot compare: " + e);
        }
        return differences;
    }

    /** The delivered mail's bytes after the trace headers the servers add, with LF line ends. */
    static byte[] withoutTrace(byte[] mail) {
        String text = new String(mail, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end + 1);
        StringBuilder kept = new StringBuilder();
        boolean dropping = false;
        for (String line : head.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (!dropping) {
                    kept.append(line).append('\n');
                }
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).toLowerCase(Locale.ROOT);
            dropping = TRACE.contains(name);
            if (!dropping) {
                kept.append(line).append('\n');
            }
        }
        return (kept + (end < 0 ? "" : text.substring(end + 1))).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] endsWithLine(byte[] mail) {
        if (mail.length == 0 || mail[mail.length - 1] == '\n') {
            return mail;
        }
        byte[] ended = java.util.Arrays.copyOf(mail, mail.length + 1);
        ended[mail.length] = '\n';
        return ended;
    }

    /** CRLF and a lone CR become LF, as a maildir stores lines. */
    static byte[] lf(byte[] mail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mail.length);
        for (int i = 0; i < mail.length; i++) {
            if (mail[i] == '\r') {
                out.write('\n');
                if (i + 1 < mail.length && mail[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(mail[i]);
            }
        }
        return out.toByteArray();
    }

    /** Date, Message-ID and boundaries, the parts of a rendering that another rendering of the entity changes. */
    private static byte[] mask(byte[] mail) {
        String text = new String(mail, StandardCharsets.ISO_8859_1);
        List<String> boundaries = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(text);
        while (m.find()) {
            boundaries.add(m.group(1));
        }
        Collections.sort(boundaries, (a, b) -> b.length() - a.length());
        for (int i = 0; i < boundaries.size(); i++) {
            text = text.replace(boundaries.get(i), "BOUNDARY" + i);
        }
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        String masked = head.replaceAll("(?im)^(Date|Message-ID):.*(\n[ \t].*)*$", "$1: MASKED");
        return (masked + (end < 0 ? "" : text.substring(end))).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void compare(String where, Part want, Part got, List<String> differences) throws Exception {
        List<String> wantHeaders = headers(want);
        List<String> gotHeaders = headers(got);
        if (!wantHeaders.equals(gotHeaders)) {
            differences.add(where + " headers differ: expected " + wantHeaders + " but got " + gotHeaders);
        }
        if (want.isMimeType("multipart/*") && got.isMimeType("multipart/*")) {
            Multipart a = (Multipart) want.getContent();
            Multipart b = (Multipart) got.getContent();
            if (a.getCount() != b.getCount()) {
                differences.add(where + " has " + b.getCount() + " parts, not " + a.getCount());
                return;
            }
            for (int i = 0; i < a.getCount(); i++) {
                BodyPart pa = a.getBodyPart(i);
                BodyPart pb = b.getBodyPart(i);
                compare(where + " part " + i, pa, pb, differences);
            }
            return;
        }
        byte[] wantDecoded = lf(read(want.getInputStream()));
        byte[] gotDecoded = lf(read(got.getInputStream()));
        if (!java.util.Arrays.equals(wantDecoded, gotDecoded)) {
            int at = mismatch(wantDecoded, gotDecoded);
            differences.add(where + " decoded content differs at byte " + at + " (length " + wantDecoded.length
                    + " vs " + gotDecoded.length + "): expected ..." + excerpt(wantDecoded, at) + "... but got ..."
                    + excerpt(gotDecoded, at) + "...");
        }
        if (encoding(want).equals(encoding(got))) {
            byte[] wantRaw = rawContent(want);
            byte[] gotRaw = rawContent(got);
            if (!java.util.Arrays.equals(wantRaw, gotRaw)) {
                int at = mismatch(wantRaw, gotRaw);
                differences.add(where + " raw content (" + encoding(want) + ") differs at byte " + at + ": expected ..."
                        + excerpt(wantRaw, at) + "... but got ..." + excerpt(gotRaw, at) + "...");
            }
        }
    }

    private static boolean sameEncodings(Part want, Part got) throws Exception {
        if (!encoding(want).equals(encoding(got))) {
            return false;
        }
        if (want.isMimeType("multipart/*") && got.isMimeType("multipart/*")) {
            Multipart a = (Multipart) want.getContent();
            Multipart b = (Multipart) got.getContent();
            if (a.getCount() != b.getCount()) {
                return false;
            }
            for (int i = 0; i < a.getCount(); i++) {
                if (!sameEncodings(a.getBodyPart(i), b.getBodyPart(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The header lines but the Content-Transfer-Encoding, which 8BITMIME may change. */
    private static List<String> headers(Part part) throws Exception {
        List<String> lines = new ArrayList<>();
        for (var e = ((MimePart) part).getAllHeaderLines(); e.hasMoreElements(); ) {
            String line = e.nextElement();
            if (!line.toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String encoding(Part part) throws Exception {
        String encoding = ((MimePart) part).getEncoding();
        return encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT);
    }

    private static byte[] rawContent(Part part) throws Exception {
        InputStream raw =
                part instanceof MimeBodyPart body ? body.getRawInputStream() : ((MimeMessage) part).getRawInputStream();
        return read(raw);
    }

    private static MimeMessage parse(byte[] mail) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static int mismatch(byte[] a, byte[] b) {
        int at = java.util.Arrays.mismatch(a, b);
        return Math.max(at, 0);
    }

    private static String excerpt(byte[] bytes, int at) {
        int from = Math.max(0, at - 30);
        int to = Math.min(bytes.length, at + 30);
        return new String(bytes, from, to - from, StandardCharsets.UTF_8)
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\0", "\\0");
    }
}
