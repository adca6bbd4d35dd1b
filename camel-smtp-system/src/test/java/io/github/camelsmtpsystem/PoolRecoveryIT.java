package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pooled connections that the server dropped meanwhile are replaced, and the mail still goes.
 */
class PoolRecoveryIT extends SmtpServerTestSupport {

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
}
