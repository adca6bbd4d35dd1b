package io.github.camelsmtpsystem.oauth2;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import jakarta.mail.AuthenticationFailedException;

import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.internal.health.SmtpSystemHealthCheck;
import io.github.camelsmtpsystem.internal.oauth2.OAuth2TokenClient;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-in with SASL XOAUTH2 against a real OAuth2 token endpoint and an SMTP server that takes only its currently valid
 * tokens: both grants, both client authentication methods, a token that expires between mails, a token the server
 * rejects, a wrong client secret, a token endpoint that is down, and the health check.
 */
class OAuth2SignInIT {

    private static final String SECRET = "Client-Secret-4kd8Q";
    private static final String REFRESH_TOKEN = "Refresh-Token-7zP2x";
    private static final String SINK =
            "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B";

    @TempDir
    Path dir;

    private OAuth2Servers servers;
    private DefaultCamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void sendsWithTheClientCredentialsGrantAndClientSecretPost() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        start(c -> {}, clientCredentials(servers.tokenUrl(), "oauth2-secret"));

        assertThat(send("1").getException()).isNull();

        assertThat(servers.events("TOKEN")).singleElement().asString().startsWith("1 client_credentials post ");
        assertThat(servers.events("AUTH-OK")).containsExactly(OAuth2Servers.MAILBOX + " 1");
        assertThat(servers.events("RECEIVED")).containsExactly("noreply@example.com to@example.com");
    }

    @Test
    void sendsWithTheRefreshTokenGrantAndClientSecretBasicFromASystemsFile() throws Exception {
        servers = OAuth2Servers.start(SECRET, "--refresh-token", REFRESH_TOKEN);
        Path systems = dir.resolve("systems.json");
        Files.writeString(systems, """
                {"_id": "mail", "type": "system:smtp", "smtp_server": "127.0.0.1", "smtp_port": %d,
                 "smtp_username": "%s", "smtp_oauth2_token_url": "%s",
                 "smtp_oauth2_client_id": "%s", "smtp_oauth2_client_secret": "$SECRET(oauth2-secret)",
                 "smtp_oauth2_refresh_token": "$SECRET(oauth2-refresh-token)", "smtp_oauth2_client_auth": "basic",
                 "smtp_oauth2_scope": "https://mail.google.com/"}
                """.formatted(
                        servers.smtpPort(), OAuth2Servers.MAILBOX, servers.tokenUrl(), OAuth2Servers.CLIENT_ID));
        start(c -> c.setSystemsLocation("file:" + systems), "");

        assertThat(send("1").getException()).isNull();

        assertThat(servers.events("TOKEN")).singleElement().asString().startsWith("1 refresh_token basic ");
        assertThat(servers.events("RECEIVED")).hasSize(1);
    }

    @Test
    void aTokenThatExpiredIsReplacedForTheNextConnectionWhileASignedInConnectionStaysInUse() throws Exception {
        servers = OAuth2Servers.start(SECRET, "--expires-in", "3");
        start(c -> c.setMaxMessagesPerConnection(2), clientCredentials(servers.tokenUrl(), "oauth2-secret"));
        Instant beforeFirstToken = Instant.now();

        assertThat(send("1").getException()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(beforeFirstToken.plusSeconds(4)));
        assertThat(send("2").getException()).isNull();
        assertThat(send("3").getException()).isNull();

        // mail 2 went on the connection signed in with token 1; mail 3 on a new one, signed in with token 2
        assertThat(servers.events("SESSION")).hasSize(2);
        assertThat(servers.events("AUTH-OK"))
                .containsExactly(OAuth2Servers.MAILBOX + " 1", OAuth2Servers.MAILBOX + " 2");
        assertThat(servers.events("AUTH-REJECTED")).isEmpty();
        assertThat(servers.events("RECEIVED")).hasSize(3);
    }

    @Test
    void concurrentConnectionsShareOneToken() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        start(c -> c.setConnectionPoolSize(4), clientCredentials(servers.tokenUrl(), "oauth2-secret"));
        ProducerTemplate producer = context.createProducerTemplate();

        List<CompletableFuture<Exchange>> sends = IntStream.range(0, 8)
                .mapToObj(i ->
                        producer.asyncSend("direct:send", e -> e.getMessage().setBody(Map.of("_id", "e" + i))))
                .toList();

        assertThat(sends)
                .allSatisfy(f ->
                        assertThat(f.get(30, TimeUnit.SECONDS).getException()).isNull());
        assertThat(servers.events("TOKEN")).hasSize(1);
        assertThat(servers.events("AUTH-OK"))
                .hasSizeBetween(1, 4)
                .allSatisfy(a -> assertThat(a).endsWith(" 1"));
        assertThat(servers.events("RECEIVED")).hasSize(8);
    }

    @Test
    void withoutAPoolEachMailSignsInWithTheCachedToken() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        start(c -> c.setConnectionPoolSize(0), clientCredentials(servers.tokenUrl(), "oauth2-secret"));

        assertThat(send("1").getException()).isNull();
        assertThat(send("2").getException()).isNull();

        assertThat(servers.events("TOKEN")).hasSize(1);
        assertThat(servers.events("AUTH-OK"))
                .containsExactly(OAuth2Servers.MAILBOX + " 1", OAuth2Servers.MAILBOX + " 1");
        assertThat(servers.events("RECEIVED")).hasSize(2);
    }

    @ParameterizedTest(name = "rejected with {0}")
    @ValueSource(strings = {"334 then 535", "535"})
    void aRejectedTokenIsReplacedOnceAndTheMailDelivered(String rejection) throws Exception {
        servers = rejection.equals("535") ? OAuth2Servers.start(SECRET, "--reject-535") : OAuth2Servers.start(SECRET);
        start(c -> c.setMaxMessagesPerConnection(1), clientCredentials(servers.tokenUrl(), "oauth2-secret"));
        assertThat(send("1").getException()).isNull();

        servers.revokeTokens();
        Exchange second = send("2");

        assertThat(second.getException()).isNull();
        assertThat(servers.events("AUTH-REJECTED")).containsExactly(OAuth2Servers.MAILBOX + " 1");
        assertThat(servers.events("AUTH-OK"))
                .containsExactly(OAuth2Servers.MAILBOX + " 1", OAuth2Servers.MAILBOX + " 2");
        assertThat(servers.events("RECEIVED")).hasSize(2);
    }

    @Test
    void aTokenRejectedAgainAfterARenewalFailsTheMailWithoutMoreTries() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        // the server takes tokens only for its mailbox: every token for another one is rejected
        start(
                c -> c.setMaximumRedeliveries(3),
                "smtpServer=127.0.0.1&smtpPort=" + servers.smtpPort()
                        + "&smtpUsername=someone-else@example.com&smtpOauth2TokenUrl=" + servers.tokenUrl()
                        + "&smtpOauth2ClientId=" + OAuth2Servers.CLIENT_ID
                        + "&smtpOauth2ClientSecret=$SECRET(oauth2-secret)&");

        Exchange failed = send("1");

        assertThat(cause(failed, AuthenticationFailedException.class)).isNotNull();
        assertThat(servers.events("TOKEN")).hasSize(2);
        assertThat(servers.events("AUTH-REJECTED")).hasSize(2);
        assertThat(servers.events("RECEIVED")).isEmpty();
    }

    @Test
    void aWrongClientSecretFailsAtOnceWithTheOAuth2ErrorAndSendsNothing() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        start(c -> c.setMaximumRedeliveries(3), clientCredentials(servers.tokenUrl(), "wrong-secret"));

        Exchange failed = send("1");

        assertThat(failed.getException())
                .hasMessageContaining("invalid_client (Invalid client secret provided.)")
                .hasMessageContaining("client '" + OAuth2Servers.CLIENT_ID + "'")
                .hasMessageNotContaining(SECRET);
        assertThat(cause(failed, OAuth2TokenException.class).isTransient()).isFalse();
        assertThat(servers.events("TOKEN-REFUSED")).containsExactly("invalid_client");
        assertThat(servers.events("SESSION")).isEmpty();
        assertThat(servers.events("RECEIVED")).isEmpty();
    }

    @Test
    void aTokenEndpointAnswering503IsRetriedThenTheMailFails() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        servers.failTokenRequests(100, 503);
        start(
                c -> {
                    c.setMaximumRedeliveries(2);
                    c.setRedeliveryDelay(10);
                },
                clientCredentials(servers.tokenUrl(), "oauth2-secret"));

        Exchange failed = send("1");

        assertThat(failed.getException()).hasMessageContaining("answered HTTP 503");
        assertThat(cause(failed, OAuth2TokenException.class).isTransient()).isTrue();
        assertThat(servers.events("TOKEN-FAILED")).hasSize(3);
        assertThat(servers.events("RECEIVED")).isEmpty();
    }

    @Test
    void aTokenEndpointBackAfterAnOutageDeliversOnTheRetry() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        servers.failTokenRequests(1, 502);
        start(c -> c.setRedeliveryDelay(10), clientCredentials(servers.tokenUrl(), "oauth2-secret"));

        assertThat(send("1").getException()).isNull();

        assertThat(servers.events("TOKEN-FAILED")).hasSize(1);
        assertThat(servers.events("TOKEN")).hasSize(1);
        assertThat(servers.events("RECEIVED")).hasSize(1);
    }

    @Test
    void aTokenEndpointThatCannotBeReachedIsATransientFailure() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        String closed = servers.tokenUrl().replaceFirst(":[0-9]+/", ":" + closedPort() + "/");
        start(
                c -> {
                    c.setMaximumRedeliveries(1);
                    c.setRedeliveryDelay(10);
                },
                clientCredentials(closed, "oauth2-secret"));

        Exchange failed = send("1");

        assertThat(failed.getException()).hasMessageContaining("cannot be reached");
        assertThat(cause(failed, OAuth2TokenException.class).isTransient()).isTrue();
        assertThat(servers.events("SESSION")).isEmpty();
    }

    @Test
    void aTokenProviderBeanGivesTheTokens() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        // any other way of getting a token: here the bean asks the token endpoint itself
        OAuth2TokenClient endpoint = new OAuth2TokenClient(HttpClient.newHttpClient(), Duration.ofSeconds(10));
        SmtpSystem client = SmtpSystem.builder("client")
                .smtpUsername(OAuth2Servers.MAILBOX)
                .smtpOauth2TokenUrl(servers.tokenUrl())
                .smtpOauth2ClientId(OAuth2Servers.CLIENT_ID)
                .smtpOauth2ClientSecret(SECRET)
                .build();
        List<String> askedFor = new CopyOnWriteArrayList<>();
        SmtpAccessTokenProvider provider = system -> {
            askedFor.add(system.getId());
            return endpoint.fetchToken(client);
        };
        start(
                c -> {
                    c.getCamelContext().getRegistry().bind("vaultTokens", provider);
                    c.setMaxMessagesPerConnection(1);
                },
                "smtpServer=127.0.0.1&smtpPort=" + servers.smtpPort() + "&smtpUsername=" + OAuth2Servers.MAILBOX
                        + "&smtpOauth2TokenUrl=bean:vaultTokens&");

        assertThat(send("1").getException()).isNull();
        servers.revokeTokens();
        assertThat(send("2").getException()).isNull();

        assertThat(askedFor).containsExactly("mail", "mail");
        assertThat(servers.events("AUTH-OK"))
                .containsExactly(OAuth2Servers.MAILBOX + " 1", OAuth2Servers.MAILBOX + " 2");
        assertThat(servers.events("RECEIVED")).hasSize(2);
    }

    @Test
    void theHealthCheckFetchesATokenAndSignsIn() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        start(c -> c.setHealthCheckCacheTime(0), clientCredentials(servers.tokenUrl(), "oauth2-secret"));

        HealthCheck.Result result = health("mail");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(servers.events("AUTH-OK")).containsExactly(OAuth2Servers.MAILBOX + " 1");
    }

    @Test
    void theHealthCheckIsDownWithTheOAuth2ErrorForAWrongClientSecret() throws Exception {
        servers = OAuth2Servers.start(SECRET);
        start(c -> c.setHealthCheckCacheTime(0), clientCredentials(servers.tokenUrl(), "wrong-secret"));

        HealthCheck.Result result = health("mail");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat((String) result.getDetails().get("reason"))
                .contains("invalid_client (Invalid client secret provided.)")
                .doesNotContain(SECRET)
                .doesNotContain("Wr0ng");
    }

    /** The endpoint options of a system that uses the client_credentials grant, its secret from $SECRET(secretName). */
    private String clientCredentials(String tokenUrl, String secretName) {
        return "smtpServer=127.0.0.1&smtpPort=" + servers.smtpPort() + "&smtpUsername=" + OAuth2Servers.MAILBOX
                + "&smtpOauth2TokenUrl=" + tokenUrl + "&smtpOauth2ClientId=" + OAuth2Servers.CLIENT_ID
                + "&smtpOauth2ClientSecret=$SECRET(" + secretName
                + ")&smtpOauth2Scope=https://outlook.office365.com/.default&";
    }

    private void start(Consumer<SmtpSystemComponent> settings, String systemOptions) throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("oauth2-secret", SECRET);
        context.getPropertiesComponent().addInitialProperty("wrong-secret", "Wr0ng-" + SECRET);
        context.getPropertiesComponent().addInitialProperty("oauth2-refresh-token", REFRESH_TOKEN);
        SmtpSystemComponent component = context.getComponent("smtp-system", SmtpSystemComponent.class);
        settings.accept(component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("smtp-system:mail?" + systemOptions + SINK);
            }
        });
        context.start();
    }

    private Exchange send(String id) {
        return context.createProducerTemplate()
                .send("direct:send", e -> e.getMessage().setBody(Map.of("_id", id)));
    }

    /** The failure of the exchange or one of its causes, of this type. */
    private static <T extends Throwable> T cause(Exchange exchange, Class<T> type) {
        for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + exchange.getException());
    }

    private HealthCheck.Result health(String systemId) {
        return HealthCheckHelper.invoke(context, SmtpSystemHealthCheck.idOf(systemId), Map.of())
                .orElseThrow(() -> new AssertionError("no health check for " + systemId));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
