package io.github.camelsmtpsystem.internal.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.camelsmtpsystem.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mail an entity becomes, checked on the {@code MimeMessage} itself (no server): MIME structure for each kind of
 * body, UTF-8, the Date header, one-line subjects, and the errors that name the entity and the property.
 */
class EntityMailRendererTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static MailSink sink(String recipients, String subject, String body, String textBody) {
        return new MailSink("noreply@example.com", recipients, null, subject, null, body, null, textBody, null);
    }

    private static EntityMailRenderer renderer(MailSink sink) {
        return new EntityMailRenderer(sink, new MailTemplates(UnhandledVariable.DEBUG, 100_000, Duration.ofSeconds(2)));
    }

    private static MimeMessage render(MailSink sink, Object entity) {
        return renderer(sink).render(EntityBatch.read(entity, MAPPER).get(0));
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aMailRenderedForASystemCarriesTheStableIdOfWhatItHolds() throws Exception {
        MailSink sink = sink("a@example.com", "Order {{ n }}", "<p>Order <b>{{ n }}</b></p>", null);
        Map<String, Object> entity =
                EntityBatch.read(Map.of("_id", "o1", "n", 7), MAPPER).get(0);

        MimeMessage mail = renderer(sink).render(entity, "shop");
        MimeMessage again = renderer(sink).render(entity, "shop");

        assertThat(mail.getMessageID())
                .matches("<[0-9a-f]{32}@example\\.com>")
                .isEqualTo(StableMessageId.of(mail, "shop", "o1"))
                .isEqualTo(again.getMessageID());
        assertThat(renderer(sink).render(entity, "crm").getMessageID()).isNotEqualTo(mail.getMessageID());
        assertThat(renderer(sink).render(entity).getMessageID()).isNotEqualTo(mail.getMessageID());
    }

    @Test
    void aPlainBodyIsTextPlainInUtf8WithADate() throws Exception {
        MimeMessage mail = render(
                sink("a@example.com", "Hei {{ name }}", "Hei {{ name }}, velkommen", null),
                Map.of("_id", "1", "name", "Åse"));

        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getContent()).isEqualTo("Hei Åse, velkommen");
        assertThat(mail.getSentDate()).isNotNull();
        assertThat(mail.getHeader("Date")).hasSize(1);
        assertThat(mail.getFrom()).extracting(Address::toString).containsExactly("noreply@example.com");
        assertThat(to(mail)).containsExactly("a@example.com");
    }

    @Test
    void bodyAndTextBodyAreMultipartAlternativeHtmlLast() throws Exception {
        MimeMessage mail = render(
                sink("a@example.com", "S", "<p>Hello <b>{{ name }}</b></p>", "Hello {{ name }}"),
                Map.of("_id", "1", "name", "Bob"));

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType())
                .startsWith("text/plain")
                .containsIgnoringCase("UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello Bob");
        assertThat(parts.getBodyPart(1).getContentType())
                .startsWith("text/html")
                .containsIgnoringCase("UTF-8");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hello <b>Bob</b></p>");
    }

    @Test
    void anHtmlBodyAloneGetsAPlainTextPartExtractedFromIt() throws Exception {
        String html = "<html><head><style>p {color: red}</style></head><body><h1>Order {{ no }}</h1>"
                + "<p>Dear {{ name }},<br>your order has shipped.</p><ul><li>Tea</li><li>Milk</li></ul></body></html>";
        MimeMessage mail =
                render(sink("a@example.com", "S", html, null), Map.of("_id", "1", "no", "42", "name", "Åse"));

        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        BodyPart text = parts.getBodyPart(0);
        BodyPart rich = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat(text.getContent()).isEqualTo("Order 42\nDear Åse,\nyour order has shipped.\nTea\nMilk");
        assertThat(rich.getContentType()).startsWith("text/html");
        assertThat((String) rich.getContent()).contains("<h1>Order 42</h1>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1 < 2 and 3 > 2",
                "Write to <support@example.com> or <Bob Smith>",
                "Use a <placeholder> here",
                "Price: 5 <= 6",
                "a <b"
            })
    void textThatOnlyLooksLikeHtmlStaysPlain(String body) throws Exception {
        MimeMessage mail = render(sink("a@example.com", "S", body, null), Map.of("_id", "1"));

        assertThat(mail.getContentType()).startsWith("text/plain");
        assertThat(mail.getContent()).isEqualTo(body);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hello<br>there",
                "<b>bold</b> text",
                "<p>para</p>",
                "<div>x</div>",
                "A <a href='https://x.example'>link</a>",
                "<table><tr><td>1</td></tr></table>"
            })
    void bodiesWithHtmlElementsAreHtml(String body) throws Exception {
        MimeMessage mail = render(sink("a@example.com", "S", body, null), Map.of("_id", "1"));

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
    }

    @Test
    void nonAsciiSubjectsAndBodiesAreEncodedAndDecodeBack() throws Exception {
        String words = "Grüße aus Tromsø – 日本語 ✓";
        MimeMessage mail = render(
                sink("a@example.com", "{{ words }}", "{{ words }}", "{{ words }}"), Map.of("_id", "1", "words", words));

        String raw = raw(mail);
        assertThat(raw).contains("Subject: =?UTF-8?").doesNotContain(words);
        assertThat(raw.chars().allMatch(c -> c < 128)).isTrue();
        assertThat(mail.getSubject()).isEqualTo(words);
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(words);
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo(words);
    }

    @Test
    void subjectsWithLineBreaksAreFoldedToOneLine() throws Exception {
        MimeMessage mail = render(
                sink("a@example.com", "{{ a }}\n{{ b }}", "x", null),
                Map.of("_id", "1", "a", "First\r\nline", "b", "second\u2028third\ttab\u0000nul"));

        assertThat(mail.getSubject()).isEqualTo("First line second third tab nul");
        assertThat(raw(mail)).contains("Subject: First line second third tab nul\r\n");
    }

    @Test
    void templatesAndRecipientsMayComeFromTheEntity() throws Exception {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "e9");
        entity.put("recipients", "x@example.com, Y Person <y@example.com>");
        entity.put("subject_template", "About {{ topic }}");
        entity.put("body_template", "<p>{{ topic }}</p>");
        entity.put("text_body_template", "{{ topic }}!");
        entity.put("topic", "tea");

        MimeMessage mail = render(sink(null, null, null, null), entity);

        assertThat(to(mail)).containsExactly("x@example.com", "Y Person <y@example.com>");
        assertThat(mail.getSubject()).isEqualTo("About tea");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("tea!");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>tea</p>");
    }

    @Test
    void thePropertyNamesCanBeChanged() throws Exception {
        MailSink sink = new MailSink("noreply@example.com", null, "emails", null, "subj", null, "html", null, "plain");
        Map<String, Object> entity = Map.of(
                "_id",
                "1",
                "emails",
                List.of("a@example.com", "b@example.com"),
                "subj",
                "S {{ _id }}",
                "html",
                "<i>B</i>",
                "plain",
                "B",
                "subject_template",
                "not this one");

        MimeMessage mail = render(sink, entity);

        assertThat(to(mail)).containsExactly("a@example.com", "b@example.com");
        assertThat(mail.getSubject()).isEqualTo("S 1");
        assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .isEqualTo("B");
    }

    @Test
    void recipientsMayBeAJsonListOrACommaSeparatedString() throws Exception {
        MailSink sink = sink(null, "S", "B", null);

        assertThat(to(render(
                        sink,
                        "{\"_id\": \"1\", \"recipients\": [\"a@example.com\", \"b@example.com, c@example.com\"]}")))
                .containsExactly("a@example.com", "b@example.com", "c@example.com");
        assertThat(to(render(sink, "{\"_id\": \"2\", \"recipients\": \"a@example.com,b@example.com\"}")))
                .containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void anEntityWithoutARequiredTemplateFailsNamingItAndTheProperty() {
        assertThatThrownBy(() -> render(sink("a@example.com", null, "B", null), Map.of("_id", "no-subject")))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'no-subject'")
                .hasMessageContaining("'subject_template'")
                .hasMessageContaining("subjectTemplate");
        assertThatThrownBy(() -> render(sink("a@example.com", "S", null, null), Map.of("_id", "no-body")))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'no-body'")
                .hasMessageContaining("'body_template'");
    }

    @Test
    void anEntityWithoutRecipientsFailsNamingItAndTheProperty() {
        MailSink sink = new MailSink("noreply@example.com", null, "emails", "S", null, "B", null, null, null);

        assertThatThrownBy(() -> render(sink, Map.of("_id", "lonely")))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'lonely'")
                .hasMessageContaining("'emails'");
        assertThatThrownBy(() -> render(sink, Map.of("_id", "empty", "emails", List.of())))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'empty'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-an-address",
                "a@example.com;b@example.com",
                "a@@example.com",
                "a@example.com, <b@",
                "a b@example.com",
                "Undisclosed: a@example.com;"
            })
    void aBadAddressFailsTheEntityClearly(String recipients) {
        assertThatThrownBy(() -> render(sink(null, "S", "B", null), Map.of("_id", "bad", "recipients", recipients)))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'bad'")
                .hasMessageContaining("'recipients'")
                .hasMessageContaining("name@example.com");
    }

    @Test
    void mailFromIsRequiredAndMustBeOneAddress() {
        assertThatThrownBy(() -> new MailSink(null, "a@example.com", null, "S", null, "B", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailFrom is required");
        assertThatThrownBy(() -> renderer(new MailSink(
                        "a@example.com, b@example.com", "c@example.com", null, "S", null, "B", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailFrom")
                .hasMessageContaining("exactly one");
        assertThatThrownBy(
                        () -> renderer(new MailSink("nobody", "c@example.com", null, "S", null, "B", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailFrom");
    }

    @Test
    void bothFormsOfOnePairAreAnError() {
        assertThatThrownBy(() -> new MailSink("a@example.com", null, null, "S", "subj", "B", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subjectTemplate and subjectTemplateProperty");
        assertThatThrownBy(() -> new MailSink("a@example.com", null, null, "S", null, "B", "body", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bodyTemplate and bodyTemplateProperty");
        assertThatThrownBy(() -> new MailSink("a@example.com", null, null, "S", null, "B", null, "T", "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("textBodyTemplate and textBodyTemplateProperty");
        assertThatThrownBy(() -> new MailSink("a@example.com", "b@example.com", "to", "S", null, "B", null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipients and recipientsProperty");
    }

    @Test
    void sesamValuesRenderAsPlainText() throws Exception {
        String entity = """
                {"_id": "~:crm:42", "crm:name": "Åse", "created": "~t2024-01-02T03:04:05.123456789Z",
                 "owner": "~:hr:7", "uuid": "~u3f2504e0-4f89-11d3-9a0c-0305e82c3301", "amount": "~f12.50",
                 "note": "~~tilde", "tags": ["~:tag:a", "~:tag:b"], "address": {"crm:city": "~:geo:oslo"}}
                """;
        MailSink sink = sink(
                "a@example.com",
                "{{ _id }}",
                "{{ entity['crm:name'] }}|{{ created }}|{{ created[:10] }}|{{ owner }}|{{ uuid }}|{{ amount }}|{{ note }}"
                        + "|{{ tags|join(',') }}|{{ address['crm:city'] }}",
                null);

        MimeMessage mail = render(sink, entity);

        assertThat(mail.getSubject()).isEqualTo("crm:42");
        assertThat(mail.getContent())
                .isEqualTo("Åse|2024-01-02T03:04:05.123456789Z|2024-01-02|hr:7"
                        + "|3f2504e0-4f89-11d3-9a0c-0305e82c3301|12.50|~tilde|tag:a,tag:b|geo:oslo");
    }
}
