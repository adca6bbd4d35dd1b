package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.smtp.PipelinedSmtpTransport;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionSettings;
import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Pipelining (RFC 2920) against Debian's aiosmtpd run with {@code --require-pipelining}: it offers PIPELINING and
 * refuses MAIL FROM unless RCPT TO and DATA came with it, so only a client that sends each group of commands in one
 * write gets its mail through.
 */
class SmtpPipeliningIT extends SmtpServerTestSupport {

    @Test
    void commandsGoTogetherWhenTheServerOffersPipelining() throws Exception {
        Aiosmtpd server = server("--require-pipelining");
        start(c -> c.setMaximumRedeliveries(0), "127.0.0.1", server.port(), ENTITY_RECIPIENTS);

        for (int i = 0; i < 3; i++) {
            template.sendBody(
                    "direct:send", Map.of("_id", "p" + i, "recipients", List.of("to@example.com", "cc@example.com")));
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
        start(
                c -> {
                    c.setMaximumRedeliveries(0);
                    c.setPipelining(false);
                },
                "127.0.0.1",
                server.port(),
                ENTITY_RECIPIENTS);

        EntityMailException failure = sendFails(Map.of("_id", "one-by-one", "recipients", "to@example.com"));

        assertThat(failure.getMessage()).contains("451", "did not pipeline");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aRefusedRecipientInAPipelinedGroupSendsNothing() throws Exception {
        Aiosmtpd server = server("--require-pipelining", "--reject-rcpt", "nobody@example.com");
        start(c -> c.setMaximumRedeliveries(0), "127.0.0.1", server.port(), ENTITY_RECIPIENTS);

        EntityMailException failure =
                sendFails(Map.of("_id", "bounced", "recipients", List.of("to@example.com", "nobody@example.com")));
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
    void aGroupThatFailsBeforeDataLeavesNothingForTheNextMailOnTheConnection() throws Exception {
        Aiosmtpd server = server("--require-pipelining");
        SmtpSystemConfig system = SmtpSystemConfig.builder("safety")
                .smtpServer("127.0.0.1")
                .smtpPort(server.port())
                .build();
        SmtpConnectionSettings settings =
                new SmtpConnectionSettings(5000, 5000, 5000, Set.of(), null, null, true, true, true, true, true, null);
        Session session = new SmtpSystemMailSender(system, settings).getSession();
        GroupFailingOnce transport = new GroupFailingOnce(session);
        transport.connect("127.0.0.1", server.port(), null, null);
        closeAfter.add(transport::close);

        Address[] to = InternetAddress.parse("to@example.com");
        Throwable failed = catchThrowable(() -> transport.sendMessage(mail(session, "first"), to));
        transport.sendMessage(mail(session, "second"), to);

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
            super(session, false, true, true);
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
}
