package io.github.camelsmtpsystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.camelsmtpsystem.Mailbox.headerLines;
import static io.github.camelsmtpsystem.Mailbox.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cc, Bcc, Reply-To, extra headers and the DSN options as a user gives them (URI options, a Sesam sink file), into
 * GreenMail, which offers no DSN; and the settings refused at startup.
 */
class MailAddressingOptionsTest extends MailSinkTestSupport {

    private static final String SINK = "mailFrom=orders@example.com&subjectTemplate=S [[ _id ]]&bodyTemplate=B";

    private static String endpoint(String options) {
        return system("addressing", greenMail, SINK + "&" + options);
    }

    @Test
    void headerOptionsOnTheUriAreRenderedFromEachEntity() throws Exception {
        start(endpoint("recipients=a@example.com&header.X-Order=[[ _id ]]&header.X-Team=ops"));

        send(0, List.of(Map.of("_id", "o1"), Map.of("_id", "o2")));

        MimeMessage[] mails = received(greenMail, 2);
        assertThat(Arrays.stream(mails).map(m -> header(m, "X-Order"))).containsExactlyInAnyOrder("o1", "o2");
        assertThat(Arrays.stream(mails).map(m -> header(m, "X-Team"))).containsOnly("ops");
    }

    @Test
    void theDocumentedOneClickUnsubscribeRecipeGivesBothHeaders() throws Exception {
        // as the component page writes it, with RAW(...) around the URL
        start(system(
                "addressing",
                greenMail,
                "mailFrom=news@example.com&recipientsProperty=email&subjectTemplate=News for [[ name ]]&bodyTemplate=B"
                        + "&header.List-Unsubscribe=RAW(<https://example.com/unsubscribe?id=[[ _id | urlencode ]]>)"
                        + "&header.List-Unsubscribe-Post=List-Unsubscribe=One-Click"));

        send(0, Map.of("_id", "user 7&x", "email", "a@example.com", "name", "Ada"));

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(header(mail, "List-Unsubscribe")).isEqualTo("<https://example.com/unsubscribe?id=user%207%26x>");
        assertThat(header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void aDryRunFileShowsCcAndNoBcc() throws Exception {
        Path out = dir.resolve("eml");
        start(endpoint("recipients=a@example.com&cc=c@example.com&bcc=hidden@example.com&dryRun=true"
                + "&dryRunDirectory=" + out));

        send(0, Map.of("_id", "dry"));

        try (var files = Files.list(out)) {
            String eml = Files.readString(files.findFirst().orElseThrow());
            assertThat(eml).contains("Cc: c@example.com").doesNotContain("hidden@example.com");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aSinkFileGivesCcAsAJsonListBccFromTheEntityAndHeaders() throws Exception {
        Path sink = dir.resolve("sink.json");
        Files.writeString(sink, """
                {"type": "mail", "mail_from": "orders@example.com", "recipients": "a@example.com",
                 "subject_template": "S {{ _id }}", "body_template": "B",
                 "cc": ["c1@example.com", "{{ manager }}"], "bcc_property": "archive",
                 "reply_to": "help@example.com",
                 "headers": {"List-Unsubscribe": "<https://example.com/u/{{ _id }}>",
                             "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
                 "dsn_notify": ["failure", "delay"], "dsn_ret": "headers", "envelope_from": "bounces@example.com"}
                """);
        start(system("addressing", greenMail, "sinkConfig=resource:file:" + sink));

        send(0, Map.of("_id", "s1", "manager", "boss@example.com", "archive", "vault@example.com"));

        // GreenMail keeps one copy per mailbox: a, c1, boss and vault; none names vault in a header
        MimeMessage[] copies = received(greenMail, 4);
        for (MimeMessage copy : copies) {
            assertThat(InternetAddress.toString(copy.getRecipients(Message.RecipientType.CC)))
                    .isEqualTo("c1@example.com, boss@example.com");
            assertThat(InternetAddress.toString(copy.getReplyTo())).isEqualTo("help@example.com");
            assertThat(header(copy, "List-Unsubscribe")).isEqualTo("<https://example.com/u/s1>");
            assertThat(header(copy, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(headerLines(copy)).noneMatch(line -> line.contains("vault@example.com"));
        }
    }

    @Test
    void withoutDsnOnTheServerTheMailGoesWithoutItAndADebugLineSaysSo() throws Exception {
        start(endpoint("recipients=a@example.com&dsnNotify=success&dsnRet=full&envelopeFrom=bounces@example.com"));

        try (LogCapture log = LogCapture.of("io.github.camelsmtpsystem.internal.smtp.SmtpSession", Level.DEBUG)) {
            send(0, Map.of("_id", "no-dsn"));
            assertThat(log.lines(Level.DEBUG)).anyMatch(line -> line.contains("does not offer DSN"));
        }

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(mail.getSubject()).isEqualTo("S no-dsn");
        // GreenMail records the envelope sender as Return-Path
        assertThat(header(mail, "Return-Path")).isEqualTo("<bounces@example.com>");
    }

    @Test
    void aHeaderValueWithALineBreakAfterRenderingFailsThatEntityAndSendsNothingForIt() throws Exception {
        start(endpoint("recipients=a@example.com&header.X-Note=[[ note ]]"));

        Exchange done = send(
                0,
                List.of(
                        Map.of("_id", "ok1", "note", "fine"),
                        Map.of("_id", "evil", "note", "x\r\nBcc: victim@example.com"),
                        Map.of("_id", "after", "note", "fine")));

        EntityMailException failure = (EntityMailException) done.getException();
        assertThat(failure.getEntityId()).isEqualTo("evil");
        assertThat(failure.getSentEntityIds()).containsExactly("ok1");
        assertThat(failure).hasMessageContaining("X-Note").hasMessageContaining("line break");
        // the batch stops at the failure as it does for any other entity error
        assertThat(Arrays.stream(received(greenMail, 1)).map(Mailbox::subject)).containsExactly("S ok1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "header.Content-Type=text/html | 'Content-Type' is a header the component writes itself. Remove it",
                "header.To=b@example.com       | 'To' is a header the component writes itself. Remove it from headers"
                        + " and set recipients or recipientsProperty instead",
                "header.reply-to=b@example.com | and set replyTo or replyToProperty instead"
            })
    void aHeaderTheComponentOwnsFailsAtStartup(String option, String message) {
        assertThatThrownBy(() -> start(endpoint("recipients=a@example.com&" + option)))
                .rootCause()
                .hasMessageContaining(message);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aHeaderNameWithASpaceFailsAtStartup() throws Exception {
        Path sink = dir.resolve("spaced.json");
        Files.writeString(sink, """
                {"mail_from": "orders@example.com", "recipients": "a@example.com", "subject_template": "S",
                 "body_template": "B", "headers": {"X Report": "1"}}
                """);

        assertThatThrownBy(() -> start(system("addressing", greenMail, "sinkConfig=resource:file:" + sink)))
                .rootCause()
                .hasMessageContaining("'X Report' is not a header name")
                .hasMessageContaining("space");
    }

    @Test
    void aWrongDsnValueFailsAtStartup() {
        assertThatThrownBy(() -> start(endpoint("recipients=a@example.com&dsnNotify=always")))
                .rootCause()
                .hasMessageContaining("'always' is not one of never, success, failure, delay");
    }

    private static String header(MimeMessage mail, String name) {
        try {
            return mail.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
