package com.example.shipping;

import jakarta.mail.internet.MimeMessage;

import com.example.classpath.CamelVersions;
import com.example.classpath.JacksonVersions;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application as a user runs it (Spring Boot 3.5, camel-spring-boot 4.18): properties only, a real SMTP server,
 * Actuator's health and metrics over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShippingApplicationTest {

    static final GreenMail SMTP = started();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("SMTP_HOST", () -> "127.0.0.1");
        registry.add("SMTP_PORT", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    TestRestTemplate http;

    @Test
    void sendsAMailAndReportsHealth() throws Exception {
        System.out.println(JacksonVersions.report());
        System.out.println(CamelVersions.report());
        // one Camel line, camel-spring-boot's: the starter takes no Camel module of another line along
        assertTrue(CamelVersions.allOf("4.18.0"), CamelVersions.report());

        producer.sendBody("direct:shipped",
                "{\"_id\": \"7\", \"order_no\": 7, \"name\": \"Kari\", \"email\": \"kari@example.com\"}");
        assertTrue(SMTP.waitForIncomingEmail(5000, 1));
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertEquals("Order 7 has shipped", mail.getSubject());
        assertEquals("kari@example.com", mail.getAllRecipients()[0].toString());

        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertEquals(200, health.getStatusCode().value(), health.getBody());
        assertTrue(health.getBody().contains("\"status\":\"UP\""), health.getBody());
        assertTrue(health.getBody().contains("\"smtp-system:shop-mail\":\"UP\""), health.getBody());

        ResponseEntity<String> sent =
                http.getForEntity("/actuator/metrics/smtp.system.sent?tag=system:shop-mail", String.class);
        assertEquals(200, sent.getStatusCode().value(), sent.getBody());
        assertTrue(sent.getBody().contains("\"value\":1.0"), sent.getBody());
        ResponseEntity<String> meters = http.getForEntity("/actuator/metrics", String.class);
        assertTrue(meters.getBody().contains("\"smtp.system.max.per.hour\""), meters.getBody());
        // what README promises: one Jackson, whatever else the project imports
        assertTrue(JacksonVersions.consistent(), JacksonVersions.report());
    }

    private static GreenMail started() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
        greenMail.start();
        return greenMail;
    }
}
