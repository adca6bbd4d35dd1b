package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.mail.EntityMailException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
}
