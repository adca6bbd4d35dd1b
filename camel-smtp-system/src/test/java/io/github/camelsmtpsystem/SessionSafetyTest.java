package io.github.camelsmtpsystem;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.internal.smtp.PipelinedSmtpTransport;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionSettings;
import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The connection to the SMTP server, against real servers: GreenMail's SMTPS for implicit TLS, Debian's aiosmtpd
 * for STARTTLS and for replies GreenMail never gives (4xx, a 550 for one recipient), a socket that never answers.
 * For pipelining (RFC 2920), aiosmtpd runs with {@code --require-pipelining}: it offers PIPELINING and refuses MAIL
 * FROM unless RCPT TO and DATA came with it, so only a client that sends each group of commands in one write gets its
 * mail through.
 */
class SessionSafetyTest {

    private static final String SINK = "mailFrom=noreply@example.com&subjectTemplate=Hello [[ _id ]]&bodyTemplate=Body";
    private static final String RETRY_LOG = "org.apache.camel.processor.errorhandler";
    /** For the pipelining tests: each entity names its recipients. */
    private static final String ENTITY_RECIPIENTS = "recipientsProperty=recipients";

    @RegisterExtension
    static GreenMailExtension smtps = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private DefaultCamelContext context;
    private ProducerTemplate template;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    @Test
    void implicitTlsWithThePrivateCaTrustStore() throws Exception {
        start(c -> {
            c.setImplicitTlsPorts(Integer.toString(smtps.getSmtps().getPort()));
            c.setSslContextParameters(trustingTestCa());
        }, "localhost", smtps.getSmtps().getPort(), "useTls=true&recipients=to@example.com");

        template.sendBody("direct:send", Map.of("_id", "tls"));

        assertThat(smtps.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("Hello tls");
    }

    @Test
    void implicitTlsFailsWithoutTheTrustStoreAndIsNotRetried() throws Exception {
        start(c -> c.setImplicitTlsPorts(Integer.toString(smtps.getSmtps().getPort())),
                "localhost", smtps.getSmtps().getPort(), "useTls=true&recipients=to@example.com");

        try (LogCapture retries = LogCapture.of(RETRY_LOG, Level.WARN)) {
            EntityMailException failure = sendFails(Map.of("_id", "untrusted"));
            assertThat(failure.getMessage()).contains("'untrusted'").containsIgnoringCase("certification path");
            assertThat(retries.lines(Level.WARN)).isEmpty();
        }
        assertThat(smtps.getReceivedMessages()).isEmpty();
        assertThat(counters().getFailed()).isEqualTo(1);
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        // the test certificate names localhost, not 127.0.0.1
        start(c -> {
            c.setImplicitTlsPorts(Integer.toString(smtps.getSmtps().getPort()));
            c.setSslContextParameters(trustingTestCa());
        }, "127.0.0.1", smtps.getSmtps().getPort(), "useTls=true&recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "wrong-host"));

        // the same trust store passes for localhost (implicitTlsWithThePrivateCaTrustStore): the name is what fails
        assertThat(failure.getMessage()).contains("'wrong-host'", "127.0.0.1");
        assertThat(smtps.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsIsUsedWhenTheServerOffersIt() throws Exception {
        Aiosmtpd server = server(concat(Aiosmtpd.starttls(), "--auth", "mailer:pw-over-tls"));
        start(c -> c.setSslContextParameters(trustingTestCa()), "localhost", server.port(),
                "useTls=true&smtpUsername=mailer&smtpPassword=pw-over-tls&recipients=to@example.com");

        template.sendBody("direct:send", Map.of("_id", "starttls"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void startTlsIsRequiredNeverAPlainTextFallback() throws Exception {
        Aiosmtpd plain = server();
        start(c -> c.setSslContextParameters(trustingTestCa()), "localhost", plain.port(), "useTls=true&recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "no-starttls"));

        assertThat(failure.getMessage()).contains("STARTTLS");
        assertThat(plain.received()).isEmpty();
    }

    @Test
    void transientRepliesAreRetriedAndTheMailArrivesOnce() throws Exception {
        Aiosmtpd flaky = server("--fail-data", "2", "--fail-data-code", "451");
        start(c -> c.setRedeliveryDelay(10), "127.0.0.1", flaky.port(), "recipients=to@example.com");

        try (LogCapture retries = LogCapture.of(RETRY_LOG, Level.WARN)) {
            template.sendBody("direct:send", Map.of("_id", "flaky"));
            assertThat(retries.lines(Level.WARN)).hasSize(2).allMatch(line -> line.contains("451"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !flaky.received().isEmpty());
        assertThat(flaky.received()).containsExactly("noreply@example.com to@example.com");
        assertThat(counters().getSent()).isEqualTo(1);
        assertThat(counters().getSendsInLastHour()).isEqualTo(1);
    }

    @Test
    void retriesDoNotDrawFromTheHourlyBudgetAgain() throws Exception {
        // with a budget of one mail, a retry that took another permit would be discarded
        Aiosmtpd flaky = server("--fail-data", "2");
        start(c -> c.setRedeliveryDelay(10), "127.0.0.1", flaky.port(), "recipients=to@example.com&maxPerHour=1");

        org.apache.camel.Exchange done = template.send("direct:send", e -> e.getMessage().setBody(Map.of("_id", "once")));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(1);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> !flaky.received().isEmpty());
        assertThat(counters().getDiscarded()).isZero();
    }

    @Test
    void a421ServiceNotAvailableIsRetriedToo() throws Exception {
        Aiosmtpd busy = server("--fail-mail", "2", "--fail-mail-code", "421");
        start(c -> c.setRedeliveryDelay(10), "127.0.0.1", busy.port(), "recipients=to@example.com");

        template.sendBody("direct:send", Map.of("_id", "busy"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !busy.received().isEmpty());
        assertThat(busy.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void transientFailuresThatDoNotEndSurfaceAfterTheRetries() throws Exception {
        Aiosmtpd down = server("--fail-data", "100");
        start(c -> {
            c.setRedeliveryDelay(10);
            c.setMaximumRedeliveries(2);
        }, "127.0.0.1", down.port(), "recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "given-up"));

        assertThat(failure.getMessage()).contains("'given-up'", "451", "Temporary failure");
        assertThat(counters().getFailed()).isEqualTo(1);
        assertThat(down.received()).isEmpty();
    }

    @Test
    void aRejectedRecipientIsPermanentAndNamed() throws Exception {
        Aiosmtpd strict = server("--reject-rcpt", "nobody@example.com");
        start(c -> c.setRedeliveryDelay(10), "127.0.0.1", strict.port(), "recipients=to@example.com,nobody@example.com");

        try (LogCapture retries = LogCapture.of(RETRY_LOG, Level.WARN)) {
            EntityMailException failure = sendFails(Map.of("_id", "bounced"));
            assertThat(failure.getEntityId()).isEqualTo("bounced");
            assertThat(failure.getMessage()).contains("550", "nobody@example.com", "no such user");
            assertThat(retries.lines(Level.WARN)).isEmpty();
        }
        assertThat(strict.received()).isEmpty();
    }

    @Test
    void aServerThatSaysNothingCannotHangTheRoute() throws Exception {
        ServerSocket silent = new ServerSocket(0);
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException closed) {
                // test over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        closeAfter.add(silent);
        start(c -> {
            c.setReadTimeout(300);
            c.setMaximumRedeliveries(0);
        }, "127.0.0.1", silent.getLocalPort(), "recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "silence"));

        assertThat(failure.getMessage()).containsIgnoringCase("timed out");
    }

    @Test
    void aPasswordIsNotSentInClearTextToAnotherMachine() {
        // 192.0.2.1 is TEST-NET-1: the check happens at startup, nothing connects
        Throwable failure = catchThrowable(() -> start(c -> {
        }, "192.0.2.1", 25, "smtpUsername=u&smtpPassword=p&recipients=to@example.com"));

        assertThat(rootOf(failure)).isInstanceOf(SmtpSystemConfigException.class)
                .hasMessageContaining("clear text").hasMessageContaining("192.0.2.1").hasMessageContaining("allowPlaintextAuth")
                .hasMessageNotContaining("=p");
    }

    @Test
    void plainTextAuthenticationCanBeAllowedForATrustedNetwork() throws Exception {
        start(c -> c.setAllowPlaintextAuth(true), "192.0.2.1", 25, "smtpUsername=u&smtpPassword=p&recipients=to@example.com");

        assertThat(context.getStatus().isStarted()).isTrue();
    }

    @Test
    void commandsGoTogetherWhenTheServerOffersPipelining() throws Exception {
        Aiosmtpd server = server("--require-pipelining");
        start(c -> c.setMaximumRedeliveries(0), "127.0.0.1", server.port(), ENTITY_RECIPIENTS);

        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:send", Map.of("_id", "p" + i, "recipients", List.of("to@example.com", "cc@example.com")));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 3);
        assertThat(server.received()).containsOnly("noreply@example.com to@example.com,cc@example.com");
        // all three on one pooled connection
        assertThat(server.sessions()).isEqualTo(1);
    }

    @Test
    void withPipeliningOffEachCommandWaitsForItsReply() throws Exception {
        // the server's check in action: a client that waits for each reply sends MAIL FROM alone
        Aiosmtpd server = server("--require-pipelining");
        start(c -> {
            c.setMaximumRedeliveries(0);
            c.setPipelining(false);
        }, "127.0.0.1", server.port(), ENTITY_RECIPIENTS);

        EntityMailException failure = sendFails(Map.of("_id", "one-by-one", "recipients", "to@example.com"));

        assertThat(failure.getMessage()).contains("451", "did not pipeline");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aRefusedRecipientInAPipelinedGroupSendsNothing() throws Exception {
        Aiosmtpd server = server("--require-pipelining", "--reject-rcpt", "nobody@example.com");
        start(c -> c.setMaximumRedeliveries(0), "127.0.0.1", server.port(), ENTITY_RECIPIENTS);

        EntityMailException failure = sendFails(Map.of("_id", "bounced", "recipients", List.of("to@example.com", "nobody@example.com")));
        template.sendBody("direct:send", Map.of("_id", "next", "recipients", "to@example.com"));

        assertThat(failure.getMessage()).contains("'bounced'", "550", "nobody@example.com", "no such user");
        // the server had accepted DATA for to@example.com; the mail after it is the only one that arrives
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void aRefusedSenderInAPipelinedGroupIsRetried() throws Exception {
        Aiosmtpd server = server("--require-pipelining", "--fail-mail", "1", "--fail-mail-code", "451");
        start(c -> c.setRedeliveryDelay(10), "127.0.0.1", server.port(), ENTITY_RECIPIENTS);

        template.sendBody("direct:send", Map.of("_id", "later", "recipients", "to@example.com"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void aPooledConnectionTheServerDroppedIsReplacedAndTheMailStillGoes() throws Exception {
        Aiosmtpd first = server("--require-pipelining");
        start(c -> c.setMaximumRedeliveries(0), "127.0.0.1", first.port(), ENTITY_RECIPIENTS);
        template.sendBody("direct:send", Map.of("_id", "before", "recipients", "to@example.com"));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.received().size() == 1);

        // the server restarts: the pooled connection is dead, which the pipelined MAIL FROM finds out
        first.close();
        Aiosmtpd restarted = Aiosmtpd.startOn(first.port(), "--require-pipelining");
        closeAfter.add(restarted);
        template.sendBody("direct:send", Map.of("_id", "after", "recipients", "to@example.com"));

        await().atMost(Duration.ofSeconds(5)).until(() -> restarted.received().size() == 1);
        assertThat(restarted.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void aGroupThatFailsBeforeDataLeavesNothingForTheNextMailOnTheConnection() throws Exception {
        Aiosmtpd server = server("--require-pipelining");
        SmtpSystemConfig system = SmtpSystemConfig.builder("safety").smtpServer("127.0.0.1").smtpPort(server.port()).build();
        SmtpConnectionSettings settings = new SmtpConnectionSettings(5000, 5000, 5000, Set.of(), null, null, true);
        Session session = new SmtpSystemMailSender(system, settings).getSession();
        GroupFailingOnce transport = new GroupFailingOnce(session);
        transport.connect("127.0.0.1", server.port(), null, null);
        closeAfter.add(transport::close);

        Throwable failed = catchThrowable(() -> transport.sendMessage(mail(session, "first"), InternetAddress.parse("to@example.com")));
        transport.sendMessage(mail(session, "second"), InternetAddress.parse("to@example.com"));

        assertThat(transport.isPipelining()).isTrue();
        assertThat(failed).hasMessageContaining("after MAIL FROM");
        // the first group's MAIL FROM, held back for its group, never reaches the server: the second mail goes alone
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
        assertThat(server.sessions()).isEqualTo(1);
    }

    /** A pipelined connection whose first group fails after MAIL FROM was written and before DATA. */
    private static final class GroupFailingOnce extends PipelinedSmtpTransport {
        private boolean failed;

        GroupFailingOnce(Session session) {
            super(session, false);
        }

        @Override
        protected void rcptTo() throws MessagingException {
            if (!failed) {
                failed = true;
                throw new MessagingException("The group failed after MAIL FROM");
            }
            super.rcptTo();
        }
    }

    private static MimeMessage mail(Session session, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("noreply@example.com");
        message.setRecipients(Message.RecipientType.TO, "to@example.com");
        message.setSubject(subject);
        message.setText("Body");
        return message;
    }

    private void start(Consumer<SmtpSystemComponent> configure, String host, int port, String options) throws Exception {
        context = new DefaultCamelContext();
        SmtpSystemComponent component = context.getComponent("smtp-system", SmtpSystemComponent.class);
        configure.accept(component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("smtp-system:safety?smtpServer=" + host + "&smtpPort=" + port + "&" + SINK + "&" + options);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private EntityMailException sendFails(Map<String, Object> entity) {
        CamelExecutionException e = catchThrowableOfType(CamelExecutionException.class, () -> template.sendBody("direct:send", entity));
        assertThat(e).as("the send should fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(EntityMailException.class);
        return (EntityMailException) e.getCause();
    }

    private SystemCounters counters() {
        return context.getComponent("smtp-system", SmtpSystemComponent.class).getCounters("safety").orElseThrow();
    }

    private Aiosmtpd server(String... options) throws Exception {
        Aiosmtpd server = Aiosmtpd.start(options);
        closeAfter.add(server);
        return server;
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static SSLContextParameters trustingTestCa() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("classpath:tls/truststore.p12");
        store.setType("PKCS12");
        store.setPassword("changeit");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
