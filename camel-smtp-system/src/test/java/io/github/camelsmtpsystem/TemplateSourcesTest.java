package io.github.camelsmtpsystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelsmtpsystem.Mailbox.received;
import static io.github.camelsmtpsystem.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The five ways to give a Jinja template, whose {@code {{ }}} Camel would otherwise take for property placeholders:
 * {@code resource:} (classpath and file), {@code sinkConfig=resource:...} (a Sesam sink, or a pipe with one), inline
 * with {@code [[ ]]} (URI and endpoint parameters), in the entity, and set from Java.
 */
class TemplateSourcesTest extends MailSinkTestSupport {

    private static final String SENDER = "mailFrom=orders@example.com&recipients=a@example.com";

    private static String system(String options) {
        return system("files", greenMail, options);
    }

    private static Map<String, Object> order() {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "o1");
        entity.put("order_no", "42");
        entity.put("status", "shipped");
        entity.put("name", "Åse");
        entity.put("email", "buyer@example.com");
        entity.put("items", java.util.List.of("tea", "milk"));
        entity.put("subj", "From the entity: {{ order_no }}");
        return entity;
    }

    private MimeMessage sendOne(int route) {
        send(route, order());
        return received(greenMail, 1)[0];
    }

    @Test
    void resourceClasspathAndFileLoadTemplatesUntouched() throws Exception {
        Path template = dir.resolve("subject.j2");
        // neither a Camel placeholder nor the [[ ]] escape: a file is Jinja as written
        Files.writeString(
                template, "File {{ order_no }} {{ items[0] }} [[ kept ]] {% if status %}({{ status }}){% endif %}");
        start(
                system(
                        SENDER + "&subjectTemplate=resource:file:" + template
                                + "&bodyTemplate=resource:classpath:mail/order.html.j2&textBodyTemplate=resource:classpath:mail/order.txt.j2"));

        MimeMessage mail = sendOne(0);

        assertThat(mail.getSubject()).isEqualTo("File 42 tea [[ kept ]] (shipped)");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString())
                .startsWith("Dear Åse, your order 42 is shipped: tea, milk.");
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("<h1>Order 42</h1>");
    }

    @Test
    void aMissingResourceStopsTheStart() {
        assertThatThrownBy(
                        () -> start(system(SENDER + "&subjectTemplate=resource:classpath:mail/nope.j2&bodyTemplate=B")))
                .rootCause()
                .hasMessageContaining("subjectTemplate names classpath:mail/nope.j2, which does not exist");
    }

    @Test
    void sinkConfigReadsASesamSink() throws Exception {
        start(system("sinkConfig=resource:classpath:mail/sink.json"));

        MimeMessage mail = sendOne(0);

        assertThat(mail.getFrom()[0].toString()).isEqualTo("orders@example.com");
        assertThat(to(mail)).containsExactly("buyer@example.com");
        assertThat(mail.getSubject()).isEqualTo("Order 42 is shipped");
        // the sink's unhandled_template_variable_replacement is empty_string
        assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .isEqualTo("Dear Åse, order 42: ");
    }

    @Test
    void sinkConfigReadsTheSinkOfASesamPipeFromAFile() throws Exception {
        Path pipe = dir.resolve("pipe.json");
        Files.writeString(pipe, TestFiles.classpath("mail/pipe.json"));
        start(system("sinkConfig=resource:file:" + pipe));

        MimeMessage mail = sendOne(0);

        assertThat(to(mail)).containsExactly("pipe@example.com");
        assertThat(mail.getSubject()).isEqualTo("Pipe: 42");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("Pipe body 42");
    }

    @Test
    void aRestartedEndpointReadsItsSinkFileAgain() throws Exception {
        Path pipe = dir.resolve("pipe.json");
        Files.writeString(pipe, TestFiles.classpath("mail/pipe.json"));
        start(system("sinkConfig=resource:file:" + pipe));
        assertThat(sendOne(0).getSubject()).isEqualTo("Pipe: 42");

        Files.writeString(pipe, TestFiles.classpath("mail/pipe.json").replace("Pipe: ", "Changed: "));
        SmtpSystemEndpoint endpoint = context.getEndpoints().stream()
                .filter(SmtpSystemEndpoint.class::isInstance)
                .map(SmtpSystemEndpoint.class::cast)
                .findFirst()
                .orElseThrow();
        endpoint.stop();
        endpoint.start();
        send(0, order());

        assertThat(received(greenMail, 2)[1].getSubject()).isEqualTo("Changed: 42");
    }

    @Test
    void endpointOptionsWinOverTheSinkConfig() throws Exception {
        start(system("sinkConfig=resource:classpath:mail/sink.json&recipients=override@example.com"
                + "&subjectTemplateProperty=subj&unhandledTemplateVariableReplacement=debug"));

        MimeMessage mail = sendOne(0);

        assertThat(to(mail)).containsExactly("override@example.com");
        assertThat(mail.getSubject()).isEqualTo("From the entity: 42");
        assertThat(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent())
                .isEqualTo("Dear Åse, order 42: {{ missing }}");
    }

    @Test
    void aSinkConfigForAnotherSystemStopsTheStart() throws Exception {
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"type\": \"mail\", \"system\": \"elsewhere\", \"mail_from\": \"a@example.com\"}");

        assertThatThrownBy(() -> start(system("sinkConfig=resource:file:" + other)))
                .rootCause()
                .hasMessageContaining("sends through system 'elsewhere'");
    }

    @Test
    void aSinkConfigWithAnUnknownPropertyStopsTheStart() throws Exception {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"type\": \"mail\", \"mail_form\": \"a@example.com\"}");

        assertThatThrownBy(() -> start(system("sinkConfig=resource:file:" + typo)))
                .rootCause()
                .hasMessageContaining("'mail_form' is not a property of a Sesam mail sink");
    }

    @Test
    void inlineTemplatesUseDoubleSquareBracketsInUrisAndParameters() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // an endpoint URI in the Java DSL
                from("direct:uri")
                        .to(
                                system(
                                        SENDER + "&subjectTemplate=URI [[ order_no ]] [[ items|join(',') ]]"
                                                + "&bodyTemplate=RAW({% for i in items %}[[ loop.index ]]. [[ i ]] {% endfor %}& 100%)"));
                // endpoint parameters given one by one, as the YAML DSL's parameters: do
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("mailFrom", "orders@example.com");
                parameters.put("recipients", "b@example.com");
                parameters.put("subjectTemplate", "Parameter [[ order_no ]]");
                parameters.put("bodyTemplate", "{% if status == 'shipped' %}On its way, [[ name ]]{% endif %}");
                Endpoint endpoint = getContext()
                        .getEndpoint(
                                "smtp-system:files?smtpServer=127.0.0.1&smtpPort="
                                        + greenMail.getSmtp().getPort(),
                                parameters);
                from("direct:parameters").to(endpoint);
            }
        });
        start();

        context.createProducerTemplate().sendBody("direct:uri", order());
        context.createProducerTemplate().sendBody("direct:parameters", order());

        Map<String, MimeMessage> mails = new LinkedHashMap<>();
        for (MimeMessage mail : received(greenMail, 2)) {
            mails.put(to(mail).get(0), mail);
        }
        assertThat(mails.get("a@example.com").getSubject()).isEqualTo("URI 42 tea,milk");
        assertThat(GreenMailUtil.getBody(mails.get("a@example.com"))).isEqualTo("1. tea 2. milk & 100%");
        assertThat(mails.get("b@example.com").getSubject()).isEqualTo("Parameter 42");
        assertThat(mails.get("b@example.com").getContent()).isEqualTo("On its way, Åse");
    }

    @Test
    void curlyBracesInAUriAreCamelPlaceholdersAndStopTheStart() {
        assertThatThrownBy(() -> start(system(SENDER + "&subjectTemplate=Order {{ order_no }}&bodyTemplate=B")))
                .rootCause()
                .hasMessageContaining("Property with key [ order_no ] not found");
    }

    @Test
    void templatesInTheEntityAreJinjaAsWritten() throws Exception {
        start(system(SENDER));
        Map<String, Object> entity = order();
        entity.put("subject_template", "Entity {{ order_no }} [[ kept ]]");
        entity.put("body_template", "{% for i in items %}{{ i }};{% endfor %}");

        send(0, entity);

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(mail.getSubject()).isEqualTo("Entity 42 [[ kept ]]");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("tea;milk;");
    }

    @Test
    void optionsSetFromJavaBeforeTheStartAreUsedAsWritten() throws Exception {
        SmtpSystemEndpoint endpoint = context.getEndpoint(system("recipients=a@example.com"), SmtpSystemEndpoint.class);
        endpoint.getConfiguration().setMailFrom("java@example.com");
        endpoint.getConfiguration().setSubjectTemplate("Java {{ order_no }} {{ items[1] }}");
        endpoint.getConfiguration().setBodyTemplate("{% if status %}Status: {{ status }}{% endif %}");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:java").to(endpoint);
            }
        });
        start();

        context.createProducerTemplate().sendBody("direct:java", order());

        MimeMessage mail = received(greenMail, 1)[0];
        assertThat(mail.getFrom()[0].toString()).isEqualTo("java@example.com");
        assertThat(mail.getSubject()).isEqualTo("Java 42 milk");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("Status: shipped");
    }

    @Test
    void componentDefaultsSetFromJavaReachEveryEndpoint() throws Exception {
        SmtpSystemConfiguration defaults =
                context.getComponent("smtp-system", SmtpSystemComponent.class).getConfiguration();
        defaults.setMailFrom("default@example.com");
        defaults.setBodyTemplate("Default body {{ order_no }}");
        start(
                system("recipients=a@example.com&subjectTemplate=S"),
                system("recipients=b@example.com&subjectTemplate=S"));

        send(0, order());
        send(1, order());

        for (MimeMessage mail : received(greenMail, 2)) {
            assertThat(mail.getFrom()[0].toString()).isEqualTo("default@example.com");
            assertThat(GreenMailUtil.getBody(mail)).isEqualTo("Default body 42");
        }
    }
}
