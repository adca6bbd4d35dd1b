package io.github.camelsmtpsystem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelsmtpsystem.MimeParts.bytes;
import static io.github.camelsmtpsystem.MimeParts.file;
import static io.github.camelsmtpsystem.MimeParts.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachments and inline images through Postfix {@code smtpd} and Exim into their maildirs, read back with Angus
 * Mail's MIME parser and Python's {@code email} package: every file byte for byte (a PDF, a PNG, a UTF-8 CSV under a name outside ASCII), the inline
 * image's {@code cid:} resolving inside its {@code multipart/related}, the tree {@code mixed > alternative > related};
 * and a mail over the server's {@code SIZE} failing its entity before anything of it reached the server.
 */
class AttachmentsIT extends SmtpServerTestSupport {

    private static final String TO = "to@example.com";
    private static final Pattern CID = Pattern.compile("src=\"cid:([^\"]+)\"");

    @Test
    void postfixDeliversEveryAttachmentByteForByte() throws Exception {
        Postfix postfix = Postfix.startRelay();
        closeAfter.add(postfix);
        sendTo(postfix.port());

        template.sendBody("direct:send", AttachmentsTest.invoiceEntity("pf-1"));

        String raw = postfix.awaitDelivered(TO, 1).get(0);
        assertDelivered(MimeParts.parse(raw), "pf-1");
        assertPythonReads(raw, "pf-1");
    }

    @Test
    void eximDeliversEveryAttachmentByteForByte() throws Exception {
        Exim exim = Exim.start(Exim.NO_AUTH_REQUIRED);
        closeAfter.add(exim);
        sendTo(exim.port());

        template.sendBody("direct:send", AttachmentsTest.invoiceEntity("ex-1"));

        String raw = exim.awaitDelivered(TO, 1).get(0);
        assertDelivered(MimeParts.parse(raw), "ex-1");
        assertPythonReads(raw, "ex-1");
        assertThat(exim.log()).noneMatch(line -> line.contains("SMTP protocol error"));
    }

    @Test
    void aMailOverPostfixsMessageSizeLimitFailsBeforeAnythingIsSent() throws Exception {
        Postfix postfix = Postfix.startRelay("message_size_limit = 20000");
        closeAfter.add(postfix);
        sendTo(postfix.port());

        template.sendBody("direct:send", Map.of("_id", "small", "body_template", "Small"));
        EntityMailException failure = sendFails(Map.of(
                "_id",
                "too-large",
                "body_template",
                "Large",
                "attachments",
                List.of(Map.of(
                        "filename", "big.bin", "base64", Base64.getEncoder().encodeToString(new byte[30000])))));

        assertThat(failure.getEntityId()).isEqualTo("too-large");
        assertThat(failure.getMessage())
                .contains("'too-large'", "larger than the 20000 bytes", "EHLO SIZE", "nothing was sent")
                .containsPattern("The mail is 4[0-9]{4} bytes");
        // refused at once: a permanent failure, never retried
        assertThat(counters().getFailed()).isEqualTo(1);
        context.stop();
        // one mail reached the server: the small one; the large one's MAIL FROM was never written
        assertThat(postfix.awaitDelivered(TO, 1)).hasSize(1);
        assertThat(String.join("\n", postfix.sessions())).contains("mail=1").doesNotContain("mail=2");
        assertThat(postfix.log()).noneMatch(line -> line.contains("too-large") || line.contains("exceeds"));
    }

    private void assertDelivered(MimeMessage mail, String id) throws Exception {
        assertThat(tree(mail))
                .isEqualTo("multipart/mixed[multipart/alternative[text/plain, multipart/related[text/html, "
                        + "image/png]], application/pdf, text/csv, text/plain]");
        assertThat(bytes(file(mail, "invoice-" + id + ".pdf"))).isEqualTo(AttachmentsTest.resource("invoice.pdf"));
        assertThat(bytes(file(mail, "Ordrer æøå.csv"))).isEqualTo(AttachmentsTest.resource("orders.csv"));
        assertThat(bytes(file(mail, "logo.png"))).isEqualTo(AttachmentsTest.resource("logo.png"));
        assertThat(new String(bytes(file(mail, "notat.txt")), "UTF-8")).isEqualTo("Hei på deg\n");

        // the HTML's cid: names a part of its own multipart/related
        Multipart alternative =
                (Multipart) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
        String html = (String) related.getBodyPart(0).getContent();
        Matcher cid = CID.matcher(html);
        assertThat(cid.find()).as("a cid: URL in " + html).isTrue();
        MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
        assertThat(image.getContentID()).isEqualTo("<" + cid.group(1) + ">");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(bytes(image)).isEqualTo(AttachmentsTest.resource("logo.png"));
        // the text alternative stays, made from the HTML
        assertThat((String) alternative.getBodyPart(0).getContent()).contains("Invoice for Åse");
    }

    /** A second, independent MIME parser: Python's email package reads the same tree and the same bytes. */
    private static void assertPythonReads(String raw, String id) throws Exception {
        Path mail = Files.createTempFile("mail-", ".eml");
        try {
            Files.writeString(mail, raw, StandardCharsets.UTF_8);
            Process python = new ProcessBuilder(
                            "/usr/bin/python3",
                            Path.of(AttachmentsIT.class
                                            .getResource("/attachments/read_mail.py")
                                            .toURI())
                                    .toString(),
                            mail.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(python.exitValue()).as(output).isZero();
            JsonNode read = new ObjectMapper().readTree(output);
            assertThat(read.path("tree").asText())
                    .isEqualTo("multipart/mixed[multipart/alternative[text/plain, multipart/related[text/html, "
                            + "image/png]], application/pdf, text/csv, text/plain]");
            JsonNode files = read.path("files");
            assertThat(files.path("invoice-" + id + ".pdf").asText()).isEqualTo(sha256("invoice.pdf"));
            assertThat(files.path("Ordrer æøå.csv").asText()).isEqualTo(sha256("orders.csv"));
            assertThat(files.path("logo.png").asText()).isEqualTo(sha256("logo.png"));
            assertThat(read.path("cids").path("logo@example.com").asText()).isEqualTo("logo.png");
        } finally {
            Files.deleteIfExists(mail);
        }
    }

    private static String sha256(String resource) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(AttachmentsTest.resource(resource)));
    }

    private void sendTo(int port) throws Exception {
        component().setMaximumRedeliveries(0);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:safety?smtpServer=localhost&smtpPort=" + port
                                + "&mailFrom=noreply@example.com&recipients=" + TO
                                + "&subjectTemplate=Invoice [[ _id ]]");
            }
        });
    }
}
