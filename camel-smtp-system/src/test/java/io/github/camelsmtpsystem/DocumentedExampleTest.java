package io.github.camelsmtpsystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sesam's documented SMTP system and mail sink examples, as written in ../shared/reference (the system's port pointed
 * at the test server), produce the mail the documentation describes.
 */
class DocumentedExampleTest extends SmtpSystemTestSupport {

    @Override
    protected boolean isStartedBeforeEachTest() {
        return true;
    }

    @RegisterExtension
    static GreenMailExtension greenMail = Mailbox.serverWithUser("alice", "s3cret");

    @TempDir
    static Path dir;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        String documented = TestFiles.classpath("reference/smtp-system-example.json");
        Path systems = dir.resolve("systems.json");
        Files.writeString(
                systems,
                documented.replace(
                        "\"smtp_port\": 25",
                        "\"smtp_port\": " + greenMail.getSmtp().getPort()));
        context.getComponent("smtp-system", SmtpSystemComponent.class).setSystemsLocation("file:" + systems);
        return context;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("username-variable", "alice");
        properties.setProperty("password-variable", "s3cret");
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sink")
                        .to(
                                "smtp-system:our-smtp-server?sinkConfig=resource:classpath:reference/mail-sink-example.json");
            }
        };
    }

    @Test
    void documentedSinkAndEntityGiveTheDocumentedMail() throws Exception {
        template.sendBody("direct:sink", TestFiles.classpath("reference/entity-example.json"));

        MimeMessage[] received = Mailbox.received(greenMail, 2); // one copy for each recipient's mailbox
        MimeMessage mail = received[0];
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("all@of.us");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("foo@bar.com", "info@example.com");
        assertThat(mail.getSubject()).isEqualTo("Subject: This is the subject of the message to send");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("Mail message body: This is the message to send");
        assertThat(mail.getSentDate()).isNotNull();
        assertThat(mail.getContentType()).startsWith("text/plain").contains("UTF-8");
    }
}
