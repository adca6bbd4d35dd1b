package io.github.camelsmtpsystem.springboot;

import java.time.Duration;
import java.util.Arrays;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.SmtpSystemConstants;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application whose mail setup is all in application-it.yaml: component options, one system defined
 * in YAML (its password from an environment variable through a placeholder), one from a Sesam JSON file, and the
 * health and metrics Actuator shows for them.
 */
@SpringBootTest(
        classes = SmtpSystemStarterTest.Application.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class SmtpSystemStarterTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alice", "s3cret"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void greenMailPort(DynamicPropertyRegistry registry) {
        registry.add("greenmail.port", () -> greenMail.getSmtp().getPort());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:yaml").to("smtp-system:yaml-mail");
                    from("direct:json").to("smtp-system:json-mail");
                    from("direct:capped").to("smtp-system:capped");
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    CamelContext camelContext;

    @Value("${local.server.port}")
    int port;

    @Test
    void aSystemDefinedInYamlSendsWithTheOptionsFromProperties() throws Exception {
        template.sendBody(
                "direct:yaml", "{\"_id\": \"order-1\", \"name\": \"Ada\", \"recipients\": \"ada@yaml.test\"}");

        MimeMessage mail = receivedBy("ada@yaml.test");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("noreply@example.com");
        assertThat(mail.getSubject()).isEqualTo("Hello Ada");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("Dear Ada, your order order-1 has shipped.");
    }

    @Test
    void theYamlSystemIsABeanWithItsPasswordFromTheEnvironment() {
        SmtpSystem system = camelContext
                .getComponent("smtp-system", SmtpSystemComponent.class)
                .getSystem("yaml-mail");

        assertThat(system.getName()).isEqualTo("Mail defined in YAML");
        assertThat(system.getSmtpPort()).isEqualTo(greenMail.getSmtp().getPort());
        assertThat(system.getSmtpPassword())
                .isEqualTo(System.getenv("SMTP_TEST_PASSWORD"))
                .isEqualTo("s3cret");
        assertThat(system.getSource()).hasToString("Spring property camel.component.smtp-system.systems.yaml-mail");
        assertThat(camelContext.getRegistry().lookupByNameAndType("smtp-system.yaml-mail", SmtpSystem.class))
                .isSameAs(system);
    }

    @Test
    void aSystemFromASesamJsonFileSends() throws Exception {
        template.sendBody(
                "direct:json", "{\"_id\": \"order-2\", \"name\": \"Grace\", \"recipients\": [\"grace@json.test\"]}");

        MimeMessage mail = receivedBy("grace@json.test");
        assertThat(mail.getSubject()).isEqualTo("Hello Grace");
        SmtpSystem system = camelContext
                .getComponent("smtp-system", SmtpSystemComponent.class)
                .getSystem("json-mail");
        assertThat(system.getSource().toString()).contains("smtp-systems.json");
    }

    @Test
    void metricsCountSendsDiscardsAndSkips() {
        assertThat(metric("smtp.system.sent", "capped")).isZero();
        assertThat(metric("smtp.system.discarded", "capped")).isZero();

        // max-per-hour is 1: the first mail is sent, the second discarded; the deleted entity is skipped
        Exchange result = template.send("direct:capped", e -> e.getIn().setBody("""
                [{"_id": "a", "name": "A", "recipients": "a@capped.test"},
                 {"_id": "b", "name": "B", "recipients": "b@capped.test"},
                 {"_id": "c", "_deleted": true, "name": "C", "recipients": "c@capped.test"}]"""));
        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(SmtpSystemConstants.SENT, Integer.class))
                .isEqualTo(1);

        assertThat(metric("smtp.system.sent", "capped")).isEqualTo(1.0);
        assertThat(metric("smtp.system.discarded", "capped")).isEqualTo(1.0);
        assertThat(metric("smtp.system.skipped", "capped")).isEqualTo(1.0);
        assertThat(metric("smtp.system.failed", "capped")).isZero();
        assertThat(metric("smtp.system.sends.last.hour", "capped")).isEqualTo(1.0);
        assertThat(metric("smtp.system.max.per.hour", "capped")).isEqualTo(1.0);
    }

    @Test
    void actuatorHealthShowsEachSystemUp() {
        JsonNode health = Actuator.get(port, "/actuator/health");

        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode details = health.path("components").path("camelHealth").path("details");
        assertThat(details.path("smtp-system:yaml-mail").asText()).isEqualTo("UP");
        assertThat(details.path("smtp-system:json-mail").asText()).isEqualTo("UP");
        assertThat(details.path("smtp-system:capped").asText()).isEqualTo("UP");
    }

    private double metric(String name, String system) {
        JsonNode metric = Actuator.get(port, "/actuator/metrics/" + name + "?tag=system:" + system);
        assertThat(metric.has("measurements"))
                .as("metric %s of system %s: %s", name, system, metric)
                .isTrue();
        return metric.path("measurements").get(0).path("value").asDouble();
    }

    private static MimeMessage receivedBy(String recipient) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> Arrays.stream(greenMail.getReceivedMessages())
                                .filter(m -> isFor(m, recipient))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
    }

    private static boolean isFor(MimeMessage mail, String recipient) {
        try {
            return Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equals(recipient));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
