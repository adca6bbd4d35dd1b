package io.github.camelsmtpsystem;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.camelsmtpsystem.Mailbox.received;
import static io.github.camelsmtpsystem.Mailbox.subject;
import static io.github.camelsmtpsystem.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sesam's mail sink end to end, into GreenMail: every option and rule of reference/mail-sink.md, batches, deleted
 * entities, Sesam's identifiers and transit values, and dry runs.
 */
class MailSinkTest extends MailSinkTestSupport {

    private static String sink(String options) {
        return system("sink", greenMail, options);
    }

    private static Map<String, Object> order(String id) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", id);
        entity.put("order_no", id);
        entity.put("name", "Åse");
        entity.put("status", "shipped");
        entity.put("email", id + "@example.com");
        entity.put("items", List.of("tea", "milk"));
        return entity;
    }

    @Test
    void theSinkOptionsOnTheUriMakeTheMail() throws Exception {
        start(sink("mailFrom=Orders <orders@example.com>&recipients=a@example.com, b@example.com"
                + "&subjectTemplate=resource:classpath:mail/order-subject.j2"
                + "&bodyTemplate=resource:classpath:mail/order.html.j2"
                + "&textBodyTemplate=resource:classpath:mail/order.txt.j2"));

        Exchange done = send(0, order("42"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(1);
        MimeMessage mail = received(greenMail, 2)[0];
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Orders <orders@example.com>");
        assertThat(to(mail)).containsExactly("a@example.com", "b@example.com");
        assertThat(mail.getSubject()).isEqualTo("Order 42 is shipped");
        assertThat(mail.getHeader("Date")).hasSize(1);
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getBodyPart(0).getContent().toString().strip())
                .isEqualTo("Dear Åse, your order 42 is shipped: tea, milk.");
        assertThat(parts.getBodyPart(1).getContent().toString())
                .contains("<h1>Order 42</h1>", "<li>tea</li><li>milk</li>");
    }

    @Test
    void byDefaultTemplatesAndRecipientsComeFromTheEntity() throws Exception {
        start(sink("mailFrom=orders@example.com"));
        Map<String, Object> entity = Map.of(
                "_id",
                "1",
                "recipients",
                "x@example.com",
                "topic",
                "tea",
                "subject_template",
                "About {{ topic }}",
                "body_template",
                "<p>{{ topic }}</p>",
                "text_body_template",
                "{{ topic }}!");

        send(0, entity);

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(to(mail)).containsExactly("x@example.com");
        assertThat(mail.getSubject()).isEqualTo("About tea");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("tea!");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>tea</p>");
    }

    @Test
    void thePropertyOptionsNameOtherEntityProperties() throws Exception {
        start(sink("mailFrom=orders@example.com&recipientsProperty=emails&subjectTemplateProperty=subj"
                + "&bodyTemplateProperty=html&textBodyTemplateProperty=plain"));
        String entity = """
                {"_id": "1", "emails": ["a@example.com", "b@example.com"], "subj": "S {{ _id }}",
                 "html": "<b>B</b>", "plain": "B", "subject_template": "not this", "recipients": "not@example.com"}
                """;

        send(0, entity);

        MimeMessage mail = received(greenMail, 2)[0];
        assertThat(to(mail)).containsExactly("a@example.com", "b@example.com");
        assertThat(mail.getSubject()).isEqualTo("S 1");
        assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .isEqualTo("B");
    }

    @Test
    void recipientsPropertyMayBeACommaSeparatedString() throws Exception {
        start(sink("mailFrom=orders@example.com&recipientsProperty=emails&subjectTemplate=S&bodyTemplate=B"));

        send(0, "{\"_id\": \"1\", \"emails\": \"a@example.com, Bee <b@example.com>\"}");

        assertThat(to(received(greenMail, 2)[0])).containsExactly("a@example.com", "Bee <b@example.com>");
    }

    @ParameterizedTest
    @CsvSource({
        "subjectTemplate=S&subjectTemplateProperty=subj, subjectTemplate and subjectTemplateProperty",
        "bodyTemplate=B&bodyTemplateProperty=b, bodyTemplate and bodyTemplateProperty",
        "textBodyTemplate=T&textBodyTemplateProperty=t, textBodyTemplate and textBodyTemplateProperty",
        "recipients=a@example.com&recipientsProperty=to, recipients and recipientsProperty"
    })
    void bothFormsOfOnePairFailAtStartup(String options, String message) {
        assertThatThrownBy(() -> start(sink("mailFrom=orders@example.com&" + options)))
                .rootCause()
                .hasMessageContaining("Both " + message + " are set");
    }

    @Test
    void mailFromIsRequiredAtStartup() {
        assertThatThrownBy(() -> start(sink("recipients=a@example.com&subjectTemplate=S&bodyTemplate=B")))
                .rootCause()
                .hasMessageContaining("mailFrom is required");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anEntityWithoutATemplateOrRecipientsFailsNamingItsIdAndTheProperty() throws Exception {
        start(sink("mailFrom=orders@example.com&bodyTemplate=B"));

        Exchange noSubject = send(0, Map.of("_id", "no-subject", "recipients", "a@example.com"));
        Exchange noRecipients = send(0, Map.of("_id", "no-recipients", "subject_template", "S"));

        assertThat(noSubject.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'no-subject'")
                .hasMessageContaining("'subject_template'");
        assertThat(noRecipients.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'no-recipients'")
                .hasMessageContaining("'recipients'");
        assertThat(((EntityMailException) noRecipients.getException()).getEntityId())
                .isEqualTo("no-recipients");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aBadAddressFailsThatEntityNamingItAndWhatWasAlreadySent() throws Exception {
        start(sink("mailFrom=orders@example.com&recipientsProperty=email&subjectTemplate=S [[ _id ]]&bodyTemplate=B"));
        Map<String, Object> bad = order("bad");
        bad.put("email", "not an address@");

        Exchange done = send(0, List.of(order("ok1"), order("ok2"), bad, order("never")));

        EntityMailException failure = (EntityMailException) done.getException();
        assertThat(failure.getEntityId()).isEqualTo("bad");
        assertThat(failure.getSentEntityIds()).containsExactly("ok1", "ok2");
        assertThat(failure)
                .hasMessageContaining("Entity 'bad'")
                .hasMessageContaining("'email'")
                .hasMessageContaining("not an address@")
                .hasMessageContaining("already sent from this exchange: 2 [ok1, ok2]");
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(2);
        assertThat(Arrays.stream(received(greenMail, 2)).map(Mailbox::subject)).containsExactly("S ok1", "S ok2");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "debug        | Hi Åse, {{ missing }} {{ no such element: dict object['city'] }}!",
                "empty_string | Hi Åse,  !",
                "DEBUG        | Hi Åse, {{ missing }} {{ no such element: dict object['city'] }}!"
            })
    void unhandledVariablesRenderAsConfigured(String mode, String expected) throws Exception {
        start(sink("mailFrom=orders@example.com&recipients=a@example.com&unhandledTemplateVariableReplacement=" + mode
                + "&subjectTemplate=Hi [[ name ]], [[ missing ]] [[ address.city ]]!"
                + "&bodyTemplate=Hi [[ name ]], [[ missing ]] [[ address.city ]]!"));

        send(0, Map.of("_id", "1", "name", "Åse", "address", Map.of()));

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(mail.getSubject()).isEqualTo(expected);
        assertThat(GreenMailUtil.getBody(mail)).isNotBlank();
        assertThat(mail.getContent()).isEqualTo(expected);
    }

    @Test
    void strictFailsTheEntityNamingTheVariable() throws Exception {
        start(sink("mailFrom=orders@example.com&recipients=a@example.com&unhandledTemplateVariableReplacement=strict"
                + "&subjectTemplate=Hi [[ name ]]&bodyTemplate=Dear [[ name ]], [[ address.city ]]"));

        Exchange done = send(
                0,
                List.of(
                        Map.of("_id", "fine", "name", "A", "address", Map.of("city", "Oslo")),
                        Map.of("_id", "cityless", "name", "B", "address", Map.of())));

        assertThat(done.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'cityless'")
                .hasMessageContaining("the body")
                .hasMessageContaining("'address.city'")
                .hasMessageContaining("[fine]");
        assertThat(received(greenMail, 1)[0].getSubject()).isEqualTo("Hi A");
    }

    @Test
    void anUnknownModeFailsAtStartup() {
        assertThatThrownBy(() -> start(sink("mailFrom=a@example.com&unhandledTemplateVariableReplacement=loose")))
                .rootCause()
                .hasMessageContaining("'loose'")
                .hasMessageContaining("debug, empty_string, strict");
    }

    @Test
    void eachKindOfBodyHasItsMimeStructure() throws Exception {
        String common = "mailFrom=orders@example.com&recipientsProperty=email&subjectTemplate=S";
        start(
                sink(
                        common
                                + "&bodyTemplate=resource:classpath:mail/order.html.j2&textBodyTemplate=resource:classpath:mail/order.txt.j2"),
                sink(common + "&bodyTemplate=resource:classpath:mail/order.html.j2"),
                sink(common + "&bodyTemplate=Plain [[ order_no ]] and <no tags>"));

        send(0, order("both"));
        send(1, order("html"));
        send(2, order("plain"));

        Map<String, MimeMessage> mails = new LinkedHashMap<>();
        Arrays.stream(received(greenMail, 3)).forEach(m -> mails.put(to(m).get(0), m));
        MimeMessage both = mails.get("both@example.com");
        assertThat(both.getContentType()).startsWith("multipart/alternative");
        assertThat(((MimeMultipart) both.getContent())
                        .getBodyPart(0)
                        .getContent()
                        .toString())
                .startsWith("Dear Åse, your order both");
        MimeMessage html = mails.get("html@example.com");
        assertThat(html.getContentType()).startsWith("multipart/alternative");
        MimeMultipart htmlParts = (MimeMultipart) html.getContent();
        assertThat(htmlParts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(htmlParts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"))
                .isEqualTo("Order html\n\nDear Åse,\nyour order is shipped.\n\ntea\nmilk");
        assertThat(htmlParts.getBodyPart(1).getContentType()).startsWith("text/html");
        MimeMessage plain = mails.get("plain@example.com");
        assertThat(plain.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(plain.getContent()).isEqualTo("Plain plain and <no tags>");
    }

    @Test
    void nonAsciiSubjectsAndBodiesArriveIntactWithADate() throws Exception {
        start(sink("mailFrom=Bjørn <bjorn@example.com>&recipients=a@example.com"
                + "&subjectTemplate=[[ words ]]&bodyTemplate=<p>[[ words ]]</p>&textBodyTemplate=[[ words ]]"));
        String words = "Grüße aus Tromsø – 日本語 ✓ Ærlig";

        send(0, Map.of("_id", "1", "words", words));

        MimeMessage mail = received(greenMail, 1)[0];
        String raw = Mailbox.raw(mail);
        assertThat(raw.chars().allMatch(c -> c < 128))
                .as("the raw message is 7-bit")
                .isTrue();
        assertThat(raw).containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} ");
        assertThat(mail.getSubject()).isEqualTo(words);
        assertThat(mail.getFrom()[0].toString()).contains("bjorn@example.com");
        assertThat(((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getPersonal())
                .isEqualTo("Bjørn");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(words);
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>" + words + "</p>");
    }

    @Test
    void subjectsRenderedWithLineBreaksAreFoldedToOneLine() throws Exception {
        start(sink(
                "mailFrom=orders@example.com&recipients=a@example.com&subjectTemplate=resource:classpath:mail/order-subject.j2"
                        + "&bodyTemplate=B"));

        send(0, Map.of("_id", "1", "order_no", "4\r\n2", "status", "\nshipped\n\n"));

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(mail.getSubject()).isEqualTo("Order 4 2 is shipped");
        assertThat(mail.getHeader("Subject")).containsExactly("Order 4 2 is shipped");
    }

    @Test
    void aBatchIsOneMailPerEntityInOrder() throws Exception {
        start(sink("mailFrom=orders@example.com&recipients=a@example.com&subjectTemplate=[[ _id ]]&bodyTemplate=B"));
        ObjectMapper mapper = new ObjectMapper();

        Exchange list = send(0, List.of(Map.of("_id", "m1"), Map.of("_id", "m2"), Map.of("_id", "m3")));
        Exchange array = send(0, "[{\"_id\": \"j1\"}, {\"_id\": \"j2\"}]");
        Exchange node = send(0, mapper.readTree("[{\"_id\": \"n1\"}, {\"_id\": \"n2\"}]"));
        Exchange bytes = send(0, "{\"_id\": \"b1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(Stream.of(list, array, node, bytes).map(e -> e.getMessage().getHeader(SmtpSystemConstants.SENT)))
                .containsExactly(3, 2, 2, 1);
        assertThat(Arrays.stream(received(greenMail, 8)).map(Mailbox::subject))
                .containsExactly("m1", "m2", "m3", "j1", "j2", "n1", "n2", "b1");
    }

    @Test
    void twoHundredEntitiesInOneBatch() throws Exception {
        start(sink("mailFrom=orders@example.com&recipientsProperty=email&subjectTemplate=Order [[ order_no ]]"
                + "&bodyTemplate=resource:classpath:mail/order.html.j2"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            Map<String, Object> entity = order("o" + i);
            entity.put("email", "buyer@example.com");
            batch.add(entity);
        }

        Exchange done = send(0, batch);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(200);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SKIPPED)).isEqualTo(0);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(0);
        MimeMessage[] mails = received(greenMail, 200);
        // the batch's runs go on the pool's two connections at once: each keeps the batch's order, together they mix
        assertThat(Arrays.stream(mails).map(Mailbox::subject).toList())
                .containsExactlyInAnyOrderElementsOf(
                        batch.stream().map(e -> "Order " + e.get("order_no")).toList());
        assertThat(Arrays.stream(mails)
                        .map(m -> {
                            try {
                                return m.getMessageID();
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .distinct())
                .hasSize(200);
        assertThat(context.getComponent("smtp-system", SmtpSystemComponent.class)
                        .getCounters("sink"))
                .hasValueSatisfying(c -> assertThat(c.getSent()).isEqualTo(200));
    }

    @Test
    void deletedEntitiesAreSkippedAndCounted() throws Exception {
        start(
                sink("mailFrom=orders@example.com&recipients=a@example.com&subjectTemplate=[[ _id ]]&bodyTemplate=B"),
                sink(
                        "mailFrom=orders@example.com&recipients=a@example.com&subjectTemplate=[[ _id ]]&bodyTemplate=B&sendDeleted=true"));
        String batch = """
                [{"_id": "kept"}, {"_id": "gone", "_deleted": true}, {"_id": "string", "_deleted": "true"},
                 {"_id": "false", "_deleted": false}]
                """;

        Exchange skipping;
        try (LogCapture log = LogCapture.of("io.github.camelsmtpsystem.SmtpSystemProducer", Level.DEBUG)) {
            skipping = send(0, batch);
            assertThat(log.lines(Level.DEBUG))
                    .anySatisfy(line -> assertThat(line).contains("'gone'", "sendDeleted"));
        }
        Exchange sending = send(1, batch);

        assertThat(skipping.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(3);
        assertThat(skipping.getMessage().getHeader(SmtpSystemConstants.SKIPPED)).isEqualTo(1);
        assertThat(sending.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(4);
        assertThat(sending.getMessage().getHeader(SmtpSystemConstants.SKIPPED)).isEqualTo(0);
        assertThat(Arrays.stream(received(greenMail, 7)).map(Mailbox::subject))
                .containsExactly("kept", "string", "false", "kept", "gone", "string", "false");
        assertThat(context.getComponent("smtp-system", SmtpSystemComponent.class)
                        .getCounters("sink"))
                .hasValueSatisfying(c -> assertThat(c.getSkipped()).isEqualTo(1));
    }

    @Test
    void sesamIdentifiersAndTransitValuesRenderAsText() throws Exception {
        start(
                sink(
                        "mailFrom=orders@example.com&recipientsProperty=crm:email"
                                + "&subjectTemplate=resource:classpath:mail/sesam-subject.j2&bodyTemplate=resource:classpath:mail/sesam-body.j2"));
        String entity = """
                {"_id": "~:crm:42", "crm:name": "Åse", "crm:email": "ase@example.com", "created": "~t2024-01-02T03:04:05Z",
                 "crm:owner": "~:hr:7", "amount": "~f12.50", "tags": ["~:tag:a", "~:tag:b"], "note": "~~tilde"}
                """;

        send(0, entity);

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(to(mail)).containsExactly("ase@example.com");
        assertThat(mail.getSubject()).isEqualTo("Customer crm:42 (Åse) since 2024-01-02");
        assertThat(mail.getContent()).isEqualTo("Created 2024-01-02T03:04:05Z by hr:7: 12.50 tag:a,tag:b ~tilde");
    }

    @Test
    void aDryRunRendersValidatesAndLogsButSendsNothing() throws Exception {
        Path emls = dir.resolve("dry");
        start(sink("mailFrom=orders@example.com&recipientsProperty=email&subjectTemplate=Order [[ order_no ]]"
                + "&bodyTemplate=resource:classpath:mail/order.html.j2&dryRun=true&dryRunDirectory=" + emls));

        Exchange done;
        try (LogCapture log = LogCapture.of("io.github.camelsmtpsystem.SmtpSystemProducer", Level.INFO)) {
            done = send(0, List.of(order("d1"), order("d/2"), Map.of("_id", "del", "_deleted", true)));
            assertThat(log.lines(Level.INFO))
                    .hasSize(2)
                    .first()
                    .asString()
                    .contains("Dry run", "'d1'", "orders@example.com", "d1@example.com", "Order d1");
        }
        Map<String, Object> bad = order("bad");
        bad.put("email", "nobody");
        Exchange invalid = send(0, List.of(order("d3"), bad));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DRY_RUN)).isEqualTo(2);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(0);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SKIPPED)).isEqualTo(1);
        assertThat(invalid.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'bad'");
        assertThat(greenMail.waitForIncomingEmail(300, 1)).isFalse();
        assertThat(context.getComponent("smtp-system", SmtpSystemComponent.class)
                        .getCounters("sink"))
                .hasValueSatisfying(c -> assertThat(c.getSent()).isZero());
        try (Stream<Path> files = Files.list(emls)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactly("00001-d1.eml", "00001-d3.eml", "00002-d_2.eml");
        }
        try (InputStream in = Files.newInputStream(emls.resolve("00002-d_2.eml"))) {
            MimeMessage eml = new MimeMessage(Session.getInstance(new java.util.Properties()), in);
            assertThat(subject(eml)).isEqualTo("Order d/2");
            assertThat(to(eml)).containsExactly("d/2@example.com");
            assertThat(eml.getSentDate()).isNotNull();
        }
    }
}
