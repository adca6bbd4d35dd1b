package io.github.camelsmtpsystem.example.springboot;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMail;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example as it runs: with no SMTP_SERVER it starts the embedded server, and the route mails the two shipped
 * orders (the deleted one is skipped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "example.delay=100")
class ExampleApplicationTest {

    private static final int PORT = freePort();

    @DynamicPropertySource
    static void embeddedSmtpPort(DynamicPropertyRegistry registry) {
        registry.add("example.embedded-smtp.port", () -> PORT);
    }

    @Autowired
    GreenMail greenMail;

    @Autowired
    MeterRegistry meters;

    @Test
    void mailsTheShippedOrders() throws Exception {
        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();

        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(Arrays.stream(mails).map(ExampleApplicationTest::subject))
                .containsExactlyInAnyOrder("Your order 1001 has shipped", "Your order 1002 has shipped");
        MimeMessage grace = Arrays.stream(mails)
                .filter(m -> subject(m).contains("1002"))
                .findFirst()
                .orElseThrow();
        assertThat(grace.getFrom()).extracting(Object::toString).containsExactly("orders@example.com");
        assertThat(grace.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("grace@example.com");
        // an HTML body gets a plain-text alternative
        MimeMultipart alternative = (MimeMultipart) grace.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent().toString())
                .contains("Dear Grace Hopper", "Nanosecond wire, 1 pc");

        assertThat(meters.get("smtp.system.sent")
                        .tag("system", "notifications")
                        .functionCounter()
                        .count())
                .isEqualTo(2.0);
        assertThat(meters.get("smtp.system.skipped")
                        .tag("system", "notifications")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
