package io.github.camelsmtpsystem;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelet {@code smtp-system-sink}, shipped at {@code kamelets/smtp-system-sink.kamelet.yaml}, found on the class
 * path by camel-kamelet and used from a YAML route: the entity in the body becomes a mail at a real SMTP server.
 */
class SmtpSystemSinkKameletTest extends SmtpSystemTestSupport {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void aYamlRouteMailsTheEntityThroughTheKamelet() throws Exception {
        context.getPropertiesComponent()
                .addInitialProperty(
                        "smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        loadYaml("""
                - route:
                    from:
                      uri: direct:orders
                      steps:
                        - to:
                            uri: kamelet:smtp-system-sink
                            parameters:
                              systemId: kamelet-smtp
                              smtpServer: 127.0.0.1
                              smtpPort: "{{smtp.port}}"
                              maxPerHour: 1
                              mailFrom: orders@example.com
                              recipientsProperty: email
                              subjectTemplate: "RAW(Order [[ order_no ]] & more)"
                              bodyTemplate: "<p>Dear [[ name ]]{% if vip %}, our VIP{% endif %}</p>"
                              textBodyTemplate: "Dear [[ name ]] [[ missing ]]"
                              unhandledTemplateVariableReplacement: empty_string
                """);
        context.start();

        Exchange first = template.send(
                "direct:orders",
                e -> e.getMessage()
                        .setBody(Map.of(
                                "_id", "o-1", "order_no", 42, "name", "Åse", "vip", true, "email", "ase@example.com")));
        Exchange second = template.send(
                "direct:orders",
                e -> e.getMessage()
                        .setBody(
                                "{\"_id\": \"o-2\", \"order_no\": 43, \"name\": \"Bo\", \"email\": \"bo@example.com\"}"));

        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(1);
        // maxPerHour from the Kamelet: the second is discarded
        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("Order 42 & more");
        assertThat(mails[0].getFrom()[0].toString()).isEqualTo("orders@example.com");
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ase@example.com");
        assertThat(component().getSystem("kamelet-smtp").isAuthenticated()).isFalse();
        String raw = GreenMailUtil.getWholeMessage(mails[0]);
        assertThat(raw).contains("Dear ", ", our VIP</p>").doesNotContain("missing");
    }

    @Test
    void aSystemFromTheSystemsFileAndDryRun() throws Exception {
        component().setSystemsLocation("classpath:kamelet-systems.json");
        context.getPropertiesComponent()
                .addInitialProperty(
                        "smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        loadYaml("""
                - route:
                    from:
                      uri: direct:dry
                      steps:
                        - to: "kamelet:smtp-system-sink?systemId=from-file&mailFrom=a@example.com&recipients=b@example.com&subjectTemplate=S&bodyTemplate=B&dryRun=true"
                """);
        context.start();

        Exchange done = template.send("direct:dry", e -> e.getMessage().setBody(Map.of("_id", "1")));

        assertThat(done.getException()).isNull();
        assertThat(component().getSystem("from-file").getSmtpServer()).isEqualTo("127.0.0.1");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutTemplatesTheEntitysOwnAreUsed() throws Exception {
        context.getPropertiesComponent()
                .addInitialProperty(
                        "smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        loadYaml("""
                - route:
                    from:
                      uri: direct:own
                      steps:
                        - to: "kamelet:smtp-system-sink?systemId=own&smtpServer=127.0.0.1&smtpPort={{smtp.port}}&mailFrom=a@example.com"
                """);
        context.start();

        Exchange done = template.send(
                "direct:own",
                e -> e.getMessage()
                        .setBody(Map.of(
                                "_id", "1",
                                "recipients", "c@example.com",
                                "subject_template", "Hi {{ name }}",
                                "body_template", "Body of {{ name }}",
                                "name", "Cy")));

        assertThat(done.getException()).isNull();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Hi Cy");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("c@example.com");
        assertThat(GreenMailUtil.getWholeMessage(mail)).contains("Body of Cy").doesNotContain("multipart/alternative");
    }

    @Test
    void theKameletsCatalogVersionIsTheComponentsVersion() throws Exception {
        String kamelet;
        try (InputStream in = getClass().getResourceAsStream("/kamelets/smtp-system-sink.kamelet.yaml")) {
            kamelet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the component's version as the build wrote it into the generated descriptor
        String version;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelsmtpsystem/smtp-system.json")) {
            version = new ObjectMapper()
                    .readTree(in)
                    .path("component")
                    .path("version")
                    .asText();
        }

        assertThat(version).isNotBlank();
        assertThat(kamelet)
                .as("set camel.apache.org/catalog.version in the Kamelet when the project's version changes")
                .contains("camel.apache.org/catalog.version: \"" + version.replace("-SNAPSHOT", "") + "\"");
    }

    private void loadYaml(String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("orders.yaml", yaml));
    }
}
