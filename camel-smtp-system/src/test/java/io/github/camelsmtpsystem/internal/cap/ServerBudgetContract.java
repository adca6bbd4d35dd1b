package io.github.camelsmtpsystem.internal.cap;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.SmtpSystemConstants;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a store on a server must do besides: when the server stops, mails fail (closed, never sent uncapped, never
 * discarded for it) and the health check says why; when it is back, sending resumes without a restart.
 */
abstract class ServerBudgetContract extends SharedBudgetContract {

    /** Stops the store's server, keeping its data. */
    abstract void stopServer() throws Exception;

    /** Starts the store's server again, on the same port, with the same data. */
    abstract void startServer() throws Exception;

    /** A secret the store's value holds, which must show nowhere. */
    abstract String secret();

    @Test
    void aStoppedStoreFailsMailsUntilItIsBack(TestInfo test) throws Exception {
        setSystem(test);
        start(5, 3_600_000);
        for (int i = 0; i < 3; i++) {
            assertThat(send("before" + i).getMessage().getHeader(SmtpSystemConstants.SENT))
                    .isEqualTo(1);
        }
        SystemCounters counters = component().getCounters(system).orElseThrow();
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);

        stopServer();
        try {
            for (int i = 0; i < 3; i++) {
                Exchange failed = send("during" + i);
                assertThat(failed.getException()).isInstanceOf(EntityMailException.class);
                assertThat(failed.getException().getMessage())
                        .contains("cap store", "SMTP system '" + system + "'", storeName())
                        .doesNotContain(secret());
                assertThat(failed.getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                        .isEqualTo(0);
            }
            assertThat(counters.getFailed()).isEqualTo(3);
            assertThat(counters.getDiscarded()).isZero();
            assertThat(counters.getSendsInLastHour()).isEqualTo(-1);
            HealthCheck.Result down = health();
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage())
                    .hasValueSatisfying(m -> assertThat(m).contains(storeName()).doesNotContain(secret()));
            assertThat(greenMail.getReceivedMessages()).hasSize(3);
        } finally {
            startServer();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> health().getState() == HealthCheck.State.UP);

        List<Exchange> after = List.of(send("after1"), send("after2"), send("after3"));
        assertThat(after)
                .extracting(e -> e.getMessage().getHeader(SmtpSystemConstants.SENT))
                .containsExactly(1, 1, 0);
        assertThat(after.get(2).getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                .isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(5);
        assertThat(counters.getSendsInLastHour()).isEqualTo(5);
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
    }

    /** How messages name the store: its value without secrets. */
    abstract String storeName();

    private HealthCheck.Result health() {
        return HealthCheckHelper.invoke(context, CapStoreHealthCheck.idOf(system), Map.of())
                .orElseThrow(() -> new AssertionError("no health check for the cap store of " + system));
    }
}
