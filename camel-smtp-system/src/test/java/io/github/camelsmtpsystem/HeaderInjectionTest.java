package io.github.camelsmtpsystem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.camelsmtpsystem.Mailbox.headerLines;
import static io.github.camelsmtpsystem.Mailbox.received;
import static io.github.camelsmtpsystem.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Header injection is impossible: CR/LF (and the other line breaks and control characters) in any rendered value that
 * reaches a header is folded (subject) or rejected (recipients, mailFrom), and the caller's exchange headers change
 * neither the recipients, the headers nor the mail session. Every case is checked on the message as GreenMail received
 * it: no extra header line, no extra recipient.
 */
class HeaderInjectionTest extends SmtpSystemTestSupport {

    private static final String VICTIM = "victim@example.com";
    private static final String EVIL = "evil.example";

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path dir;

    /** Starts the routes 0, 1 and 2 of the tests that send. */
    private void startSinks() throws Exception {
        start(
                // 0: entity values rendered into the subject
                sink("recipients=" + VICTIM + "&subjectTemplate=Hello [[ name ]]!&bodyTemplate=Body [[ name ]]"),
                // 1: recipients and the subject template from the entity
                sink("bodyTemplate=Body"),
                // 2: everything fixed
                sink("recipients=" + VICTIM + "&subjectTemplate=Fixed subject&bodyTemplate=Fixed body"));
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    private static String sink(String options) {
        return system("injection", greenMail, "mailFrom=sender@example.com&" + options);
    }

    static Stream<String> subjectPayloads() {
        return Stream.of(
                "x\r\nBcc: evil@evil.example",
                "x\nBcc: evil@evil.example",
                "x\rBcc: evil@evil.example",
                "x\r\nX-Injected: yes",
                "x\r\n\r\nX-Injected: the body starts here",
                "x\r\n X-Injected: a continuation line",
                "x\u0085X-Injected: yes",
                "x\u2028X-Injected: yes",
                "x\u2029X-Injected: yes",
                "x\u000bX-Injected: yes",
                "x\u000cX-Injected: yes",
                "x\u0000\r\nX-Injected: yes",
                "x%0D%0AX-Injected: yes",
                "x\\r\\nX-Injected: yes",
                "=?UTF-8?Q?x=0D=0AX-Injected:_yes?=",
                "Grüße\r\nX-Injected: yes",
                "x".repeat(200) + "\r\nX-Injected: after a long line");
    }

    @ParameterizedTest
    @MethodSource("subjectPayloads")
    void entityValuesInTheSubjectCannotAddAHeader(String payload) throws Exception {
        startSinks();
        Exchange done = send(0, Map.of("_id", "s", "name", payload));

        assertThat(done.getException()).isNull();
        MimeMessage mail = onlyTheVictimsMail();
        assertNoInjectedHeader(mail);
        assertThat(headerLines(mail))
                .filteredOn(line -> line.startsWith("Subject:"))
                .hasSize(1);
        // the header as sent, its folding undone: one line; a client may still decode an encoded-word the value held
        assertThat(mail.getHeader("Subject")).hasSize(1);
        assertThat(MimeUtility.unfold(mail.getHeader("Subject")[0]))
                .doesNotContain("\r", "\n", "\u2028", "\u0085", "\u0000");
        assertThat(mail.getSubject()).startsWith("Hello ");
    }

    @ParameterizedTest
    @MethodSource("subjectPayloads")
    void aSubjectTemplateFromTheEntityCannotAddAHeader(String payload) throws Exception {
        startSinks();
        Exchange done = send(1, Map.of("_id", "t", "recipients", VICTIM, "subject_template", "Hi " + payload));

        assertThat(done.getException()).isNull();
        assertNoInjectedHeader(onlyTheVictimsMail());
    }

    static Stream<String> recipientPayloads() {
        return Stream.of(
                VICTIM + "\r\nBcc: evil@evil.example",
                VICTIM + "\nBcc: evil@evil.example",
                VICTIM + "\rBcc: evil@evil.example",
                VICTIM + "\r\nX-Injected: yes",
                VICTIM + "\r\n\r\nbody",
                "\"Victim\r\nBcc: evil@evil.example\" <" + VICTIM + ">",
                "Victim\r\nBcc: evil@evil.example <" + VICTIM + ">",
                "=?UTF-8?Q?Victim=0D=0ABcc:_evil@evil.example?= <" + VICTIM + ">",
                "=?UTF-8?B?"
                        + java.util.Base64.getEncoder()
                                .encodeToString("V\r\nBcc: evil@evil.example".getBytes(StandardCharsets.UTF_8))
                        + "?= <" + VICTIM + ">",
                VICTIM + ", Bcc: evil@evil.example;",
                "Bcc: evil@evil.example;",
                VICTIM + "\u0085Bcc: evil@evil.example",
                VICTIM + "\u2028Bcc: evil@evil.example",
                VICTIM + "\tBcc: evil@evil.example",
                VICTIM + "\u0000Bcc: evil@evil.example",
                VICTIM + "%0D%0ABcc: evil@evil.example",
                VICTIM + ">\r\nBcc: <evil@evil.example");
    }

    static Stream<Arguments> recipientPayloadsAsStringAndList() {
        return recipientPayloads()
                .flatMap(payload ->
                        Stream.of(Arguments.of("string", payload), Arguments.of("list", List.of(VICTIM, payload))));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("recipientPayloadsAsStringAndList")
    void entityRecipientsThatCouldAddAHeaderFailTheEntity(String form, Object recipients) throws Exception {
        startSinks();
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "r");
        entity.put("recipients", recipients);
        entity.put("subject_template", "S");

        Exchange done = send(1, entity);

        assertThat(done.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'r'")
                .hasMessageContaining("'recipients'");
        // sending is synchronous: a mail sent for this exchange would be there by now
        assertThat(greenMail.getReceivedMessages()).as("nothing is sent").isEmpty();
    }

    @Test
    void severalPlainRecipientsAreStillFine() throws Exception {
        startSinks();
        send(
                1,
                Map.of(
                        "_id",
                        "ok",
                        "recipients",
                        List.of(VICTIM, "Other Person <other@example.com>"),
                        "subject_template",
                        "S"));

        MimeMessage[] mails = received(greenMail, 2);
        assertThat(to(mails[0])).containsExactly(VICTIM, "Other Person <other@example.com>");
        assertNoInjectedHeader(mails[0]);
    }

    static Stream<String> mailFromPayloads() {
        return Stream.of(
                "sender@example.com\r\nBcc: evil@evil.example",
                "sender@example.com\nX-Injected: yes",
                "sender@example.com\rX-Injected: yes",
                "\"Sender\r\nBcc: evil@evil.example\" <sender@example.com>",
                "=?UTF-8?Q?Sender=0D=0ABcc:_evil@evil.example?= <sender@example.com>",
                "sender@example.com, evil@evil.example",
                "Bcc: evil@evil.example;",
                "sender@example.com\u2028X-Injected: yes");
    }

    @ParameterizedTest
    @MethodSource("mailFromPayloads")
    void aMailFromThatCouldAddAHeaderStopsTheStartOnTheUri(String payload) {
        String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
        assertThatThrownBy(() -> start(system(
                        "from-uri",
                        greenMail,
                        "mailFrom=" + encoded + "&recipients=" + VICTIM + "&subjectTemplate=S&bodyTemplate=B")))
                .rootCause()
                .hasMessageContaining("mailFrom");
    }

    @ParameterizedTest
    @MethodSource("mailFromPayloads")
    void aMailFromThatCouldAddAHeaderStopsTheStartInASinkConfig(String payload) throws Exception {
        Path sinkFile = Files.createTempFile(dir, "sink", ".json");
        Files.writeString(
                sinkFile,
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(Map.of(
                                "type",
                                "mail",
                                "mail_from",
                                payload,
                                "recipients",
                                VICTIM,
                                "subject_template",
                                "S",
                                "body_template",
                                "B")));
        assertThatThrownBy(() -> start(system("from-file", greenMail, "sinkConfig=resource:file:" + sinkFile)))
                .rootCause()
                .hasMessageContaining("mailFrom");
    }

    @Test
    void aMailFromThatCouldAddAHeaderStopsTheStartFromJava() throws Exception {
        SmtpSystemEndpoint endpoint = context.getEndpoint(
                system("from-java", greenMail, "recipients=" + VICTIM + "&subjectTemplate=S&bodyTemplate=B"),
                SmtpSystemEndpoint.class);
        endpoint.getConfiguration().setMailFrom("sender@example.com\r\nBcc: evil@evil.example");
        assertThatThrownBy(() -> start(endpoint.getEndpointUri()))
                .rootCause()
                .hasMessageContaining("mailFrom")
                .hasMessageContaining("line break");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void callerExchangeHeadersChangeNothing() throws Exception {
        startSinks();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("To", "evil@evil.example");
        headers.put("Cc", "evil-cc@evil.example");
        headers.put("Bcc", "evil-bcc@evil.example");
        headers.put("From", "evil@evil.example");
        headers.put("Reply-To", "evil@evil.example");
        headers.put("Subject", "Injected subject");
        headers.put("X-Injected", "yes");
        headers.put("Content-Type", "text/html");
        headers.put("contentType", "text/html");
        headers.put("CamelMailAlternativeBody", "injected alternative");
        headers.put("mail.smtp.host", EVIL);
        headers.put("mail.smtp.port", "1");
        headers.put("mail.smtp.from", "bounces@evil.example");
        headers.put("mail.smtp.auth", "true");
        headers.put("mail.debug", "true");

        Exchange done = send(2, Map.of("_id", "h"), headers);

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(1);
        MimeMessage mail = onlyTheVictimsMail();
        assertNoInjectedHeader(mail);
        List<String> lines = headerLines(mail);
        assertThat(lines).contains("From: sender@example.com", "To: " + VICTIM, "Subject: Fixed subject");
        assertThat(lines)
                .noneMatch(line -> line.toLowerCase().contains(EVIL))
                .noneMatch(line -> line.startsWith("Reply-To:"));
        assertThat(lines)
                .filteredOn(line -> line.startsWith("Return-Path:"))
                .allMatch(line -> line.contains("sender@example.com"));
        assertThat(Mailbox.raw(mail)).contains("Fixed body").doesNotContain("injected alternative");
    }

    @Test
    void callerHeadersChangeNothingWhenTheEntityNamesItsRecipients() throws Exception {
        startSinks();
        Exchange done = send(
                1,
                Map.of("_id", "h2", "recipients", VICTIM, "subject_template", "S"),
                Map.of(
                        "To",
                        "evil@evil.example",
                        "Bcc",
                        "evil@evil.example",
                        "Subject",
                        "Injected",
                        "mail.smtp.host",
                        EVIL));

        assertThat(done.getException()).isNull();
        MimeMessage mail = onlyTheVictimsMail();
        assertThat(headerLines(mail)).contains("Subject: S").noneMatch(line -> line.contains(EVIL));
    }

    private static MimeMessage onlyTheVictimsMail() {
        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(to(mail)).containsExactly(VICTIM);
        assertThat(greenMail.getReceivedMessagesForDomain(EVIL)).isEmpty();
        return mail;
    }

    private static void assertNoInjectedHeader(MimeMessage mail) {
        List<String> lines = headerLines(mail);
        assertThat(lines)
                .noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4))
                .noneMatch(line -> line.regionMatches(true, 0, "X-Injected:", 0, 11))
                .noneMatch(String::isEmpty);
        String raw = Mailbox.raw(mail);
        assertThat(raw.substring(0, raw.indexOf("\r\n\r\n"))).doesNotContainPattern("(?mi)^(X-Injected|Bcc):");
    }
}
