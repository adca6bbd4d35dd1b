package io.github.camelsmtpsystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.properties.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Mail sent to GreenMail through systems from each source: endpoint options, a JSON file with {@code $ENV} and
 * {@code $SECRET}, a {@link SmtpSystem} bean; and the ways {@code $ENV}/{@code $SECRET} resolve inside a running
 * component (Camel property, OS environment variable, secrets directory, custom resolver). GreenMail checks passwords:
 * a wrong one gets {@code 535 Authentication credentials invalid}.
 */
class SystemSourcesTest extends SmtpSystemTestSupport {

    /** Surefire sets this OS environment variable for the test JVM (see the pom). */
    private static final String OS_VARIABLE = "SMTP_SYSTEM_TEST_USER";

    private static final String OS_VARIABLE_VALUE = "env-user";

    private static final String SINK = "mailFrom=noreply@example.com&recipients=x@example.com"
            + "&subjectTemplate=Hi [[ name ]]&bodyTemplate=Body [[ name ]]";
    private static final Map<String, Object> ENTITY = Map.of("_id", "1", "name", "x");

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser("alice", "s3cret")
                    .withUser(OS_VARIABLE_VALUE, "file-pass")
                    .withUser("bob", OS_VARIABLE_VALUE));

    @TempDir
    Path dir;

    private final Properties properties = new Properties();

    @Test
    void uriOptionsAloneDefineTheSystem() throws Exception {
        start(c -> {}, "smtp-system:inline?smtpServer=localhost&smtpPort=" + port() + "&maxPerHour=7&" + SINK);

        send("direct:0");

        MimeMessage mail = onlyMail();
        assertThat(mail.getSubject()).isEqualTo("Hi x");
        assertThat(GreenMailUtil.getBody(mail)).isEqualTo("Body x");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("x@example.com");
        SmtpSystem system = component().getSystem("inline");
        assertThat(system.getSmtpPort()).isEqualTo(port());
        assertThat(system.getMaxPerHour()).isEqualTo(7);
        assertThat(system.getSource().description()).isEqualTo("the options of endpoint smtp-system://inline");
        assertThat(component().getCounters("inline")).hasValueSatisfying(counters -> {
            assertThat(counters.getSent()).isEqualTo(1);
            assertThat(counters.getMaxPerHour()).isEqualTo(7);
        });
    }

    @Test
    void twoEndpointsDefiningTheSameSystemIdenticallyShareIt() throws Exception {
        String system = "smtp-system:shared?smtpServer=localhost&smtpPort=" + port()
                + "&maxPerHour=5&mailFrom=noreply@example.com" + "&subjectTemplate=Hi&bodyTemplate=Body";
        start(c -> {}, system + "&recipients=a@example.com", system + "&recipients=b@example.com");

        send("direct:0");
        send("direct:1");

        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(Arrays.stream(greenMail.getReceivedMessages())
                        .map(mail -> Mailbox.to(mail).get(0)))
                .containsExactlyInAnyOrder("a@example.com", "b@example.com");
        assertThat(component().getCounters("shared"))
                .hasValueSatisfying(counters -> assertThat(counters.getSent()).isEqualTo(2));
    }

    @Test
    void fileAndUriThatAgreeAreOneSystem() throws Exception {
        String file = systemsFile("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": %d}
                """.formatted(port()));

        start(c -> c.setSystemsLocation(file), "smtp-system:mail?smtpServer=localhost&smtpPort=" + port() + "&" + SINK);
        send("direct:0");

        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
        assertThat(component().getSystem("mail").getSource().description()).startsWith(file + " (line 1, column 1)");
    }

    @Test
    void jsonFileWithEnvAndSecretTokensSendsWithPasswordAuthentication() throws Exception {
        String file = systemsFile("""
                {
                  "_id": "file-system",
                  "type": "system:smtp",
                  "smtp_server": "$ENV(smtp-host)",
                  "smtp_port": "$ENV(smtp-port)",
                  "smtp_username": "$ENV(SMTP_SYSTEM_TEST_USER)",
                  "smtp_password": $SECRET(smtp-password),
                  "use_tls": "$ENV(smtp-tls)",
                  "max_per_hour": "$ENV(cap)"
                }
                """);
        Files.writeString(dir.resolve("smtp-password"), "file-pass\n");
        properties.setProperty("smtp-host", "localhost");
        properties.setProperty("smtp-port", Integer.toString(port()));
        properties.setProperty("smtp-tls", "false");
        properties.setProperty("cap", "10");

        start(
                c -> {
                    c.setSystemsLocation(file);
                    c.setSecretsDirectory(dir.toString());
                    // Camel itself reads no OS variables now: only the component's own fallback can find
                    // SMTP_SYSTEM_TEST_USER
                    camelProperties(c).setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
                },
                "smtp-system:file-system?" + SINK);
        send("direct:0");

        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
        SmtpSystem system = component().getSystem("file-system");
        assertThat(system.getSmtpUsername())
                .as("$ENV falls back to the OS environment variable")
                .isEqualTo(OS_VARIABLE_VALUE);
        assertThat(system.getSmtpPassword())
                .as("$SECRET read from the secrets directory")
                .isEqualTo("file-pass");
        assertThat(system.getSmtpPort()).isEqualTo(port());
        assertThat(system.isUseTls()).isFalse();
        assertThat(system.getMaxPerHour()).isEqualTo(10);
    }

    @Test
    void envWithBothACamelPropertyAndAnOsVariableFollowsCamel() throws Exception {
        String file = systemsFile("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": %d,
                 "smtp_username": "$ENV(SMTP_SYSTEM_TEST_USER)", "smtp_password": "s3cret"}
                """.formatted(port()));
        properties.setProperty(OS_VARIABLE, "alice");

        start(c -> c.setSystemsLocation(file), "smtp-system:mail?" + SINK);

        // Camel's default environmentVariableMode lets an OS variable override a property of the same name
        assertThat(component().getSystem("mail").getSmtpUsername()).isEqualTo(OS_VARIABLE_VALUE);
    }

    @Test
    void envPrefersTheCamelPropertyWhenCamelReadsOsVariablesAsFallback() throws Exception {
        String file = systemsFile("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": %d,
                 "smtp_username": "$ENV(SMTP_SYSTEM_TEST_USER)", "smtp_password": "s3cret"}
                """.formatted(port()));
        properties.setProperty(OS_VARIABLE, "alice");

        start(
                c -> {
                    c.setSystemsLocation(file);
                    camelProperties(c)
                            .setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK);
                },
                "smtp-system:mail?" + SINK);
        send("direct:0");

        assertThat(component().getSystem("mail").getSmtpUsername()).isEqualTo("alice");
        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
    }

    @Test
    void secretFromACamelProperty() throws Exception {
        String file = authenticatedSystem("alice", "$SECRET(alice-password)");
        properties.setProperty("alice-password", "s3cret");
        Files.writeString(dir.resolve("alice-password"), "not-this-one");

        start(
                c -> {
                    c.setSystemsLocation(file);
                    c.setSecretsDirectory(dir.toString());
                },
                "smtp-system:mail?" + SINK);
        send("direct:0");

        assertThat(component().getSystem("mail").getSmtpPassword())
                .as("the property wins over the file")
                .isEqualTo("s3cret");
        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
    }

    @Test
    void secretFromAnOsEnvironmentVariable() throws Exception {
        // GreenMail's bob has the variable's value as his password
        String file = authenticatedSystem("bob", "$SECRET(SMTP_SYSTEM_TEST_USER)");

        start(
                c -> {
                    c.setSystemsLocation(file);
                    // not through Camel's properties: the secret resolver reads the variable itself
                    camelProperties(c).setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
                },
                "smtp-system:mail?" + SINK);
        send("direct:0");

        assertThat(component().getSystem("mail").getSmtpPassword()).isEqualTo(OS_VARIABLE_VALUE);
        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
    }

    @Test
    void customSecretResolverOnTheComponent() throws Exception {
        String file = authenticatedSystem("alice", "$SECRET(vault/alice)");
        properties.setProperty("vault/alice", "not-this-one");

        start(
                c -> {
                    c.setSystemsLocation(file);
                    c.setSecretResolver(name -> name.equals("vault/alice") ? Optional.of("s3cret") : Optional.empty());
                },
                "smtp-system:mail?" + SINK);
        send("direct:0");

        assertThat(component().getSystem("mail").getSmtpPassword()).isEqualTo("s3cret");
        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
    }

    @Test
    void wrongPasswordIsRejectedByTheServer() throws Exception {
        String file = authenticatedSystem("alice", "$SECRET(alice-password)");
        properties.setProperty("alice-password", "wrong-pa55");

        start(c -> c.setSystemsLocation(file), "smtp-system:mail?" + SINK);
        CamelExecutionException error = catchThrowableOfType(CamelExecutionException.class, () -> send("direct:0"));

        assertThat(error).isNotNull();
        assertThat(error).hasRootCauseInstanceOf(AuthenticationFailedException.class);
        assertThat(error.getCause()).hasMessageContaining("Entity '1'").hasMessageContaining("SMTP system 'mail'");
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain("wrong-pa55");
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(component().getCounters("mail")).hasValueSatisfying(counters -> {
            assertThat(counters.getSent()).isZero();
            assertThat(counters.getFailed()).isEqualTo(1);
        });
    }

    @Test
    void unknownUserIsRejectedByTheServer() throws Exception {
        String file = authenticatedSystem("mallory", "s3cret");

        start(c -> c.setSystemsLocation(file), "smtp-system:mail?" + SINK);
        CamelExecutionException error = catchThrowableOfType(CamelExecutionException.class, () -> send("direct:0"));

        assertThat(error).hasRootCauseInstanceOf(AuthenticationFailedException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void systemFromARegistryBean() throws Exception {
        start(
                c -> c.getCamelContext()
                        .getRegistry()
                        .bind(
                                "beanSystem",
                                SmtpSystem.builder("bean-system")
                                        .smtpPort(port())
                                        .smtpUsername("alice")
                                        .smtpPassword("s3cret")
                                        .build()),
                "smtp-system:bean-system?" + SINK);
        send("direct:0");

        assertThat(onlyMail().getSubject()).isEqualTo("Hi x");
        assertThat(component().getSystem("bean-system").isAuthenticated()).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static PropertiesComponent camelProperties(SmtpSystemComponent component) {
        return (PropertiesComponent) component.getCamelContext().getPropertiesComponent();
    }

    private static int port() {
        return greenMail.getSmtp().getPort();
    }

    private String authenticatedSystem(String username, String password) throws IOException {
        return systemsFile("""
                {"_id": "mail", "type": "system:smtp", "smtp_port": %d, "smtp_username": "%s", "smtp_password": "%s"}
                """.formatted(port(), username, password));
    }

    private String systemsFile(String json) throws IOException {
        Path file = Files.createTempFile(dir, "systems", ".json");
        Files.writeString(file, json);
        return "file:" + file;
    }

    /** Starts the context with the route {@code direct:<i> → uris[i]} for each URI. */
    private void start(ComponentSetup setup, String... uris) throws Exception {
        context.getPropertiesComponent().setOverrideProperties(properties);
        setup.configure(component());
        start(uris);
    }

    private void send(String uri) {
        template.sendBody(uri, ENTITY);
    }

    private static MimeMessage onlyMail() {
        return Mailbox.received(greenMail, 1)[0];
    }

    @FunctionalInterface
    private interface ComponentSetup {
        void configure(SmtpSystemComponent component) throws Exception;
    }
}
