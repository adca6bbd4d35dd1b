package io.github.camelsmtpsystem;

import java.util.Map;
import java.util.function.Consumer;

import io.github.camelsmtpsystem.oauth2.OAuth2Servers;
import io.github.camelsmtpsystem.oauth2.OAuth2TokenException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An https token endpoint is reached with the component's TLS trust, the same as SMTP connections: with
 * sslContextParameters that trust the test CA the mail goes through; with the JVM's default trust the certificate is
 * refused at once (a permanent failure, never retried) and nothing is sent.
 */
class OAuth2TlsIT {

    private static final String SECRET = "Client-Secret-Tl5x";
    private static final String SINK =
            "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B";

    private DefaultCamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void theTokenEndpointIsTrustedThroughTheComponentsSslContextParameters() throws Exception {
        try (OAuth2Servers servers = OAuth2Servers.start(SECRET, OAuth2Servers.tokenTls())) {
            Exchange sent = send(servers, c -> c.setSslContextParameters(SmtpServerTestSupport.trustingTestCa()));

            assertThat(sent.getException()).isNull();
            assertThat(servers.events("TOKEN")).hasSize(1);
            assertThat(servers.events("RECEIVED")).hasSize(1);
        }
    }

    @Test
    void anUntrustedTokenEndpointFailsAtOnce() throws Exception {
        try (OAuth2Servers servers = OAuth2Servers.start(SECRET, OAuth2Servers.tokenTls())) {
            Exchange failed = send(servers, c -> c.setMaximumRedeliveries(3));

            OAuth2TokenException failure = null;
            for (Throwable t = failed.getException(); t != null; t = t.getCause()) {
                failure = t instanceof OAuth2TokenException e ? e : failure;
            }
            assertThat(failure)
                    .isNotNull()
                    .hasMessageContaining("failed the TLS handshake")
                    .hasMessageContaining("sslContextParameters");
            assertThat(failure.isTransient()).isFalse();
            assertThat(servers.events("TOKEN")).isEmpty();
            assertThat(servers.events("SESSION")).isEmpty();
        }
    }

    private Exchange send(OAuth2Servers servers, Consumer<SmtpSystemComponent> settings) throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("secret", SECRET);
        SmtpSystemComponent component = context.getComponent("smtp-system", SmtpSystemComponent.class);
        component.setRedeliveryDelay(10);
        settings.accept(component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send")
                        .to("smtp-system:mail?smtpServer=127.0.0.1&smtpPort=" + servers.smtpPort()
                                + "&smtpUsername=" + OAuth2Servers.MAILBOX + "&smtpOauth2TokenUrl=" + servers.tokenUrl()
                                + "&smtpOauth2ClientId=" + OAuth2Servers.CLIENT_ID
                                + "&smtpOauth2ClientSecret=$SECRET(secret)&" + SINK);
            }
        });
        context.start();
        return context.createProducerTemplate()
                .send("direct:send", e -> e.getMessage().setBody(Map.of("_id", "1")));
    }
}
