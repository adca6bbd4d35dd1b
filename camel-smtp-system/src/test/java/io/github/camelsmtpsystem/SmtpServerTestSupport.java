package io.github.camelsmtpsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The base of the tests of the connection to an SMTP server: one route {@code direct:send} to the system
 * {@code safety} on a given server, and the servers a test starts, stopped after it.
 */
abstract class SmtpServerTestSupport extends SmtpSystemTestSupport {

    static final String SINK = "mailFrom=noreply@example.com&subjectTemplate=Hello [[ _id ]]&bodyTemplate=Body";
    static final String RETRY_LOG = "org.apache.camel.processor.errorhandler";
    /** For the pipelining tests: each entity names its recipients. */
    static final String ENTITY_RECIPIENTS = "recipientsProperty=recipients";

    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        // the context first: its pooled connections say QUIT to servers that still run
        context.stop();
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    void start(Consumer<SmtpSystemComponent> configure, String host, int port, String options) throws Exception {
        configure.accept(component());
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:safety?smtpServer=" + host + "&smtpPort=" + port + "&" + SINK + "&" + options);
            }
        });
    }

    EntityMailException sendFails(Object entity) {
        CamelExecutionException e =
                catchThrowableOfType(CamelExecutionException.class, () -> template.sendBody("direct:send", entity));
        assertThat(e).as("the send should fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(EntityMailException.class);
        return (EntityMailException) e.getCause();
    }

    SystemCounters counters() {
        return component().getCounters("safety").orElseThrow();
    }

    Aiosmtpd server(String... options) throws Exception {
        Aiosmtpd server = Aiosmtpd.start(options);
        closeAfter.add(server);
        return server;
    }

    static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static SSLContextParameters trustingTestCa() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("classpath:tls/truststore.p12");
        store.setType("PKCS12");
        store.setPassword("changeit");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        return ssl;
    }
}
