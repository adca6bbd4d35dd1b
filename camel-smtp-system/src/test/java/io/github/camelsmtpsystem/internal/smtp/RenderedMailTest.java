package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A rendered mail writes exactly the bytes Jakarta Mail's own MimeMessage writes for the same content. */
class RenderedMailTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    /** What Angus Mail's SMTP transport leaves out when it sends. */
    private static final String[] SMTP_IGNORES = {"Bcc", "Content-Length"};

    @ParameterizedTest
    @ValueSource(strings = {"plain", "non-ascii", "long-lines", "html"})
    void writesWhatMimeMessageWrites(String kind) throws Exception {
        MimeMultipart shared = kind.equals("html") ? alternative() : null;
        MimeMessage standard = fill(new MimeMessage(SESSION), kind, shared);
        MimeMessage rendered = fill(new RenderedMail(SESSION), kind, shared);

        String expected = written(standard);
        assertThat(written(rendered)).isEqualTo(expected);
        assertThat(expected).doesNotContain("Bcc").contains("Message-ID: <fixed@example.com>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=?utf-8?q?caf=C3=A9?=",
                "Price =?ISO-8859-1?B?4oKs?= 5",
                "a =? b ?= c",
                "=?utf-8?q?x?= Grüße aus Tromsø ✓ 😀 and a subject long enough for more than one word"
            })
    void aSubjectThatLooksLikeAnEncodedWordReadsAsWritten(String subject) throws Exception {
        MimeMessage rendered = new RenderedMail(SESSION);
        rendered.setSubject(subject, "UTF-8");
        rendered.setText("Body", "UTF-8");

        String header = rendered.getHeader("Subject", null);
        // written as encoded words only, each at most 75 characters, in lines of at most 76
        assertThat(header.split("\\s+"))
                .allSatisfy(word ->
                        assertThat(word).startsWith("=?UTF-8?B?").endsWith("?=").hasSizeLessThanOrEqualTo(75));
        assertThat(("Subject: " + header).split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        MimeMessage read = new MimeMessage(
                SESSION, new ByteArrayInputStream(written(rendered).getBytes(StandardCharsets.UTF_8)));
        assertThat(read.getSubject()).isEqualTo(subject);
    }

    @Test
    void anOrdinarySubjectIsSetAsMimeMessageSetsIt() throws Exception {
        MimeMessage standard = new MimeMessage(SESSION);
        MimeMessage rendered = new RenderedMail(SESSION);
        for (MimeMessage message : new MimeMessage[] {standard, rendered}) {
            message.setSubject("Grüße, 50% off = a deal?", "UTF-8");
        }

        assertThat(rendered.getHeader("Subject", null)).isEqualTo(standard.getHeader("Subject", null));
    }

    @Test
    void anAddressOutsideAsciiIsWrittenInUtf8() throws Exception {
        MimeMessage rendered = new RenderedMail(SESSION);
        rendered.setFrom(new InternetAddress("noreply@example.com"));
        rendered.setRecipient(Message.RecipientType.TO, new InternetAddress("åse@example.com"));
        rendered.setText("Body", "UTF-8");
        rendered.saveChanges();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rendered.writeTo(out, SMTP_IGNORES);

        // UTF-8, never one raw Latin-1 byte for å (the transport sends it only with SMTPUTF8)
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("To: åse@example.com");
        assertThat(Utf8Addresses.of(rendered, rendered.getAllRecipients())).containsExactly("åse@example.com");
    }

    private static MimeMessage fill(MimeMessage message, String kind, MimeMultipart alternative) throws Exception {
        message.setFrom(new InternetAddress("noreply@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("to@example.com"));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@example.com"));
        message.setSubject("Grüße", "UTF-8");
        message.setSentDate(new Date(0));
        switch (kind) {
            case "plain" -> message.setText("Hello,\r\nthis is plain ASCII.", "UTF-8");
            case "non-ascii" -> message.setText("Grüße fra Tromsø ✓", "UTF-8");
            case "long-lines" -> message.setText("x".repeat(2_000), "UTF-8");
            default -> message.setContent(alternative);
        }
        message.saveChanges();
        message.setHeader("Message-ID", "<fixed@example.com>");
        return message;
    }

    private static MimeMultipart alternative() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Grüße", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Grüße</p>", "UTF-8", "html");
        return new MimeMultipart("alternative", text, html);
    }

    private static String written(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, SMTP_IGNORES);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a mail keeps read (content type, Reply-To, Sender) is what MimeMessage reads, however it was last set. */
    @Test
    void readsBackWhatWasSetLast() throws Exception {
        RenderedMail mail = new RenderedMail(SESSION);
        MimeMessage standard = new MimeMessage(SESSION);
        for (MimeMessage each : new MimeMessage[] {mail, standard}) {
            each.setFrom(new InternetAddress("from@example.com"));
            each.setText("text", "UTF-8");
        }
        assertSameReads(mail, standard);

        for (MimeMessage each : new MimeMessage[] {mail, standard}) {
            MimeBodyPart part = new MimeBodyPart();
            part.setText("part", "UTF-8");
            each.setContent(new MimeMultipart("alternative", part));
            assertThat(each.isMimeType("multipart/*")).as("before the save").isFalse();
            each.saveChanges();
            each.setReplyTo(new InternetAddress[] {new InternetAddress("desk@example.com")});
            each.setSender(new InternetAddress("sender@example.com"));
        }
        assertSameReads(mail, standard);
        assertThat(mail.isMimeType("multipart/*")).isTrue();

        for (MimeMessage each : new MimeMessage[] {mail, standard}) {
            each.setHeader("Content-Type", "text/html; charset=UTF-8");
            each.setHeader("Reply-To", "other@example.com");
            each.removeHeader("Sender");
        }
        assertSameReads(mail, standard);
        assertThat(mail.isMimeType("text/html")).isTrue();

        for (MimeMessage each : new MimeMessage[] {mail, standard}) {
            each.setReplyTo(null);
            each.addHeaderLine("Content-Type: text/csv");
        }
        assertSameReads(mail, standard);
    }

    /** A header read after it was set, added, removed or set again under another case reads as MimeMessage's does. */
    @Test
    void readsEveryHeaderAsMimeMessageReadsIt() throws Exception {
        RenderedMail mail = new RenderedMail(SESSION);
        MimeMessage standard = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // a rendered mail keeps the Message-ID it has when it is saved again, by design
                if (getHeader("Message-ID", null) == null) {
                    super.updateMessageID();
                }
            }
        };
        String[] names = {"X-Tag", "x-tag", "X-TAG", "Subject", "Content-Type", "Message-ID", "Date", "X-Other"};
        List<ThrowingConsumer<MimeMessage>> steps = List.of(
                each -> each.setHeader("X-Tag", "one"),
                each -> each.setHeader("x-tag", "  leading space"),
                each -> each.setHeader("X-Tag", ""),
                each -> each.setHeader("X-TAG", "\r\n folded"),
                each -> each.addHeader("X-Tag", "second"),
                each -> each.setHeader("x-TAG", "third"),
                each -> each.removeHeader("X-Tag"),
                each -> each.setHeader("Content-Type", "text/plain; name=report.txt"),
                each -> each.setHeader("Message-ID", "<id@example.com>"),
                each -> each.setSubject("  Spaced subject"),
                MimeMessage::saveChanges,
                each -> each.removeHeader("message-id"),
                each -> each.addHeaderLine("X-Other: raw"),
                each -> each.addHeaderLine(" continued"));
        for (ThrowingConsumer<MimeMessage> step : steps) {
            step.accept(mail);
            step.accept(standard);
            for (String name : names) {
                String when = name + " after step " + steps.indexOf(step);
                assertThat(mail.getHeader(name, null)).as(when).isEqualTo(standard.getHeader(name, null));
                assertThat(mail.getHeader(name, ", ")).as(when).isEqualTo(standard.getHeader(name, ", "));
                assertThat(mail.getHeader(name)).as(when).isEqualTo(standard.getHeader(name));
                String[] values = mail.getHeader(name);
                if (values != null) {
                    // the caller's copy: changing it changes nothing in the mail
                    values[0] = "changed";
                    assertThat(mail.getHeader(name)).as(when).isEqualTo(standard.getHeader(name));
                }
            }
            assertThat(mail.getFileName()).isEqualTo(standard.getFileName());
            assertThat(mail.isMimeType("text/plain")).isEqualTo(standard.isMimeType("text/plain"));
        }
    }

    /** Mails of different types read their own, though parsed types are shared between mails. */
    @Test
    void eachMailMatchesItsOwnType() throws Exception {
        for (String type : List.of("text/html; charset=UTF-8", "text/plain", "image/png; name=\"a b.png\"", "bad/")) {
            RenderedMail mail = new RenderedMail(SESSION);
            MimeMessage standard = new MimeMessage(SESSION);
            for (MimeMessage each : new MimeMessage[] {mail, standard}) {
                each.setHeader("Content-Type", type);
            }
            for (String asked : List.of("text/*", "text/html", "image/png", "multipart/*", "bad/")) {
                assertThat(mail.isMimeType(asked)).as("%s is %s", type, asked).isEqualTo(standard.isMimeType(asked));
            }
            assertThat(mail.getFileName()).as(type).isEqualTo(standard.getFileName());
        }
    }

    /** A step applied alike to both mails. */
    @FunctionalInterface
    private interface ThrowingConsumer<T> {

        void accept(T value) throws Exception;
    }

    private static void assertSameReads(MimeMessage mail, MimeMessage standard) throws Exception {
        // a multipart's boundary is new in every mail: the type and the charset are what must agree
        ContentType read = new ContentType(mail.getContentType());
        ContentType expected = new ContentType(standard.getContentType());
        assertThat(read.getBaseType()).isEqualTo(expected.getBaseType());
        assertThat(read.getParameter("charset")).isEqualTo(expected.getParameter("charset"));
        assertThat(mail.isMimeType("text/plain")).isEqualTo(standard.isMimeType("text/plain"));
        assertThat(mail.getReplyTo()).isEqualTo(standard.getReplyTo());
        assertThat(mail.getSender()).isEqualTo(standard.getSender());
    }
}
