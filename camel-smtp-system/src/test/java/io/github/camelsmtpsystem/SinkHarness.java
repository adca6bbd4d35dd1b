package io.github.camelsmtpsystem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Camel context with the routes {@code direct:<i> → uris[i]}, sending to a GreenMail server, and what the mail tests
 * read from that server.
 */
final class SinkHarness implements AutoCloseable {

    final DefaultCamelContext context = new DefaultCamelContext();
    private ProducerTemplate template;

    /** The endpoint URI of an SMTP system defined inline, on GreenMail's port, followed by {@code options}. */
    static String system(String id, GreenMailExtension greenMail, String options) {
        return "smtp-system:" + id + "?smtpServer=127.0.0.1&smtpPort=" + greenMail.getSmtp().getPort() + "&" + options;
    }

    /** Adds the routes and starts the context. */
    SinkHarness start(String... uris) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:" + i).to(uris[i]);
                }
            }
        });
        context.start();
        template = context.createProducerTemplate();
        return this;
    }

    /** Sends {@code body} to route {@code route}; the exchange carries any exception rather than throwing it. */
    Exchange send(int route, Object body) {
        return send(route, body, Map.of());
    }

    Exchange send(int route, Object body, Map<String, Object> headers) {
        return template.send("direct:" + route, e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
            e.getMessage().setBody(body);
        });
    }

    @Override
    public void close() {
        context.stop();
    }

    /** The mails GreenMail received, after waiting for {@code count}; one per recipient mailbox. */
    static MimeMessage[] received(GreenMailExtension greenMail, int count) {
        assertThat(greenMail.waitForIncomingEmail(10_000, count)).as("%d mails arrive", count).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(count);
        return received;
    }

    /** The message as the server stored it: headers and body, as sent over SMTP. */
    static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header lines of the raw message (continuation lines unfolded into their header). */
    static List<String> headerLines(MimeMessage message) {
        String raw = raw(message);
        String head = raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n")));
        return Arrays.asList(head.replaceAll("\r\n[ \t]+", " ").split("\r\n"));
    }

    static List<String> to(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
