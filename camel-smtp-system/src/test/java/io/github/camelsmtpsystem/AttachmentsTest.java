package io.github.camelsmtpsystem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelsmtpsystem.MimeParts.bytes;
import static io.github.camelsmtpsystem.MimeParts.file;
import static io.github.camelsmtpsystem.MimeParts.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Attachments and inline images, from the entity and fixed in the sink, read back from GreenMail with Angus Mail's
 * MIME parser; bad attachments fail at start-up (fixed ones) or fail their entity (an entity's), naming the field.
 */
class AttachmentsTest extends MailSinkTestSupport {

    static final String HTML = "<p>Invoice for {{ name }}</p><img src=\"cid:logo@example.com\">";

    @Test
    void anEntitysAttachmentsArriveByteForByteInMixedAlternativeRelated() throws Exception {
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=Invoice [[ _id ]]"));

        Exchange done = send(0, invoiceEntity("inv-1"));

        assertThat(done.getException()).isNull();
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(tree(mail))
                .isEqualTo("multipart/mixed[multipart/alternative[text/plain, multipart/related[text/html, "
                        + "image/png]], application/pdf, text/csv, text/plain]");
        assertThat(bytes(file(mail, "invoice-inv-1.pdf"))).isEqualTo(resource("invoice.pdf"));
        assertThat(bytes(file(mail, "Ordrer æøå.csv"))).isEqualTo(resource("orders.csv"));
        assertThat(bytes(file(mail, "notat.txt"))).isEqualTo("Hei på deg\n".getBytes(StandardCharsets.UTF_8));
        Part logo = file(mail, "logo.png");
        assertThat(bytes(logo)).isEqualTo(resource("logo.png"));
        assertThat(logo.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(((jakarta.mail.internet.MimePart) logo).getContentID()).isEqualTo("<logo@example.com>");
        // guessed from the file names; text given as text is declared UTF-8
        assertThat(file(mail, "invoice-inv-1.pdf").getContentType()).startsWith("application/pdf");
        assertThat(file(mail, "notat.txt").getContentType()).startsWith("text/plain; charset=utf-8");
        // RFC 2231 for the name outside ASCII, every attachment base64 whatever its type
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("filename*=UTF-8''Ordrer%20%C3%A6%C3%B8%C3%A5.csv");
        assertThat(raw).doesNotContain("Content-Transfer-Encoding: 8bit");
        assertThat(mail.getContent().toString()).isNotEmpty();
    }

    @Test
    void fixedAttachmentsInASesamSinkFileWithTemplatedNameAndType() throws Exception {
        Path sink = dir.resolve("sink.json");
        Files.writeString(sink, """
                {"type": "mail", "system": "mail", "mail_from": "noreply@example.com",
                 "recipients": "to@example.com", "subject_template": "Report",
                 "body_template": "See the attached report.",
                 "attachments": [
                   {"filename": "report-{{ _id }}.csv", "content_type": "text/{{ kind }}",
                    "resource": "resource:classpath:attachments/orders.csv"}
                 ]}
                """);
        start(system("mail", greenMail, "sinkConfig=resource:file:" + sink));

        send(0, Map.of("_id", "r1", "kind", "csv"));

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        // a plain-text body with files: mixed of the text and the files
        assertThat(tree(mail)).isEqualTo("multipart/mixed[text/plain, text/csv]");
        assertThat(bytes(file(mail, "report-r1.csv"))).isEqualTo(resource("orders.csv"));
    }

    @Test
    void theDocumentedSinkSendsItsLogoInlineAndItsTermsAsAFile() throws Exception {
        String page = Files.readString(Path.of("src/main/docs/smtp-system-component.adoc"), StandardCharsets.UTF_8);
        String section = page.substring(page.indexOf("=== Attachments and inline images"));
        int start = section.indexOf("[source,json]\n----\n") + "[source,json]\n----\n".length();
        String json = section.substring(start, section.indexOf("\n----\n", start));
        Path sink = dir.resolve("invoice-sink.json");
        Files.writeString(
                sink,
                json.replace("\"our-smtp-server\"", "\"mail\"")
                        .replace("classpath:mail/logo.png", "classpath:attachments/logo.png")
                        .replace("classpath:mail/terms.pdf", "classpath:attachments/invoice.pdf"));
        start(system("mail", greenMail, "sinkConfig=resource:file:" + sink));

        send(0, Map.of("_id", "inv-1", "name", "Åse", "email", "to@example.com"));

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Invoice inv-1");
        assertThat(tree(mail))
                .isEqualTo("multipart/mixed[multipart/alternative[text/plain, multipart/related[text/html, "
                        + "image/png]], application/pdf]");
        assertThat(bytes(file(mail, "Vilkår.pdf"))).isEqualTo(resource("invoice.pdf"));
    }

    @Test
    void theDocumentedJavaDslRouteSendsTheEntitysFiles() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:invoices")
                        .process(e -> {
                            Map<String, Object> invoice =
                                    new HashMap<>(e.getMessage().getBody(Map.class));
                            invoice.put(
                                    "attachments",
                                    List.of(
                                            Map.of(
                                                    "filename",
                                                    "invoice-{{ _id }}.pdf",
                                                    "base64",
                                                    Base64.getEncoder().encodeToString((byte[]) invoice.remove("pdf"))),
                                            Map.of("filename", "lines.csv", "text", (String) invoice.remove("csv"))));
                            e.getMessage().setBody(invoice);
                        })
                        .to(
                                system(
                                        "mail",
                                        greenMail,
                                        "mailFrom=billing@example.com&recipientsProperty=email"
                                                + "&subjectTemplate=Invoice [[ _id ]]&bodyTemplate=resource:classpath:mail/order.html.j2"));
            }
        });

        template.sendBody(
                "direct:invoices",
                Map.of("_id", "42", "email", "to@example.com", "pdf", resource("invoice.pdf"), "csv", "a;b\n1;2\n"));

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(bytes(file(mail, "invoice-42.pdf"))).isEqualTo(resource("invoice.pdf"));
        assertThat(bytes(file(mail, "lines.csv"))).isEqualTo("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(file(mail, "lines.csv").getContentType()).startsWith("text/csv; charset=utf-8");
    }

    @Test
    void inlineImagesWithoutFilesMakeAlternativeOfRelated() throws Exception {
        start(system(
                "mail", greenMail, "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=Logo"));

        send(0, Map.of("_id", "logo", "name", "Åse", "body_template", HTML, "attachments", List.of(logo())));

        assertThat(tree(greenMail.getReceivedMessages()[0]))
                .isEqualTo("multipart/alternative[text/plain, multipart/related[text/html, image/png]]");
        assertThat(greenMail.getReceivedMessages()[0].getContentType()).doesNotContain("related");
        assertThat(GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0]))
                // RFC 2387's type parameter, after the boundary in a folded header
                .containsPattern("multipart/related;\\s+boundary=\"[^\"]+\";\\s+type=\"text/html\"");
    }

    @Test
    void aDryRunEmlShowsTheAttachments() throws Exception {
        Path emls = dir.resolve("emls");
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com"
                        + "&subjectTemplate=Invoice&dryRun=true&dryRunDirectory=" + emls));

        send(0, invoiceEntity("dry"));

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        Path eml;
        try (Stream<Path> files = Files.list(emls)) {
            eml = files.findFirst().orElseThrow();
        }
        MimeMessage mail = MimeParts.parse(Files.readString(eml, StandardCharsets.UTF_8));
        assertThat(bytes(file(mail, "invoice-dry.pdf"))).isEqualTo(resource("invoice.pdf"));
        assertThat(bytes(file(mail, "logo.png"))).isEqualTo(resource("logo.png"));
    }

    @Test
    void aFixedAttachmentWithoutFilenameFailsAtStartNamingTheField() {
        assertThat(startFailure("[{\"base64\": \"AAAA\"}]")).contains("attachments[0].filename is missing");
    }

    @Test
    void aFixedAttachmentWithTwoSourcesFailsAtStart() {
        assertThat(startFailure("[{\"filename\": \"a.txt\", \"text\": \"a\"}, "
                        + "{\"filename\": \"b.txt\", \"text\": \"b\", \"base64\": \"Yg==\"}]"))
                .contains("attachments[1] has base64 and text", "Give exactly one of them");
    }

    @Test
    void aFixedAttachmentWhoseResourceDoesNotExistFailsAtStart() {
        assertThat(startFailure(
                        "[{\"filename\": \"a.pdf\", \"resource\": \"resource:classpath:attachments/none.pdf\"}]"))
                .contains("attachments[0].resource names classpath:attachments/none.pdf, which does not exist");
    }

    @Test
    void fixedAttachmentsAndAttachmentsPropertyTogetherFailAtStart() {
        Throwable failure = catchThrowable(() -> start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com"
                        + "&attachments=resource:classpath:attachments/fixed.json&attachmentsProperty=files")));

        assertThat(messages(failure)).contains("Both attachments and attachmentsProperty are set");
    }

    @Test
    void brokenBase64FailsItsEntityNamingEntityAndFieldAndNothingIsSentForIt() throws Exception {
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=S&bodyTemplate=B"));

        Exchange done = send(
                0,
                List.of(
                        Map.of("_id", "ok-1"),
                        Map.of(
                                "_id",
                                "broken",
                                "attachments",
                                List.of(Map.of("filename", "a.pdf", "base64", "JVBERi0x*@"))),
                        Map.of("_id", "ok-2")));

        assertThat(done.getException()).isInstanceOf(EntityMailException.class);
        EntityMailException failure = (EntityMailException) done.getException();
        assertThat(failure.getEntityId()).isEqualTo("broken");
        assertThat(failure.getMessage())
                .contains("'broken'", "the entity's 'attachments'[0].base64 is not valid base64")
                .contains("ok-1");
        // as for any entity that cannot become a mail: the ones before it are sent, the batch stops there
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("S");
    }

    @Test
    void anEntityMayNotNameAResourceUnlessTrusted() throws Exception {
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B"));

        Exchange done = send(
                0,
                Map.of(
                        "_id",
                        "snoop",
                        "attachments",
                        List.of(Map.of("filename", "passwd.txt", "resource", "resource:file:/etc/passwd"))));

        assertThat(done.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("'snoop'")
                .hasMessageContaining("the entity's 'attachments'[0].resource is refused")
                .hasMessageContaining("entityAttachmentResources=true");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTrustedEntitysMissingResourceFailsItsEntity() throws Exception {
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B"
                        + "&entityAttachmentResources=true"));

        Exchange done = send(
                0,
                Map.of(
                        "_id",
                        "gone",
                        "attachments",
                        List.of(Map.of("filename", "a.pdf", "resource", "resource:file:" + dir.resolve("no.pdf")))));

        assertThat(done.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("'gone'")
                .hasMessageContaining("the entity's 'attachments'[0].resource names file:" + dir.resolve("no.pdf")
                        + ", which does not exist");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anEntitysAttachmentWithAnUnknownFieldFailsNamingIt() throws Exception {
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=S&bodyTemplate=B"));

        Exchange done =
                send(0, Map.of("_id", "typo", "attachments", List.of(Map.of("file_name", "a.txt", "text", "a"))));

        assertThat(done.getException())
                .hasMessageContaining("'typo'")
                .hasMessageContaining("[0] has 'file_name', which is not a property of an attachment");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aLineBreakInARenderedFileNameOrContentTypeFailsItsEntityAndAddsNoHeader() throws Exception {
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=S&bodyTemplate=B"));

        Exchange name = send(
                0,
                Map.of(
                        "_id", "name",
                        "x", "a.txt\r\nBcc: victim@example.com",
                        "attachments", List.of(Map.of("filename", "{{ x }}", "text", "a"))));
        Exchange type = send(
                0,
                Map.of(
                        "_id", "type",
                        "x", "text/plain; a=\"b\r\nBcc: victim@example.com\"",
                        "attachments", List.of(Map.of("filename", "a.txt", "content_type", "{{ x }}", "text", "a"))));

        assertThat(name.getException())
                .hasMessageContaining("'name'")
                .hasMessageContaining(
                        "[0].filename renders to 'a.txt\\r\\nBcc: victim@example.com', which holds a line " + "break");
        assertThat(type.getException())
                .hasMessageContaining("'type'")
                .hasMessageContaining("[0].content_type renders to")
                .hasMessageContaining("which holds a line break");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailOverMaxMailSizeFailsItsEntityWithSizeAndLimit() throws Exception {
        component().setMaxMailSize(2000);
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=S&bodyTemplate=B"));

        Exchange small = send(0, Map.of("_id", "small"));
        Exchange large = send(
                0,
                Map.of(
                        "_id",
                        "large",
                        "attachments",
                        List.of(Map.of(
                                "filename",
                                "big.bin",
                                "base64",
                                Base64.getEncoder().encodeToString(new byte[3000])))));

        assertThat(small.getException()).isNull();
        assertThat(large.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("'large'")
                .hasMessageMatching("(?s).*the mail is [0-9]{4} bytes, larger than maxMailSize \\(2000 bytes\\).*");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void inABatchTheMailOverMaxMailSizeIsRefusedBeforeAnythingOfItIsSent() throws Exception {
        component().setMaxMailSize(2000);
        start(system(
                "mail",
                greenMail,
                "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B"));
        Map<String, Object> large = Map.of(
                "_id",
                "large",
                "attachments",
                List.of(Map.of(
                        "filename", "big.bin", "base64", Base64.getEncoder().encodeToString(new byte[3000]))));

        Exchange done = send(0, List.of(Map.of("_id", "first"), large, Map.of("_id", "after")));

        assertThat(done.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("'large'")
                .hasMessageContaining("larger than maxMailSize (2000 bytes)");
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(1);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.REFUSED)).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    static Map<String, Object> invoiceEntity(String id) {
        return Map.of(
                "_id",
                id,
                "name",
                "Åse",
                "body_template",
                HTML,
                "attachments",
                List.of(
                        Map.of(
                                "filename",
                                "invoice-{{ _id }}.pdf",
                                "base64",
                                Base64.getEncoder().encodeToString(resource("invoice.pdf"))),
                        logo(),
                        Map.of(
                                "filename",
                                "Ordrer æøå.csv",
                                "base64",
                                Base64.getEncoder().encodeToString(resource("orders.csv"))),
                        Map.of("filename", "notat.txt", "text", "Hei på deg\n")));
    }

    static Map<String, Object> logo() {
        return Map.of(
                "filename", "logo.png",
                "content_id", "logo@example.com",
                "base64", Base64.getMimeEncoder().encodeToString(resource("logo.png")));
    }

    static byte[] resource(String name) {
        try (var in = AttachmentsTest.class.getResourceAsStream("/attachments/" + name)) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String startFailure(String attachments) {
        Path sink = dir.resolve("sink-" + System.nanoTime() + ".json");
        try {
            Files.writeString(sink, "{\"mail_from\": \"noreply@example.com\", \"attachments\": " + attachments + "}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Throwable failure = catchThrowable(() -> start(system("mail", greenMail, "sinkConfig=resource:file:" + sink)));
        assertThat(failure).as("the start should fail").isNotNull();
        return messages(failure);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
