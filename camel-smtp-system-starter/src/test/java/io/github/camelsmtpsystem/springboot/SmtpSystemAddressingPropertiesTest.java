package io.github.camelsmtpsystem.springboot;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Cc, Bcc, Reply-To and extra headers given as Spring properties, the headers as a map, reach the mail. */
@SpringBootTest(
        classes = SmtpSystemAddressingPropertiesTest.Application.class,
        properties = {
            "camel.component.smtp-system.mail-from=noreply@example.com",
            "camel.component.smtp-system.subject-template=Order [[ _id ]]",
            "camel.component.smtp-system.body-template=Body",
            "camel.component.smtp-system.cc=[[ manager ]]",
            "camel.component.smtp-system.bcc-property=archive",
            "camel.component.smtp-system.reply-to=support@example.com",
            "camel.component.smtp-system.headers[List-Unsubscribe]=<https://example.com/unsubscribe/[[ _id ]]>",
            "camel.component.smtp-system.headers[List-Unsubscribe-Post]=List-Unsubscribe=One-Click",
            "camel.component.smtp-system.dsn-notify=failure",
            "camel.component.smtp-system.systems.props-mail.smtp-server=127.0.0.1"
        })
class SmtpSystemAddressingPropertiesTest {

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void greenMailPort(DynamicPropertyRegistry registry) {
        registry.add(
                "camel.component.smtp-system.systems.props-mail.smtp-port",
                () -> greenMail.getSmtp().getPort());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:mail").to("smtp-system:props-mail");
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;

    @Test
    void theAddressingPropertiesReachTheMail() throws Exception {
        template.sendBody(
                "direct:mail",
                "{\"_id\": \"o-9\", \"recipients\": \"to@example.com\", \"manager\": \"boss@example.com\","
                        + " \"archive\": \"vault@example.com\"}");

        assertThat(greenMail.waitForIncomingEmail(10_000, 3)).isTrue();
        for (MimeMessage mail : greenMail.getReceivedMessages()) {
            assertThat(InternetAddress.toString(mail.getRecipients(Message.RecipientType.CC)))
                    .isEqualTo("boss@example.com");
            assertThat(InternetAddress.toString(mail.getReplyTo())).isEqualTo("support@example.com");
            assertThat(mail.getHeader("List-Unsubscribe", null)).isEqualTo("<https://example.com/unsubscribe/o-9>");
            assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(mail.getHeader("Bcc")).isNull();
        }
        // one copy each for to, boss (Cc) and vault (Bcc, from the entity's archive)
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }
}
