package io.github.camelsmtpsystem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cc, Bcc, Reply-To, extra headers, the bounce address and delivery status notifications against real MTAs: Postfix
 * {@code smtpd} (which offers DSN) and Exim (which, as Debian ships it, does not). Each copy is read back from the
 * maildir with Angus's MIME parser.
 */
class MailAddressingIT extends SmtpServerTestSupport {

    private static final String TO = "to@example.com";
    private static final String CC = "cc@example.com";
    private static final String BCC = "bcc@example.com";
    private static final String BOUNCES = "bounces@example.com";
    /** Headers an MTA adds on the way or at delivery, which may name the mailbox a copy went to. */
    private static final Set<String> TRACE =
            Set.of("received", "delivered-to", "x-original-to", "return-path", "envelope-to");

    private static final String ADDRESSING = "recipients=" + TO + "&cc=" + CC + "&bccProperty=archive"
            + "&replyTo=Support desk <support@example.com>"
            + "&header.List-Unsubscribe=RAW(<https://example.com/unsubscribe?id=[[ _id ]]>)"
            + "&header.List-Unsubscribe-Post=List-Unsubscribe=One-Click"
            + "&header.X-Customer=[[ name ]]";

    @Test
    void postfixDeliversToCcAndBccWithBccInNoHeaderAndTheHeadersAsRendered() throws Exception {
        Postfix postfix = Postfix.startRelay();
        closeAfter.add(postfix);
        sendTo(postfix.port(), ADDRESSING);

        template.sendBody("direct:send", Map.of("_id", "order-1", "name", "Åse Ødegård", "archive", List.of(BCC)));

        for (String mailbox : List.of(TO, CC, BCC)) {
            assertAddressedAsRendered(parse(postfix.awaitDelivered(mailbox, 1).get(0)), "order-1");
        }
    }

    @Test
    void eximDeliversToCcAndBccWithBccInNoHeaderAndTheHeadersAsRendered() throws Exception {
        Exim exim = Exim.start(Exim.NO_AUTH_REQUIRED);
        closeAfter.add(exim);
        sendTo(exim.port(), ADDRESSING + "&dsnNotify=success,failure&envelopeFrom=" + BOUNCES);

        template.sendBody("direct:send", Map.of("_id", "order-2", "name", "Åse Ødegård", "archive", BCC));

        for (String mailbox : List.of(TO, CC, BCC)) {
            assertAddressedAsRendered(parse(exim.awaitDelivered(mailbox, 1).get(0)), "order-2");
        }
        // Exim offers no DSN: the mail went without it (Exim refuses NOTIFY it did not offer), from the bounce address
        assertThat(exim.log()).anyMatch(line -> line.contains(" <= " + BOUNCES));
        assertThat(exim.log()).noneMatch(line -> line.contains("NOTIFY") || line.contains("ENVID"));
    }

    @Test
    void postfixSendsItsSuccessReportToTheBounceAddressWithTheEntityIdAsEnvelopeId() throws Exception {
        Postfix postfix = Postfix.startRelay();
        closeAfter.add(postfix);
        sendTo(postfix.port(), "recipients=" + TO + "&envelopeFrom=" + BOUNCES + "&dsnNotify=success&dsnRet=headers");

        template.sendBody("direct:send", Map.of("_id", "invoice 7+1"));

        MimeMessage delivered = parse(postfix.awaitDelivered(TO, 1).get(0));
        assertThat(delivered.getHeader("Return-Path", null)).isEqualTo("<" + BOUNCES + ">");
        assertThat(delivered.getHeader("From", null)).isEqualTo("noreply@example.com");
        InternetHeaders status =
                deliveryStatus(parse(postfix.awaitDelivered(BOUNCES, 1).get(0)));
        // ENVID went xtext-encoded ("invoice+207+2B1"); Postfix decodes it and reports the entity _id as it is
        assertThat(status.getHeader("Original-Envelope-Id", null)).isEqualTo("invoice 7+1");
        assertThat(String.join("\n", Collections.list(status.getAllHeaderLines())))
                .containsIgnoringCase("Action: delivered")
                .containsIgnoringCase("Original-Recipient: rfc822;" + TO);
    }

    @Test
    void postfixSendsItsFailureReportForAnUnknownUserToTheBounceAddress() throws Exception {
        // accepted at RCPT, refused at delivery: the report is the server's to send
        Postfix postfix = Postfix.startRelay("smtpd_reject_unlisted_recipient = no");
        closeAfter.add(postfix);
        sendTo(postfix.port(), "recipientsProperty=recipients&envelopeFrom=" + BOUNCES + "&dsnNotify=failure");

        template.sendBody("direct:send", Map.of("_id", "gone-1", "recipients", "nobody@example.com"));

        MimeMessage report = parse(postfix.awaitDelivered(BOUNCES, 1).get(0));
        InternetHeaders status = deliveryStatus(report);
        assertThat(status.getHeader("Original-Envelope-Id", null)).isEqualTo("gone-1");
        assertThat(String.join("\n", Collections.list(status.getAllHeaderLines())))
                .containsIgnoringCase("Action: failed")
                .contains("nobody@example.com");
        context.stop();
        assertThat(postfix.log())
                .anyMatch(line -> line.contains("to=<nobody@example.com>") && line.contains("status=bounced"));
    }

    @Test
    void withDsnNeverPostfixSendsNoReportForAnUnknownUser() throws Exception {
        Postfix postfix = Postfix.startRelay("smtpd_reject_unlisted_recipient = no");
        closeAfter.add(postfix);
        sendTo(postfix.port(), "recipientsProperty=recipients&envelopeFrom=" + BOUNCES + "&dsnNotify=never");

        template.sendBody("direct:send", Map.of("_id", "quiet", "recipients", List.of("nobody@example.com")));
        template.sendBody("direct:send", Map.of("_id", "marker", "recipients", TO));

        postfix.awaitDelivered(TO, 1);
        context.stop();
        assertThat(postfix.log())
                .anyMatch(line -> line.contains("to=<nobody@example.com>") && line.contains("status=bounced"));
        assertThat(postfix.delivered(BOUNCES)).isEmpty();
    }

    private void sendTo(int port, String options) throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:addressing?smtpServer=localhost&smtpPort=" + port + "&" + SINK + "&"
                                + options);
            }
        });
    }

    private static void assertAddressedAsRendered(MimeMessage mail, String id) throws Exception {
        assertThat(InternetAddress.toString(mail.getRecipients(Message.RecipientType.TO)))
                .isEqualTo(TO);
        assertThat(InternetAddress.toString(mail.getRecipients(Message.RecipientType.CC)))
                .isEqualTo(CC);
        assertThat(mail.getHeader("Bcc")).isNull();
        for (Header header : Collections.list(mail.getAllHeaders())) {
            if (!TRACE.contains(header.getName().toLowerCase(Locale.ROOT))) {
                assertThat(header.getValue()).as(header.getName()).doesNotContain(BCC);
            }
        }
        assertThat(mail.getReplyTo())
                .extracting(Object::toString)
                .containsExactly("Support desk <support@example.com>");
        assertThat(mail.getHeader("List-Unsubscribe", null))
                .isEqualTo("<https://example.com/unsubscribe?id=" + id + ">");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String customer = mail.getHeader("X-Customer", null);
        // RFC 2047 on the wire, the name as written once decoded
        assertThat(customer).startsWith("=?UTF-8?B?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(customer))).isEqualTo("Åse Ødegård");
    }

    /** The {@code message/delivery-status} part of a report (RFC 3464): its per-message and per-recipient fields. */
    private static InternetHeaders deliveryStatus(MimeMessage report) throws Exception {
        assertThat(report.getContentType()).containsIgnoringCase("multipart/report");
        MimeMultipart parts = (MimeMultipart) report.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                byte[] fields = part.getInputStream().readAllBytes();
                // per-message fields, a blank line, then per-recipient fields: read both as one header block
                String joined = new String(fields, StandardCharsets.US_ASCII).replaceAll("\r?\n\r?\n", "\r\n");
                return new InternetHeaders(new ByteArrayInputStream(joined.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        throw new AssertionError("no message/delivery-status part in the report");
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }
}
