package io.github.camelsmtpsystem.springboot;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.oauth2.OAuth2Servers;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth2 sign-in set up with Spring properties only, against a real token endpoint and an SMTP server that takes its
 * tokens: a system with the right client secret sends and is UP; one with a wrong secret is DOWN in
 * /actuator/health, with the token endpoint's OAuth2 error as the reason and no secret.
 */
@SpringBootTest(
        classes = SmtpSystemOAuth2IT.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "camel.component.smtp-system.systems.good.smtp-server=127.0.0.1",
            "camel.component.smtp-system.systems.good.smtp-port=${oauth2.smtp-port}",
            "camel.component.smtp-system.systems.good.smtp-username=" + OAuth2Servers.MAILBOX,
            "camel.component.smtp-system.systems.good.smtp-oauth2-token-url=${oauth2.token-url}",
            "camel.component.smtp-system.systems.good.smtp-oauth2-client-id=" + OAuth2Servers.CLIENT_ID,
            "camel.component.smtp-system.systems.good.smtp-oauth2-client-secret=${OAUTH2_SECRET}",
            "camel.component.smtp-system.systems.good.smtp-oauth2-scope=https://outlook.office365.com/.default",
            "camel.component.smtp-system.systems.wrong.smtp-server=127.0.0.1",
            "camel.component.smtp-system.systems.wrong.smtp-port=${oauth2.smtp-port}",
            "camel.component.smtp-system.systems.wrong.smtp-username=" + OAuth2Servers.MAILBOX,
            "camel.component.smtp-system.systems.wrong.smtp-oauth2-token-url=${oauth2.token-url}",
            "camel.component.smtp-system.systems.wrong.smtp-oauth2-client-id=" + OAuth2Servers.CLIENT_ID,
            "camel.component.smtp-system.systems.wrong.smtp-oauth2-client-secret=Wr0ng-${OAUTH2_SECRET}",
            "camel.component.smtp-system.systems.wrong.smtp-oauth2-client-auth=basic",
            "camel.component.smtp-system.health-check-cache-time=0",
            "camel.component.smtp-system.mail-from=noreply@example.com",
            "camel.component.smtp-system.recipients=to@example.com",
            "camel.component.smtp-system.subject-template=Hello",
            "camel.component.smtp-system.body-template=Body",
            "management.endpoint.health.show-details=always"
        })
class SmtpSystemOAuth2IT {

    static final String SECRET = "Client-Secret-Sb9kR";

    static OAuth2Servers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = OAuth2Servers.start(SECRET);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @DynamicPropertySource
    static void serverAddresses(DynamicPropertyRegistry registry) {
        registry.add("oauth2.smtp-port", () -> servers.smtpPort());
        registry.add("oauth2.token-url", () -> servers.tokenUrl());
        registry.add("OAUTH2_SECRET", () -> SECRET);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:good").to("smtp-system:good");
                    from("direct:wrong").to("smtp-system:wrong");
                }
            };
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    ProducerTemplate producer;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theSystemWithTheRightSecretSends() throws Exception {
        producer.sendBody("direct:good", Map.of("_id", "1"));

        assertThat(servers.events("RECEIVED")).containsExactly("noreply@example.com to@example.com");
        assertThat(servers.events("TOKEN")).anySatisfy(t -> assertThat(t).contains("client_credentials post"));
    }

    @Test
    void theSystemWithAWrongSecretIsDownWithTheOAuth2Error() throws Exception {
        JsonNode health = Actuator.get(port, "/actuator/health");

        JsonNode camel = health.path("components").path("camelHealth").path("details");
        // Camel lists the checks that are down (and all only at exposure level full)
        assertThat(camel.path("smtp-system:good").asText()).isNotEqualTo("DOWN");
        assertThat(camel.path("smtp-system:wrong").asText()).isEqualTo("DOWN");
        assertThat(camel.path("smtp-system:wrong.data").path("reason").asText())
                .contains("refused the client_credentials grant for client '" + OAuth2Servers.CLIENT_ID + "'")
                .contains("invalid_client (Invalid client secret provided.)");
        assertThat(mapper.writeValueAsString(health)).doesNotContain(SECRET);
    }
}
