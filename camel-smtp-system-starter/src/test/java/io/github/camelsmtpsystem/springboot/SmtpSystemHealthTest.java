package io.github.camelsmtpsystem.springboot;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /actuator/health follows the SMTP server: UP while it takes the system's login, DOWN with a reason (and without
 * the password) once it stops. The check's cache time is short here; by default it is 30 seconds.
 */
@SpringBootTest(
        classes = SmtpSystemHealthTest.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "camel.component.smtp-system.systems.flaky.smtp-port=${greenmail.port}",
            "camel.component.smtp-system.systems.flaky.smtp-username=bob",
            "camel.component.smtp-system.systems.flaky.smtp-password=" + SmtpSystemHealthTest.PASSWORD,
            "camel.component.smtp-system.health-check-cache-time=200ms",
            "camel.component.smtp-system.mail-from=noreply@example.com",
            "management.endpoint.health.show-details=always"
        })
class SmtpSystemHealthTest {

    static final String PASSWORD = "Secr3t-Pa55";

    static final GreenMail GREEN_MAIL = startedGreenMail();

    @DynamicPropertySource
    static void greenMailPort(DynamicPropertyRegistry registry) {
        registry.add("greenmail.port", () -> GREEN_MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopGreenMail() {
        GREEN_MAIL.stop();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:flaky").to("smtp-system:flaky");
                }
            };
        }
    }

    @Value("${local.server.port}")
    int port;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void upWhileTheServerRunsDownWithAReasonWhenItStops() throws Exception {
        JsonNode up = health();
        assertThat(up.path("status").asText()).isEqualTo("UP");
        int port = GREEN_MAIL.getSmtp().getPort();

        GREEN_MAIL.stop();

        JsonNode down = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(this::health, h -> "DOWN".equals(h.path("status").asText()));
        JsonNode camel = down.path("components").path("camelHealth").path("details");
        assertThat(camel.path("smtp-system:flaky").asText()).isEqualTo("DOWN");
        assertThat(camel.path("smtp-system:flaky.data").path("reason").asText())
                .startsWith("Cannot connect to the SMTP server localhost:" + port);
        assertThat(camel.path("smtp-system:flaky.data").path("server").asText()).isEqualTo("localhost:" + port);
        assertThat(mapper.writeValueAsString(down)).doesNotContain(PASSWORD);
    }

    private JsonNode health() {
        // 200 when UP, 503 when DOWN: both carry the body
        return Actuator.get(port, "/actuator/health");
    }

    private static GreenMail startedGreenMail() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("bob", PASSWORD));
        greenMail.start();
        return greenMail;
    }
}
