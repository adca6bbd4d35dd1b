package io.github.camelsmtpsystem.internal.cap;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import io.github.camelsmtpsystem.cap.HourlyCapStore;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every shared cap store must do, proven with real JVMs: two applications share one budget, a JVM killed with
 * SIGKILL and started again does not get a fresh one, and a short period shows the budget coming back to the second.
 * A subclass gives the store.
 */
abstract class SharedBudgetContract {

    static final int CAP = 50;
    static final Duration HOUR = Duration.ofHours(1);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    DefaultCamelContext context;
    ProducerTemplate template;
    String system;

    /** The value of the component option capStore. */
    abstract String capStore();

    /** The store, opened by the test itself, to read what the applications left there. */
    abstract HourlyCapStore openStore();

    void setSystem(TestInfo test) {
        // a budget of its own for each test: the store outlives the test
        system = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    @AfterEach
    void stopContext() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void twoJvmsShareOneBudget(TestInfo test) throws Exception {
        setSystem(test);
        try (ChildJvm first = ChildJvm.start(capStore(), port(), system, CAP, 8, 100);
                ChildJvm second = ChildJvm.start(capStore(), port(), system, CAP, 8, 100)) {
            first.go();
            second.go();
            ChildJvm.Result a = first.result();
            ChildJvm.Result b = second.result();

            assertThat(a.failed() + b.failed())
                    .as("failures: %s %s", first.output(), second.output())
                    .isZero();
            assertThat(a.sent() + b.sent()).isEqualTo(CAP);
            assertThat(a.discarded() + b.discarded()).isEqualTo(200 - CAP);
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(CAP);
        try (HourlyCapStore store = openStore()) {
            assertThat(store.used("smtp-system:" + system, HOUR)).isEqualTo(CAP);
        }
    }

    @Test
    void aJvmKilledMidRunAndStartedAgainKeepsTheBudget(TestInfo test) throws Exception {
        setSystem(test);
        int beforeKill;
        try (ChildJvm crashing = ChildJvm.start(capStore(), port(), system, CAP, 8, -1)) {
            crashing.go();
            await().atMost(Duration.ofSeconds(60)).until(() -> greenMail.getReceivedMessages().length >= 10);
            crashing.kill();
            beforeKill = greenMail.getReceivedMessages().length;
        }
        try (ChildJvm restarted = ChildJvm.start(capStore(), port(), system, CAP, 8, 200)) {
            restarted.go();
            ChildJvm.Result after = restarted.result();

            assertThat(after.failed()).as("failures: %s", restarted.output()).isZero();
            assertThat(after.sent() + after.discarded()).isEqualTo(200);
            // never more than the cap; fewer only by the mails the kill caught between their permit and the server
            assertThat(beforeKill + after.sent()).isBetween(CAP - 8, CAP);
        }
        assertThat(greenMail.getReceivedMessages().length).isBetween(CAP - 8, CAP);
        try (HourlyCapStore store = openStore()) {
            assertThat(store.used("smtp-system:" + system, HOUR)).isEqualTo(CAP);
        }
    }

    @Test
    void aShortPeriodShowsTheBudgetComingBackToTheSecond(TestInfo test) throws Exception {
        setSystem(test);
        start(3, 2000);
        long before = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(send("a" + i).getMessage().getHeader(SmtpSystemConstants.SENT))
                    .isEqualTo(1);
        }
        assertThat(send("over").getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                .isEqualTo(1);

        AtomicLong back = new AtomicLong();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    back.set(System.nanoTime());
                    return send("again").getMessage().getHeader(SmtpSystemConstants.SENT, Integer.class) == 1;
                });
        // the permits of second s come back at second s + 3: more than the 2 s period later, never before
        long millis = Duration.ofNanos(back.get() - before).toMillis();
        assertThat(millis).isBetween(2000L, 3000L + 800);
    }

    void start(int maxPerHour, long capPeriodMillis) throws Exception {
        context = new DefaultCamelContext();
        SmtpSystemComponent component = new SmtpSystemComponent();
        component.setCapStore(capStore());
        component.setCapPeriod(capPeriodMillis);
        component.setMaximumRedeliveries(1);
        component.setRedeliveryDelay(20);
        // a store that is down answers within this: the PostgreSQL pool waits this long for a connection
        component.setConnectTimeout(1000);
        context.addComponent("smtp-system", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:" + system + "?smtpServer=127.0.0.1&smtpPort=" + port() + "&maxPerHour="
                                + maxPerHour + "&mailFrom=noreply@example.com&recipients=a@example.com"
                                + "&subjectTemplate=Note [[ _id ]]&bodyTemplate=Body [[ _id ]]");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    Exchange send(String id) {
        return template.send("direct:send", e -> e.getMessage().setBody(Map.of("_id", id)));
    }

    SmtpSystemComponent component() {
        return context.getComponent("smtp-system", SmtpSystemComponent.class);
    }

    static int port() {
        return greenMail.getSmtp().getPort();
    }
}
