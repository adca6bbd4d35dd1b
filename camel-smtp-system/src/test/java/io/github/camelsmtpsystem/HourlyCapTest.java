package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * max_per_hour: one rolling budget per system, enforced by the Throttle EIP; what is over it is logged at WARN,
 * counted and discarded, never delayed or retried.
 */
class HourlyCapTest extends SmtpSystemTestSupport {

    private static final String SINK = "mailFrom=noreply@example.com&recipients=a@example.com,b@example.com"
            + "&subjectTemplate=Note [[ _id ]]&bodyTemplate=Secret body [[ _id ]]";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // the counters are on JMX (countersAreOnJmx)
        configuration.withJMX(true);
    }

    @Test
    void overTheCapMailsAreLoggedCountedAndDiscarded() throws Exception {
        start(routes("capped", 5));
        Exchange last;
        try (LogCapture log = LogCapture.of("io.github.camelsmtpsystem.internal.route.SystemRoute", Level.WARN)) {
            for (int i = 1; i <= 8; i++) {
                last = template.send("direct:capped", e -> e.getMessage().setBody(entity("e" + e.getExchangeId())));
                assertThat(last.getException()).isNull();
            }
            List<String> warnings = log.lines(Level.WARN);
            assertThat(warnings).hasSize(3);
            assertThat(warnings.get(0))
                    .contains("'capped'", "max_per_hour of 5", "a@example.com, b@example.com", "Note e")
                    .doesNotContain("Secret body");
        }
        assertThat(distinctMails()).isEqualTo(5);
        SystemCounters counters = counters("capped");
        assertThat(counters.getSent()).isEqualTo(5);
        assertThat(counters.getDiscarded()).isEqualTo(3);
        assertThat(counters.getSendsInLastHour()).isEqualTo(5);
    }

    @Test
    void theCallersExchangeCompletesWithTheDiscardedCount() throws Exception {
        start(routes("batch", 2));
        List<Map<String, Object>> batch = List.of(entity("1"), entity("2"), entity("3"), entity("4"));

        Exchange done = template.send("direct:batch", e -> e.getMessage().setBody(batch));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(2);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(2);
    }

    @Test
    void endpointsOfOneSystemShareTheBudget() throws Exception {
        String system = "smtp-system:shared?smtpServer=127.0.0.1&smtpPort=" + port() + "&maxPerHour=3&" + SINK;
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:one").to(system);
                from("direct:two").to(system + "&subjectTemplate=Other [[ _id ]]");
            }
        });

        template.sendBody("direct:one", entity("1"));
        template.sendBody("direct:two", entity("2"));
        template.sendBody("direct:one", entity("3"));
        Exchange fourth = template.send("direct:two", e -> e.getMessage().setBody(entity("4")));

        assertThat(fourth.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(1);
        assertThat(counters("shared").getSent()).isEqualTo(3);
        assertThat(counters("shared").getDiscarded()).isEqualTo(1);
    }

    @Test
    void twoSystemsHaveBudgetsOfTheirOwn() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a")
                        .to("smtp-system:first?smtpServer=127.0.0.1&smtpPort=" + port() + "&maxPerHour=1&" + SINK);
                from("direct:b")
                        .to("smtp-system:second?smtpServer=127.0.0.1&smtpPort=" + port() + "&maxPerHour=1&" + SINK);
            }
        });

        template.sendBody("direct:a", entity("1"));
        template.sendBody("direct:b", entity("2"));
        template.sendBody("direct:a", entity("3"));

        assertThat(counters("first").getSent()).isEqualTo(1);
        assertThat(counters("first").getDiscarded()).isEqualTo(1);
        assertThat(counters("second").getSent()).isEqualTo(1);
        assertThat(counters("second").getDiscarded()).isZero();
    }

    @Test
    void theBudgetFreesUpWhenThePeriodHasPassed() throws Exception {
        component().setCapPeriod(300);
        start(routes("rolling", 2));
        template.sendBody("direct:rolling", List.of(entity("1"), entity("2"), entity("3")));
        assertThat(counters("rolling").getDiscarded()).isEqualTo(1);

        // the first two permits come back 300 ms after they were taken
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Exchange again =
                            template.send("direct:rolling", e -> e.getMessage().setBody(entity("later")));
                    return again.getMessage().getHeader(SmtpSystemConstants.SENT, Integer.class) == 1;
                });
        assertThat(counters("rolling").getSent()).isEqualTo(3);
    }

    @Test
    void concurrentProducersNeverExceedTheCap() throws Exception {
        start(routes("busy", 500));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Exchange>> sends = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String id = "c" + i;
                sends.add(threads.submit(
                        () -> template.send("direct:busy", e -> e.getMessage().setBody(entity(id)))));
            }
            int sent = 0;
            int discarded = 0;
            for (Future<Exchange> send : sends) {
                Exchange done = send.get();
                assertThat(done.getException()).isNull();
                sent += done.getMessage().getHeader(SmtpSystemConstants.SENT, Integer.class);
                discarded += done.getMessage().getHeader(SmtpSystemConstants.DISCARDED, Integer.class);
            }
            assertThat(sent).isEqualTo(500);
            assertThat(discarded).isEqualTo(1500);
        } finally {
            threads.shutdownNow();
        }
        assertThat(greenMail.waitForIncomingEmail(10_000, 1000)).isTrue();
        assertThat(distinctMails()).isEqualTo(500);
        assertThat(counters("busy").getDiscarded()).isEqualTo(1500);
    }

    @Test
    void zeroDiscardsEveryMail() throws Exception {
        start(routes("off", 0));

        Exchange done = template.send("direct:off", e -> e.getMessage().setBody(List.of(entity("1"), entity("2"))));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(2);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void discardedUriReceivesTheDiscardedMails() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dl")
                        .to("smtp-system:dl?smtpServer=127.0.0.1&smtpPort=" + port() + "&maxPerHour=1&" + SINK
                                + "&discardedUri=mock:discarded");
            }
        });
        MockEndpoint discarded = context.getEndpoint("mock:discarded", MockEndpoint.class);
        discarded.expectedMessageCount(2);

        template.sendBody("direct:dl", List.of(entity("1"), entity("2"), entity("3")));

        discarded.assertIsSatisfied();
        assertThat(discarded.getExchanges())
                .extracting(e -> e.getProperty("CamelSmtpSystemEntityId"))
                .containsExactly("2", "3");
        assertThat(discarded.getExchanges().get(0).getMessage().getBody())
                .isInstanceOf(jakarta.mail.internet.MimeMessage.class);
    }

    @Test
    void aFailedSendUsesBudgetAndIsNotDiscarded() throws Exception {
        int closedPort = port();
        greenMail.stop();
        start(routes("down", 1, closedPort));

        CamelExecutionException failure = catchThrowableOfType(
                CamelExecutionException.class, () -> template.sendBody("direct:down", entity("1")));
        Exchange second = template.send("direct:down", e -> e.getMessage().setBody(entity("2")));

        assertThat(failure.getCause()).isInstanceOf(EntityMailException.class);
        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(1);
        assertThat(counters("down").getFailed()).isEqualTo(1);
        assertThat(counters("down").getDiscarded()).isEqualTo(1);
    }

    @Test
    void countersAreOnJmx() throws Exception {
        start(routes("watched", 1));
        template.sendBody("direct:watched", List.of(entity("1"), entity("2")));

        MBeanServer server =
                context.getManagementStrategy().getManagementAgent().getMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:type=services,*"), null);
        ObjectName counters = names.stream()
                .filter(n -> n.toString().contains("SystemCounters"))
                .findFirst()
                .orElseThrow();
        assertThat(server.getAttribute(counters, "SystemId")).isEqualTo("watched");
        assertThat(server.getAttribute(counters, "Sent")).isEqualTo(1L);
        assertThat(server.getAttribute(counters, "Discarded")).isEqualTo(1L);
        assertThat(server.getAttribute(counters, "MaxPerHour")).isEqualTo(1);
    }

    private RouteBuilder routes(String system, int maxPerHour) {
        return routes(system, maxPerHour, port());
    }

    private RouteBuilder routes(String system, int maxPerHour, int port) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + system)
                        .to("smtp-system:" + system + "?smtpServer=127.0.0.1&smtpPort=" + port + "&maxPerHour="
                                + maxPerHour + "&" + SINK);
            }
        };
    }

    private SystemCounters counters(String system) {
        return component().getCounters(system).orElseThrow();
    }

    /** Mails that arrived, each counted once however many recipients it had. */
    private static long distinctMails() {
        return Arrays.stream(greenMail.getReceivedMessages())
                .map(m -> {
                    try {
                        return m.getMessageID();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct()
                .count();
    }

    private static Map<String, Object> entity(String id) {
        return Map.of("_id", id);
    }

    private static int port() {
        return greenMail.getSmtp().getPort();
    }
}
