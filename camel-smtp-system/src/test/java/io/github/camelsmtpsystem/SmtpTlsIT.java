package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.mail.EntityMailException;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * TLS to the SMTP server, against real servers: GreenMail's SMTPS for implicit TLS with the test CA, Debian's
 * aiosmtpd for STARTTLS; and no password in clear text to another machine.
 */
class SmtpTlsIT extends SmtpServerTestSupport {

    @RegisterExtension
    static GreenMailExtension smtps = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    @Test
    void implicitTlsWithThePrivateCaTrustStore() throws Exception {
        start(
                c -> {
                    c.setImplicitTlsPorts(Integer.toString(smtps.getSmtps().getPort()));
                    c.setSslContextParameters(trustingTestCa());
                },
                "localhost",
                smtps.getSmtps().getPort(),
                "useTls=true&recipients=to@example.com");

        template.sendBody("direct:send", Map.of("_id", "tls"));

        assertThat(smtps.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("Hello tls");
    }

    @Test
    void implicitTlsFailsWithoutTheTrustStoreAndIsNotRetried() throws Exception {
        start(
                c -> c.setImplicitTlsPorts(Integer.toString(smtps.getSmtps().getPort())),
                "localhost",
                smtps.getSmtps().getPort(),
                "useTls=true&recipients=to@example.com");

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
        start(
                c -> {
                    c.setImplicitTlsPorts(Integer.toString(smtps.getSmtps().getPort()));
                    c.setSslContextParameters(trustingTestCa());
                },
                "127.0.0.1",
                smtps.getSmtps().getPort(),
                "useTls=true&recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "wrong-host"));

        // the same trust store passes for localhost (implicitTlsWithThePrivateCaTrustStore): the name is what fails,
        // and the message says so, not a certification path from a second try with the JVM's trust store
        assertThat(failure.getMessage())
                .contains("'wrong-host'", "127.0.0.1", "does not name the host 127.0.0.1")
                .doesNotContainIgnoringCase("certification path");
        assertThat(smtps.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsIsUsedWhenTheServerOffersIt() throws Exception {
        Aiosmtpd server = server(concat(Aiosmtpd.starttls(), "--auth", "mailer:pw-over-tls"));
        start(
                c -> c.setSslContextParameters(trustingTestCa()),
                "localhost",
                server.port(),
                "useTls=true&smtpUsername=mailer&smtpPassword=pw-over-tls&recipients=to@example.com");

        template.sendBody("direct:send", Map.of("_id", "starttls"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void startTlsIsRequiredNeverAPlainTextFallback() throws Exception {
        Aiosmtpd plain = server();
        start(
                c -> c.setSslContextParameters(trustingTestCa()),
                "localhost",
                plain.port(),
                "useTls=true&recipients=to@example.com");

        EntityMailException failure = sendFails(Map.of("_id", "no-starttls"));

        assertThat(failure.getMessage()).contains("STARTTLS");
        assertThat(plain.received()).isEmpty();
    }

    @Test
    void aPasswordIsNotSentInClearTextToAnotherMachine() {
        // 192.0.2.1 is TEST-NET-1: the check happens at startup, nothing connects
        Throwable failure = catchThrowable(
                () -> start(c -> {}, "192.0.2.1", 25, "smtpUsername=u&smtpPassword=p&recipients=to@example.com"));

        assertThat(rootCause(failure))
                .isInstanceOf(SmtpSystemConfigException.class)
                .hasMessageContaining("clear text")
                .hasMessageContaining("192.0.2.1")
                .hasMessageContaining("allowPlaintextAuth")
                .hasMessageNotContaining("=p");
    }

    @Test
    void plainTextAuthenticationCanBeAllowedForATrustedNetwork() throws Exception {
        start(
                c -> c.setAllowPlaintextAuth(true),
                "192.0.2.1",
                25,
                "smtpUsername=u&smtpPassword=p&recipients=to@example.com");

        assertThat(context.getStatus().isStarted()).isTrue();
    }
}
