package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * SMTP pipelining (RFC 2920) against aiosmtpd started with {@code --require-pipelining}: it offers PIPELINING and
 * refuses MAIL FROM unless RCPT TO and DATA came with it, so only a client that sends each group of commands in one
 * write gets its mail through.
 */
class PipeliningTest {

    private static final String SINK = "mailFrom=noreply@example.com&subjectTemplate=Hello [[ _id ]]&bodyTemplate=Body";

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
    void commandsGoTogetherWhenTheServerOffersPipelining() throws Exception {
        Aiosmtpd server = server("--require-pipelining");
        start(c -> c.setMaximumRedeliveries(0), server.port());

        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:send", Map.of("_id", "p" + i, "recipients", List.of("to@example.com", "cc@example.com")));
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
        start(c -> {
            c.setMaximumRedeliveries(0);
            c.setPipelining(false);
        }, server.port());

        EntityMailException failure = sendFails(Map.of("_id", "one-by-one", "recipients", "to@example.com"));

        assertThat(failure.getMessage()).contains("451", "did not pipeline");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aRefusedRecipientInAPipelinedGroupSendsNothing() throws Exception {
        Aiosmtpd server = server("--require-pipelining", "--reject-rcpt", "nobody@example.com");
        start(c -> c.setMaximumRedeliveries(0), server.port());

        EntityMailException failure = sendFails(Map.of("_id", "bounced", "recipients", List.of("to@example.com", "nobody@example.com")));
        template.sendBody("direct:send", Map.of("_id", "next", "recipients", "to@example.com"));

        assertThat(failure.getMessage()).contains("'bounced'", "550", "nobody@example.com", "no such user");
        // the server had accepted DATA for to@example.com; the mail after it is the only one that arrives
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void aRefusedSenderInAPipelinedGroupIsRetried() throws Exception {
        Aiosmtpd server = server("--require-pipelining", "--fail-mail", "1", "--fail-mail-code", "451");
        start(c -> c.setRedeliveryDelay(10), server.port());

        template.sendBody("direct:send", Map.of("_id", "later", "recipients", "to@example.com"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !server.received().isEmpty());
        assertThat(server.received()).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void aPooledConnectionTheServerDroppedIsReplacedAndTheMailStillGoes() throws Exception {
        Aiosmtpd first = server("--require-pipelining");
        start(c -> c.setMaximumRedeliveries(0), first.port());
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

    private void start(Consumer<SmtpSystemComponent> configure, int port) throws Exception {
        context = new DefaultCamelContext();
        configure.accept(context.getComponent("smtp-system", SmtpSystemComponent.class));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("smtp-system:pipelined?smtpServer=127.0.0.1&smtpPort=" + port + "&" + SINK);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private EntityMailException sendFails(Map<String, Object> entity) {
        CamelExecutionException e = catchThrowableOfType(CamelExecutionException.class, () -> template.sendBody("direct:send", entity));
        assertThat(e).as("the send should fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(EntityMailException.class);
        return (EntityMailException) e.getCause();
    }

    private Aiosmtpd server(String... options) throws Exception {
        Aiosmtpd server = Aiosmtpd.start(options);
        closeAfter.add(server);
        return server;
    }
}
