package com.example.orders;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.internet.MimeMessage;

import com.example.classpath.CamelVersions;
import com.example.classpath.JacksonVersions;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.camelsmtpsystem.SmtpSystemComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user's route, a systems file with $ENV and $SECRET, a JSON-text entity, a real SMTP server. */
class OrderMailRouteTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("orders", "s3cret"));

    @TempDir
    Path secrets;

    @Test
    void sendsAnOrderMail() throws Exception {
        System.out.println(JacksonVersions.report());
        System.out.println(CamelVersions.report());
        // nothing in the component's pom takes the project off the Camel line its camel-bom names
        assertTrue(CamelVersions.allOf(System.getProperty("camel.version")), CamelVersions.report());

        Files.writeString(secrets.resolve("smtp-password"), "s3cret");
        try (CamelContext context = new DefaultCamelContext()) {
            // $ENV(name) reads a Camel property first, then the environment variable
            context.getPropertiesComponent().addInitialProperty("SMTP_HOST", "127.0.0.1");
            context.getPropertiesComponent().addInitialProperty("SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()));
            context.getComponent("smtp-system", SmtpSystemComponent.class).setSecretsDirectory(secrets.toString());
            context.addRoutes(new OrderMailRoute());
            context.start();
            System.out.println("Camel core " + CamelVersions.core() + ", CamelContext " + context.getVersion());

            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:orders",
                    "{\"_id\": \"o42\", \"order_no\": 42, \"status\": \"shipped\", \"name\": \"Åse\", \"email\": \"ase@example.com\"}");
        }

        assertTrue(greenMail.waitForIncomingEmail(5000, 1));
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertEquals("Order 42 is shipped", mail.getSubject());
        assertEquals("ase@example.com", mail.getAllRecipients()[0].toString());
        assertTrue(GreenMailUtil.getBody(mail).contains("Dear =C3=85se") || GreenMailUtil.getBody(mail).contains("Dear Åse"),
                GreenMailUtil.getBody(mail));
        // what README promises: one Jackson, whatever else the project imports
        assertTrue(JacksonVersions.consistent(), JacksonVersions.report());
    }
}
