package io.github.camelsmtpsystem.internal.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import io.github.camelsmtpsystem.internal.smtp.MailEnvelope;
import io.github.camelsmtpsystem.internal.smtp.RenderedMail;
import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cc, Bcc, Reply-To, extra headers and the envelope settings of a rendered mail, read back with Angus's parser from the
 * bytes the mail writes; and the settings refused at startup.
 */
class MailAddressingTest {

    private static final MailSink SINK = new MailSink(
            "noreply@example.com", "to@example.com", null, "Hello {{ _id }}", null, "Body", null, null, null);
    private static final MailTemplates TEMPLATES =
            new MailTemplates(UnhandledVariable.EMPTY_STRING, 100_000, Duration.ofSeconds(2));

    private static MailAddressing addressing(
            String cc, String bcc, String replyTo, Map<String, String> headers, String envelopeFrom) {
        return new MailAddressing(
                cc, null, bcc, null, replyTo, null, new ExtraHeaders(headers), envelopeFrom, null, null);
    }

    private static RenderedMail render(MailAddressing addressing, Map<String, Object> entity) {
        return (RenderedMail)
                new EntityMailRenderer(SINK, addressing, TEMPLATES, MailAttachments.none()).render(entity);
    }

    /** The mail as a reader gets it: written, then parsed again. */
    private static MimeMessage readBack(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void fixedTemplatesAndEntityPropertiesGiveCcBccAndReplyTo() throws Exception {
        RenderedMail mail = render(
                addressing("{{ manager }}, archive@example.com", null, "Support <support@example.com>", Map.of(), null),
                Map.of(
                        "_id",
                        "e1",
                        "manager",
                        "boss@example.com",
                        "bcc",
                        List.of("audit@example.com", "x@example.com")));

        MimeMessage read = readBack(mail);
        assertThat(InternetAddress.toString(read.getRecipients(Message.RecipientType.CC)))
                .isEqualTo("boss@example.com, archive@example.com");
        assertThat(InternetAddress.toString(read.getReplyTo())).isEqualTo("Support <support@example.com>");
        // Bcc in the envelope, in no written header
        assertThat(InternetAddress.toString(mail.getAllRecipients()))
                .contains("audit@example.com", "x@example.com", "boss@example.com", "to@example.com");
        assertThat(read.getHeader("Bcc")).isNull();
        assertThat(new String(bytes(mail), StandardCharsets.US_ASCII)).doesNotContain("audit@example.com");
    }

    @Test
    void withoutAnyAddressingTheMailHasNoCcNoBccAndNoReplyToOfItsOwn() throws Exception {
        MimeMessage read = readBack(render(MailAddressing.DEFAULTS, Map.of("_id", "plain")));

        assertThat(read.getHeader("Cc")).isNull();
        assertThat(read.getHeader("Reply-To")).isNull();
        assertThat(InternetAddress.toString(read.getAllRecipients())).isEqualTo("to@example.com");
        assertThat(((RenderedMail) render(MailAddressing.DEFAULTS, Map.of("_id", "plain"))).envelope())
                .isNull();
    }

    @Test
    void extraHeadersAreRenderedInOrderAndEncodedWhereNotAscii() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://example.com/unsubscribe?id={{ _id }}>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Customer", "{{ name }}");
        headers.put("X-Optional", "{{ missing }}");

        MimeMessage read = readBack(
                render(addressing(null, null, null, headers, null), Map.of("_id", "c-42", "name", "Åse Ødegård")));

        assertThat(read.getHeader("List-Unsubscribe", null)).isEqualTo("<https://example.com/unsubscribe?id=c-42>");
        assertThat(read.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(read.getHeader("X-Customer", null)).startsWith("=?UTF-8?B?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(read.getHeader("X-Customer", null))))
                .isEqualTo("Åse Ødegård");
        // a value that renders blank leaves its header out
        assertThat(read.getHeader("X-Optional")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nBcc: victim@example.com", "a\nX-Evil: 1", "a\rb", "a\u2028b", "a\u0000b"})
    void aHeaderValueThatRendersToMoreThanOneLineFailsTheEntityNamingTheHeader(String value) {
        MailAddressing addressing = addressing(null, null, null, Map.of("X-Report", "{{ text }}"), null);

        assertThatThrownBy(() -> render(addressing, Map.of("_id", "bad-1", "text", value)))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("'bad-1'")
                .hasMessageContaining("X-Report")
                .hasMessageNotContaining("victim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"From", "to", "CC", "Bcc", "Date", "Message-ID", "MIME-Version", "Content-Type", "Subject"})
    void aHeaderTheComponentWritesIsRefused(String name) {
        assertThatThrownBy(() -> new ExtraHeaders(Map.of(name, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "' is a header the component writes itself");
    }

    @Test
    void aHeaderNameWithASpaceOrColonIsRefused() {
        assertThatThrownBy(() -> new ExtraHeaders(Map.of("X My Header", "x")))
                .hasMessageContaining("'X My Header' is not a header name")
                .hasMessageContaining("space");
        assertThatThrownBy(() -> new ExtraHeaders(Map.of("X-A:b", "x"))).hasMessageContaining("':'");
    }

    @Test
    void aBadAddressInCcFailsTheEntityNamingTheField() {
        assertThatThrownBy(() -> render(MailAddressing.DEFAULTS, Map.of("_id", "e2", "cc", "not an address")))
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("'e2'")
                .hasMessageContaining("the entity's 'cc'");
    }

    @Test
    void theEnvelopeCarriesTheRenderedBounceAddressAndTheDsnRequest() {
        MailAddressing addressing = new MailAddressing(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "bounces+{{ _id }}@example.com",
                "Success, failure",
                "headers");

        MailEnvelope envelope = render(addressing, Map.of("_id", "o-7")).envelope();

        assertThat(envelope.envelopeFrom().getAddress()).isEqualTo("bounces+o-7@example.com");
        assertThat(envelope.notifyOn()).containsExactly("SUCCESS", "FAILURE");
        assertThat(envelope.ret()).isEqualTo("HDRS");
        assertThat(envelope.envelopeId()).isEqualTo("o-7");
    }

    @Test
    void dsnSettingsAreCheckedAtStartup() {
        assertThatThrownBy(
                        () -> new MailAddressing(null, null, null, null, null, null, null, null, "never,success", null))
                .hasMessageContaining("never cannot go with other values");
        assertThatThrownBy(() -> new MailAddressing(null, null, null, null, null, null, null, null, "sometimes", null))
                .hasMessageContaining("'sometimes' is not one of never, success, failure, delay");
        assertThatThrownBy(() -> new MailAddressing(null, null, null, null, null, null, null, null, null, "body"))
                .hasMessageContaining("dsnRet is 'body'");
        assertThatThrownBy(
                        () -> new MailAddressing("a@example.com", "cc", null, null, null, null, null, null, null, null))
                .hasMessageContaining("Both cc and ccProperty are set");
    }

    private static byte[] bytes(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toByteArray();
    }
}
