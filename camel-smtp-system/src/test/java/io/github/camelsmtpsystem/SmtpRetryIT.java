package io.github.camelsmtpsystem;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries of transient failures against Debian's aiosmtpd, made to answer 4xx and 5xx on purpose, and the read
 * timeout against a socket that never answers.
 */
class SmtpRetryIT extends SmtpServerTestSupport {

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

        org.apache.camel.Exchange done =
                template.send("direct:send", e -> e.getMessage().setBody(Map.of("_id", "once")));

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
        start(
                c -> {
                    c.setRedeliveryDelay(10);
                    c.setMaximumRedeliveries(2);
                },
                "127.0.0.1",
                down.port(),
                "recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "given-up"));

        assertThat(failure.getMessage()).contains("'given-up'", "451", "Temporary failure");
        assertThat(counters().getFailed()).isEqualTo(1);
        assertThat(down.received()).isEmpty();
    }

    @Test
    void aRejectedRecipientIsPermanentAndNamed() throws Exception {
        Aiosmtpd strict = server("--reject-rcpt", "nobody@example.com");
        start(
                c -> c.setRedeliveryDelay(10),
                "127.0.0.1",
                strict.port(),
                "recipients=to@example.com,nobody@example.com");

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
        start(
                c -> {
                    c.setReadTimeout(300);
                    c.setMaximumRedeliveries(0);
                },
                "127.0.0.1",
                silent.getLocalPort(),
                "recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "silence"));

        assertThat(failure.getMessage()).containsIgnoringCase("timed out");
    }
}
