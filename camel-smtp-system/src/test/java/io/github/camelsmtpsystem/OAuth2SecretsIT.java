package io.github.camelsmtpsystem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.internal.health.SmtpSystemHealthCheck;
import io.github.camelsmtpsystem.oauth2.OAuth2Servers;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through whole XOAUTH2 sign-ins against a real token endpoint and SMTP server (tokens fetched, one rejected and
 * replaced, a wrong client secret, the health check), no client secret, refresh token or access token (nor the SASL
 * XOAUTH2 response that carries it) appears in a log line at any level, TRACE included, an exception, a
 * {@code toString()}, an endpoint URI, a health check result or a JMX attribute.
 */
class OAuth2SecretsIT {

    private static final String SECRET = "Client-Secret-8fW2n";
    private static final String REFRESH_TOKEN = "Refresh-Token-1qA9z";
    private static final String SINK =
            "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B";

    @Test
    void noSecretOrTokenAnywhere() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> tokens;
        try (OAuth2Servers servers = OAuth2Servers.start(SECRET, "--refresh-token", REFRESH_TOKEN)) {
            String system = "smtpServer=127.0.0.1&smtpPort=" + servers.smtpPort() + "&smtpUsername="
                    + OAuth2Servers.MAILBOX + "&smtpOauth2TokenUrl=" + servers.tokenUrl() + "&smtpOauth2ClientId="
                    + OAuth2Servers.CLIENT_ID;
            DefaultCamelContext context = new DefaultCamelContext();
            try (LogCapture log = LogCapture.everything()) {
                context.getPropertiesComponent().addInitialProperty("secret", SECRET);
                context.getPropertiesComponent().addInitialProperty("wrong-secret", "Wr0ng-" + SECRET);
                context.getPropertiesComponent().addInitialProperty("refresh-token", REFRESH_TOKEN);
                SmtpSystemComponent component = context.getComponent("smtp-system", SmtpSystemComponent.class);
                component.setMaximumRedeliveries(0);
                component.setMaxMessagesPerConnection(1);
                component.setHealthCheckCacheTime(0);
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:refresh")
                                .to("smtp-system:refresh?" + system + "&smtpOauth2ClientSecret=$SECRET(secret)"
                                        + "&smtpOauth2RefreshToken=$SECRET(refresh-token)&smtpOauth2ClientAuth=basic&"
                                        + SINK);
                        from("direct:client")
                                .to("smtp-system:client?" + system + "&smtpOauth2ClientSecret=$SECRET(secret)&" + SINK);
                        from("direct:wrong")
                                .to("smtp-system:wrong?" + system + "&smtpOauth2ClientSecret=$SECRET(wrong-secret)&"
                                        + SINK);
                    }
                });
                context.start();
                ProducerTemplate template = context.createProducerTemplate();

                assertThat(template.send("direct:refresh", e -> e.getMessage().setBody(Map.of("_id", "1")))
                                .getException())
                        .isNull();
                assertThat(template.send("direct:client", e -> e.getMessage().setBody(Map.of("_id", "2")))
                                .getException())
                        .isNull();
                servers.revokeTokens();
                assertThat(template.send("direct:client", e -> e.getMessage().setBody(Map.of("_id", "3")))
                                .getException())
                        .isNull();
                Exchange refused =
                        template.send("direct:wrong", e -> e.getMessage().setBody(Map.of("_id", "4")));
                assertThat(refused.getException()).isNotNull();

                for (Throwable t = refused.getException(); t != null; t = t.getCause()) {
                    seen.add(t.toString());
                }
                for (String id : List.of("refresh", "client", "wrong")) {
                    HealthCheck.Result health = HealthCheckHelper.invoke(
                                    context, SmtpSystemHealthCheck.idOf(id), Map.of())
                            .orElseThrow();
                    seen.add(health.getState() + " " + health.getDetails() + " "
                            + health.getMessage().orElse(""));
                    seen.add(component.getSystem(id).toString());
                }
                for (Endpoint endpoint : context.getEndpoints()) {
                    seen.add(endpoint.getEndpointUri());
                    seen.add(endpoint.toString());
                }
                seen.addAll(SecretsTest.jmxAttributes());
                seen.addAll(log.lines());
            } finally {
                context.stop();
            }
            // the revoked tokens: the one mail 3 found cached, then the one the health check of "refresh" found
            assertThat(servers.events("AUTH-REJECTED"))
                    .containsExactly(OAuth2Servers.MAILBOX + " 2", OAuth2Servers.MAILBOX + " 1");
            assertThat(servers.events("RECEIVED")).hasSize(3);
            tokens = servers.issuedTokens();
        }

        String all = String.join("\n", seen);
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
        assertThat(all)
                .contains("invalid_client")
                .contains("TRACE ")
                .doesNotContain(SECRET)
                .doesNotContain(REFRESH_TOKEN);
        for (String token : tokens) {
            String saslResponse = Base64.getEncoder()
                    .encodeToString(("user=" + OAuth2Servers.MAILBOX + "\u0001auth=Bearer " + token + "\u0001\u0001")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(all).doesNotContain(token).doesNotContain(saslResponse);
        }
    }
}
