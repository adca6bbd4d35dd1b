package io.github.camelsmtpsystem.internal.health;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.github.camelsmtpsystem.LocalServers;
import io.github.camelsmtpsystem.Mailbox;
import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemTestSupport;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionSettings;
import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;
import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each system an endpoint uses gets a health check in the context's registry: UP when the server takes the system's
 * credentials, DOWN with a reason (and no password) when it does not or cannot be reached; results are cached.
 */
class SmtpSystemHealthCheckTest extends SmtpSystemTestSupport {

    @Override
    protected boolean isStartedBeforeEachTest() {
        return true;
    }

    @RegisterExtension
    static GreenMailExtension greenMail = Mailbox.serverWithUser("alice", "s3cret");

    private static final int CLOSED_PORT = LocalServers.freePort();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("smtp-system", SmtpSystemComponent.class).setHealthCheckCacheTime(0);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        int port = greenMail.getSmtp().getPort();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good")
                        .to("smtp-system:good?smtpPort=" + port
                                + "&smtpUsername=alice&smtpPassword=s3cret&mailFrom=a@b.c");
                from("direct:bad")
                        .to("smtp-system:bad?smtpPort=" + port
                                + "&smtpUsername=alice&smtpPassword=Wr0ng-pa55&mailFrom=a@b.c");
                from("direct:gone").to("smtp-system:gone?smtpPort=" + CLOSED_PORT + "&mailFrom=a@b.c");
            }
        };
    }

    @Test
    void upWhenTheServerTakesTheCredentials() {
        HealthCheck.Result result = call("good");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getCheck().getGroup()).isEqualTo("smtp-system");
        assertThat(result.getDetails())
                .containsEntry("system", "good")
                .containsEntry("server", "localhost:" + greenMail.getSmtp().getPort())
                .containsEntry("tls", "none")
                .doesNotContainKey("reason");
    }

    @Test
    void downWithoutThePasswordWhenTheServerRefusesTheCredentials() {
        HealthCheck.Result result = call("bad");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat((String) result.getDetails().get("reason"))
                .contains("refused the system's smtp_username and smtp_password");
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).doesNotContain("Wr0ng-pa55"));
        assertThat(result.getDetails().values())
                .allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("Wr0ng-pa55"));
    }

    @Test
    void downWhenTheServerCannotBeReached() {
        HealthCheck.Result result = call("gone");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat((String) result.getDetails().get("reason"))
                .startsWith("Cannot connect to the SMTP server localhost:" + CLOSED_PORT);
    }

    @Test
    void theContextHealthIsDownWhileOneSystemIsDown() {
        assertThat(HealthCheckHelper.invokeReadiness(context, "full"))
                .filteredOn(r -> "smtp-system".equals(r.getCheck().getGroup()))
                .extracting(r -> r.getCheck().getId() + "=" + r.getState())
                .containsExactlyInAnyOrder("smtp-system:good=UP", "smtp-system:bad=DOWN", "smtp-system:gone=DOWN");
        assertThat(HealthCheckHelper.invokeLiveness(context, "full"))
                .noneMatch(r -> "smtp-system".equals(r.getCheck().getGroup()));
    }

    @Test
    void aResultIsReusedForTheCacheTime() {
        SmtpSystem system = SmtpSystem.builder("counted").smtpPort(CLOSED_PORT).build();
        AtomicInteger probes = new AtomicInteger();
        SmtpConnectionProbe counting =
                new SmtpConnectionProbe(
                        system,
                        new SmtpSystemMailSender(
                                system,
                                new SmtpConnectionSettings(
                                        1000,
                                        1000,
                                        1000,
                                        1000,
                                        Set.of(465),
                                        null,
                                        null,
                                        false,
                                        true,
                                        true,
                                        true,
                                        true,
                                        null))) {
                    @Override
                    public Outcome probe() {
                        probes.incrementAndGet();
                        return new Outcome(true, null, Instant.now());
                    }
                };

        SmtpSystemHealthCheck cached = new SmtpSystemHealthCheck(system, counting, 60_000);
        cached.call();
        cached.call();
        assertThat(probes).hasValue(1);

        SmtpSystemHealthCheck uncached = new SmtpSystemHealthCheck(system, counting, 0);
        uncached.call();
        uncached.call();
        assertThat(probes).hasValue(3);
    }

    @Test
    void aHostOrUserNameFromSecretIsNotInTheResult() {
        ConfigSource file = ConfigSource.json("systems.json");
        SmtpSystem system = SmtpSystem.builder("hidden")
                .smtpServer("no-such-host-4711.invalid")
                .smtpUsername("Secret-User-8wQ")
                .smtpPassword("pw")
                .origin(SystemKey.SMTP_SERVER, file, true)
                .origin(SystemKey.SMTP_USERNAME, file, true)
                .build();
        SmtpConnectionProbe probe = new SmtpConnectionProbe(
                system,
                new SmtpSystemMailSender(
                        system,
                        new SmtpConnectionSettings(
                                1000, 1000, 1000, 1000, Set.of(465), null, null, false, true, true, true, true, null)));

        HealthCheck.Result result = new SmtpSystemHealthCheck(system, probe, 0).call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage().orElse("") + " " + result.getDetails() + " " + system)
                .contains("unknown", "******")
                .doesNotContain("no-such-host-4711")
                .doesNotContain("Secret-User-8wQ");
    }

    private HealthCheck.Result call(String systemId) {
        return HealthCheckHelper.invoke(context, SmtpSystemHealthCheck.idOf(systemId), java.util.Map.of())
                .orElseThrow(() -> new AssertionError("no health check for " + systemId));
    }
}
