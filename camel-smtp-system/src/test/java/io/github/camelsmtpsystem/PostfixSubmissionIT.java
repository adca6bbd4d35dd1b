package io.github.camelsmtpsystem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component against Debian's Postfix {@code smtpd} as most users meet it: STARTTLS and AUTH on a submission port,
 * offering PIPELINING, CHUNKING, 8BITMIME and SMTPUTF8 (each turned off with {@code smtpd_discard_ehlo_keywords} for
 * the fallbacks). What the client did is read from the server's log: its {@code disconnect} line counts each command
 * of a session ({@code ehlo=2 starttls=1 auth=1 mail=3 rcpt=3 bdat=3 quit=1}).
 */
class PostfixSubmissionIT extends SmtpServerTestSupport {

    private static final String SUBMISSION = "useTls=true&smtpUsername=" + Postfix.USER + "&smtpPassword=";
    private static final String TO = "to@example.com";

    @Test
    void startTlsAuthPipeliningAndChunkingDeliverEveryMailOnOneConnection() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, Postfix.PASSWORD, c -> {});

        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:send", Map.of("_id", "m" + i, "recipients", TO));
        }

        assertThat(postfix.awaitDelivered(TO, 3))
                .allSatisfy(mail -> assertThat(mail).contains("Subject: Hello m"));
        context.stop();
        // BDAT, never DATA; one sign-in for the three
        assertThat(postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("ehlo=2", "starttls=1", "auth=1", "mail=3", "rcpt=3", "bdat=3")
                .doesNotContain("data=");
        assertThat(postfix.log()).noneMatch(line -> line.contains("improper command pipelining"));
    }

    @Test
    void aBatchSplitInParallelSharesOneConnectionInRunsOfMails() throws Exception {
        Postfix postfix = postfix();
        splitInParallelTo(postfix, c -> c.setConnectionPoolSize(1));

        template.sendBody("direct:batch", batch(40));

        assertThat(counters().getSent()).isEqualTo(40);
        assertThat(postfix.awaitDelivered(TO, 40)).hasSize(40).doesNotHaveDuplicates();
        context.stop();
        // mails that waited for the connection went in runs, with RSET between their mails
        assertThat(postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("auth=1", "mail=40", "rcpt=40", "bdat=40")
                .containsPattern(" rset=[1-9]");
        assertThat(postfix.log()).noneMatch(line -> line.contains("improper command pipelining"));
    }

    @Test
    void withMailRunsOffEachMailWaitsForTheConnectionOnItsOwn() throws Exception {
        Postfix postfix = postfix();
        splitInParallelTo(postfix, c -> {
            c.setConnectionPoolSize(1);
            c.setMailRuns(false);
        });

        template.sendBody("direct:batch", batch(20));

        assertThat(postfix.awaitDelivered(TO, 20)).hasSize(20).doesNotHaveDuplicates();
        context.stop();
        // no run, so no RSET between mails
        assertThat(postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("mail=20", "bdat=20")
                .doesNotContain("rset");
    }

    @Test
    void aRunNeverMakesAConnectionCarryMoreThanMaxMessagesPerConnection() throws Exception {
        Postfix postfix = postfix();
        splitInParallelTo(postfix, c -> {
            c.setConnectionPoolSize(1);
            c.setMaxMessagesPerConnection(3);
        });

        template.sendBody("direct:batch", batch(20));

        assertThat(postfix.awaitDelivered(TO, 20)).hasSize(20);
        context.stop();
        List<String> sessions = postfix.awaitSessions(7);
        assertThat(sessions)
                .hasSize(7)
                .allSatisfy(session -> assertThat(session).containsPattern(" mail=[1-3] "));
    }

    @Test
    void aWrongPasswordSignsInOnceAndFailsForGood() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, "not-the-password", c -> c.setRedeliveryDelay(10));

        try (LogCapture retries = LogCapture.of(RETRY_LOG, Level.WARN)) {
            EntityMailException failure = sendFails(Map.of("_id", "refused", "recipients", TO));
            assertThat(failure.getMessage()).contains("'refused'", "535");
            assertThat(retries.lines(Level.WARN)).isEmpty();
        }
        assertThat(counters().getFailed()).isEqualTo(1);
        context.stop();

        // one connection, one AUTH: the count towards lockouts and fail2ban is one per failed mail
        assertThat(postfix.awaitSessions(1)).singleElement().asString().contains("auth=0/1");
        assertThat(postfix.log())
                .filteredOn(line -> line.contains("authentication failed"))
                .hasSize(1);
    }

    @Test
    void aNonAsciiAddressGoesWithSmtpUtf8ToItsOwnMailbox() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, Postfix.PASSWORD, c -> {});

        template.sendBody("direct:send", Map.of("_id", "utf8", "recipients", "åse@example.com"));
        template.sendBody("direct:send", Map.of("_id", "ascii", "recipients", TO));

        String mail = postfix.awaitDelivered("åse@example.com", 1).get(0);
        assertThat(mail).contains("To: åse@example.com");
        // ASCII mail is unchanged: no UTF-8 needed, none declared
        assertThat(postfix.awaitDelivered(TO, 1).get(0)).contains("To: to@example.com");
    }

    @Test
    void withoutSmtpUtf8ANonAsciiAddressFailsAtOnceNamingIt() throws Exception {
        Postfix postfix = postfix("smtpd_discard_ehlo_keywords = smtputf8");
        submitTo(postfix, Postfix.PASSWORD, c -> c.setRedeliveryDelay(10));

        try (LogCapture retries = LogCapture.of(RETRY_LOG, Level.WARN)) {
            EntityMailException failure = sendFails(Map.of("_id", "åse", "recipients", "åse@example.com"));
            assertThat(failure.getMessage()).contains("åse@example.com", "SMTPUTF8");
            assertThat(retries.lines(Level.WARN)).isEmpty();
        }
        template.sendBody("direct:send", Map.of("_id", "ascii", "recipients", TO));

        assertThat(postfix.awaitDelivered(TO, 1)).singleElement().asString().contains("Subject: Hello ascii");
        // no raw 8-bit byte reached the server
        assertThat(postfix.log()).noneMatch(line -> line.contains("bad UTF-8"));
        assertThat(postfix.delivered("åse@example.com")).isEmpty();
    }

    @Test
    void withoutSmtpUtf8ADomainOutsideAsciiGoesInItsAsciiForm() throws Exception {
        Postfix postfix = postfix("smtpd_discard_ehlo_keywords = smtputf8");
        submitTo(postfix, Postfix.PASSWORD, c -> {});

        template.sendBody("direct:send", Map.of("_id", "idn", "recipients", "to@exämple.com"));

        // IDNA (RFC 5891): the same mailbox, in envelope and header
        assertThat(postfix.awaitDelivered("to@xn--exmple-cua.com", 1).get(0)).contains("To: to@xn--exmple-cua.com");
    }

    @Test
    void withSmtpUtf8OffANonAsciiAddressFailsNamingTheOption() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, Postfix.PASSWORD, c -> c.setSmtputf8(false));

        EntityMailException failure = sendFails(Map.of("_id", "åse", "recipients", "åse@example.com"));

        assertThat(failure.getMessage()).contains("åse@example.com", "smtputf8=false");
        assertThat(postfix.delivered("åse@example.com")).isEmpty();
    }

    @Test
    void withoutChunkingMailsGoWithData() throws Exception {
        Postfix postfix = postfix("smtpd_discard_ehlo_keywords = chunking");
        submitTo(postfix, Postfix.PASSWORD, c -> {});

        template.sendBody("direct:send", Map.of("_id", "d0", "recipients", TO));
        template.sendBody("direct:send", Map.of("_id", "d1", "recipients", List.of(TO, "cc@example.com")));

        postfix.awaitDelivered(TO, 2);
        postfix.awaitDelivered("cc@example.com", 1);
        context.stop();
        assertThat(postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("data=2")
                .doesNotContain("bdat");
    }

    @Test
    void withChunkingOffMailsGoWithData() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, Postfix.PASSWORD, c -> c.setChunking(false));

        template.sendBody("direct:send", Map.of("_id", "d0", "recipients", TO));

        postfix.awaitDelivered(TO, 1);
        context.stop();
        assertThat(postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("data=1")
                .doesNotContain("bdat");
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
        Postfix postfix = postfix("smtpd_discard_ehlo_keywords = pipelining");
        submitTo(postfix, Postfix.PASSWORD, c -> {});

        template.sendBody("direct:send", Map.of("_id", "p0", "recipients", TO));
        template.sendBody("direct:send", Map.of("_id", "p1", "recipients", List.of(TO, "cc@example.com")));

        postfix.awaitDelivered(TO, 2);
        postfix.awaitDelivered("cc@example.com", 1);
        // Postfix logs a client that sends a command before the reply to the last one when it did not offer PIPELINING
        assertThat(postfix.log()).noneMatch(line -> line.contains("improper command pipelining"));
    }

    @Test
    void aRefusedRecipientWithBdatDeliversNothing() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, Postfix.PASSWORD, c -> c.setMaximumRedeliveries(0));

        EntityMailException alone = sendFails(Map.of("_id", "alone", "recipients", "nobody@example.com"));
        EntityMailException withOthers =
                sendFails(Map.of("_id", "others", "recipients", List.of(TO, "nobody@example.com")));
        template.sendBody("direct:send", Map.of("_id", "next", "recipients", TO));

        assertThat(alone.getMessage()).contains("'alone'", "550", "nobody@example.com");
        assertThat(withOthers.getMessage()).contains("'others'", "550", "nobody@example.com");
        // the accepted recipient of the second mail gets nothing: only the third mail arrives, after the other two
        assertThat(postfix.awaitDelivered(TO, 1)).singleElement().asString().contains("Subject: Hello next");
    }

    @Test
    void aSubjectThatLooksLikeAnEncodedWordReachesReadersAsWritten() throws Exception {
        Postfix postfix = postfix();
        submitTo(postfix, Postfix.PASSWORD, c -> {});

        template.sendBody("direct:send", Map.of("_id", "=?utf-8?q?caf=C3=A9?=", "recipients", TO));

        String raw = postfix.awaitDelivered(TO, 1).get(0);
        MimeMessage read = new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.getSubject()).isEqualTo("Hello =?utf-8?q?caf=C3=A9?=");
    }

    @Test
    void aBodyOutsideAsciiGoesUnencodedWhenTheServerOffers8BitMime() throws Exception {
        Postfix postfix = postfix();
        startWithBodies(postfix, c -> {});

        template.sendBody("direct:0", Map.of("_id", "8bit", "body", "Grüße fra Tromsø ✓"));

        String raw = postfix.awaitDelivered(TO, 1).get(0);
        assertThat(raw).contains("Content-Transfer-Encoding: 8bit", "Grüße fra Tromsø ✓");
    }

    @Test
    void withoutThe8BitMimeOfferABodyOutsideAsciiIsEncoded() throws Exception {
        Postfix postfix = postfix("smtpd_discard_ehlo_keywords = 8bitmime");
        startWithBodies(postfix, c -> {});

        template.sendBody("direct:0", Map.of("_id", "qp", "body", "Grüße fra Tromsø ✓"));

        String raw = postfix.awaitDelivered(TO, 1).get(0);
        assertThat(raw).contains("Content-Transfer-Encoding: quoted-printable").doesNotContain("Grüße");
    }

    private void startWithBodies(Postfix postfix, Consumer<SmtpSystemComponent> configure) throws Exception {
        component().setSslContextParameters(trustingTestCa());
        configure.accept(component());
        start("smtp-system:bodies?smtpServer=localhost&smtpPort=" + postfix.port() + "&" + SUBMISSION + Postfix.PASSWORD
                + "&mailFrom=noreply@example.com&recipients=" + TO
                + "&subjectTemplate=Hello [[ _id ]]&bodyTemplateProperty=body");
    }

    /** As the component's documentation shows it: a batch split with parallel processing, ten threads. */
    private void splitInParallelTo(Postfix postfix, Consumer<SmtpSystemComponent> configure) throws Exception {
        component().setSslContextParameters(trustingTestCa());
        configure.accept(component());
        String endpoint = "smtp-system:safety?smtpServer=localhost&smtpPort=" + postfix.port() + "&" + SINK + "&"
                + SUBMISSION + Postfix.PASSWORD + "&" + ENTITY_RECIPIENTS;
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:batch").split(body()).parallelProcessing().to(endpoint);
            }
        });
    }

    private static List<Map<String, Object>> batch(int mails) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            batch.add(Map.of("_id", "b" + i, "recipients", TO));
        }
        return batch;
    }

    private Postfix postfix(String... settings) throws Exception {
        Postfix postfix = Postfix.start(settings);
        closeAfter.add(postfix);
        return postfix;
    }

    private void submitTo(Postfix postfix, String password, Consumer<SmtpSystemComponent> configure) throws Exception {
        start(
                c -> {
                    c.setSslContextParameters(trustingTestCa());
                    configure.accept(c);
                },
                "localhost",
                postfix.port(),
                SUBMISSION + password + "&" + ENTITY_RECIPIENTS);
    }
}
