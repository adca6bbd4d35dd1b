package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionPool;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each system keeps a few SMTP connections open and reuses them: counted on the server (aiosmtpd logs one session
 * per connection, and each client that connects and goes).
 */
class ConnectionPoolIT extends SmtpServerTestSupport {

    private static final String POOLED_SINK =
            "mailFrom=noreply@example.com&recipients=to@example.com" + "&subjectTemplate=S [[ _id ]]&bodyTemplate=B";

    @Test
    void connectionsAreReusedAcrossMessagesAndExchanges() throws Exception {
        Aiosmtpd server = server();
        start(c -> c.setConnectionPoolSize(1), server.port());

        for (int i = 0; i < 20; i++) {
            template.sendBody("direct:send", Map.of("_id", "m" + i));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 20);
        assertThat(server.sessions()).isEqualTo(1);
        assertThat(pool().getOpenConnections()).isEqualTo(1);
    }

    @Test
    void aConnectionCarriesAtMostMaxMessagesPerConnection() throws Exception {
        Aiosmtpd server = server();
        start(
                c -> {
                    c.setConnectionPoolSize(1);
                    c.setMaxMessagesPerConnection(5);
                },
                server.port());

        template.sendBody("direct:send", entities(20));

        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 20);
        assertThat(server.sessions()).isEqualTo(4);
    }

    @Test
    void withoutAPoolEveryMessageHasItsOwnConnection() throws Exception {
        Aiosmtpd server = server();
        start(c -> c.setConnectionPoolSize(0), server.port());

        template.sendBody("direct:send", entities(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() == 5);
        assertThat(server.sessions()).isEqualTo(5);
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        Aiosmtpd server = server();
        start(c -> c.setConnectionIdleTimeout(200), server.port());

        template.sendBody("direct:send", Map.of("_id", "once"));
        assertThat(pool().getOpenConnections()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> pool().getOpenConnections() == 0);
        // the server sees the client go a moment after the client closes
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.openConnections()).isZero());
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheMailStillGoes() throws Exception {
        int port = LocalServers.freePort();
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        closeAfter.add(greenMail::stop);
        start(c -> c.setMaximumRedeliveries(0), port);
        template.sendBody("direct:send", Map.of("_id", "before"));

        // the server goes away and comes back: the pooled connection is dead
        greenMail.stop();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        GreenMail restarted = greenMail;
        closeAfter.add(restarted::stop);
        template.sendBody("direct:send", Map.of("_id", "after"));

        assertThat(restarted.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(restarted.getReceivedMessages()[0].getSubject()).isEqualTo("S after");
    }

    @Test
    void aStoppedContextClosesEveryConnectionAndThread() throws Exception {
        Aiosmtpd server = server();
        start(c -> c.setConnectionPoolSize(2), server.port());
        template.sendBody("direct:send", entities(10));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.openConnections()).isPositive());
        assertThat(evictorThreads()).isPositive();

        context.stop();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.openConnections()).isZero());
        assertThat(evictorThreads()).isZero();
    }

    private void start(Consumer<SmtpSystemComponent> configure, int port) throws Exception {
        configure.accept(component());
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("smtp-system:pooled?smtpServer=127.0.0.1&smtpPort=" + port + "&" + POOLED_SINK);
            }
        });
    }

    private SmtpConnectionPool pool() {
        return context.hasServices(SmtpConnectionPool.class).iterator().next();
    }

    private static List<Map<String, Object>> entities(int count) {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entities.add(Map.of("_id", "e" + i));
        }
        return entities;
    }

    private static long evictorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("SmtpSystemConnectionEvictor"))
                .count();
    }
}
