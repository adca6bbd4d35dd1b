package io.github.camelsmtpsystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionPool;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each system keeps a few SMTP connections open and reuses them: counted on the server (aiosmtpd logs one session
 * per connection) and on this machine's socket table.
 */
class ConnectionPoolTest {

    private static final String SINK = "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S [[ _id ]]&bodyTemplate=B";

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private DefaultCamelContext context;
    private ProducerTemplate template;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

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
        start(c -> {
            c.setConnectionPoolSize(1);
            c.setMaxMessagesPerConnection(5);
        }, server.port());

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
        assertThat(establishedTo(server.port())).isZero();
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedAndTheMailStillGoes() throws Exception {
        int port = freePort();
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
        assertThat(establishedTo(server.port())).isPositive();
        assertThat(evictorThreads()).isPositive();

        context.stop();

        assertThat(establishedTo(server.port())).isZero();
        assertThat(evictorThreads()).isZero();
    }

    private void start(Consumer<SmtpSystemComponent> configure, int port) throws Exception {
        context = new DefaultCamelContext();
        configure.accept(context.getComponent("smtp-system", SmtpSystemComponent.class));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("smtp-system:pooled?smtpServer=127.0.0.1&smtpPort=" + port + "&" + SINK);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private SmtpConnectionPool pool() {
        return context.hasServices(SmtpConnectionPool.class).iterator().next();
    }

    private Aiosmtpd server() throws Exception {
        Aiosmtpd server = Aiosmtpd.start();
        closeAfter.add(server);
        return server;
    }

    private static List<Map<String, Object>> entities(int count) {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entities.add(Map.of("_id", "e" + i));
        }
        return entities;
    }

    /** Established TCP connections from this machine to port, from the kernel's socket tables (Java's are IPv6 ones). */
    private static long establishedTo(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            count += Files.readAllLines(Path.of(table)).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(f -> f[2].endsWith(hexPort) && f[3].equals("01"))
                    .count();
        }
        return count;
    }

    private static long evictorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("SmtpSystemConnectionEvictor"))
                .count();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
