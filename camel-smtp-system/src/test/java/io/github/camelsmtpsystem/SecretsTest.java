package io.github.camelsmtpsystem;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.internal.health.SmtpSystemHealthCheck;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords, OAuth2 client secrets and refresh tokens, given through $SECRET in a systems file or an endpoint URI, appear in
 * no log line at any level, no exception, no toString(), no endpoint URI and no JMX attribute, through a successful send,
 * a failed login, a discard, a failed start and an unreachable token endpoint. OAuth2SecretsIT checks whole XOAUTH2 sign-ins.
 */
class SecretsTest extends SmtpSystemTestSupport {

    private static final String URI_PASSWORD = "Uri-Pw-7f3kQz";
    private static final String SECRET_PASSWORD = "Secret-Pw-9x2mLw";
    private static final String SECRET_USER = "Secret-User-5tR2";
    private static final String OAUTH2_CLIENT_SECRET = "OAuth2-Client-Secret-3vQ8";
    private static final String OAUTH2_REFRESH_TOKEN = "OAuth2-Refresh-Token-6hT1";
    private static final String SINK =
            "mailFrom=noreply@example.com&recipients=to@example.com&subjectTemplate=S&bodyTemplate=B";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig()
                    .withUser("uri-user", URI_PASSWORD)
                    .withUser("file-user", SECRET_PASSWORD)
                    .withUser(SECRET_USER, "the-password"));

    @TempDir
    Path dir;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // what JMX shows is checked too
        configuration.withJMX(true);
    }

    @Test
    void noPasswordInLogsExceptionsUrisToStringOrJmx() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("smtp-password"), SECRET_PASSWORD);
        Files.writeString(secrets.resolve("wrong-password"), SECRET_PASSWORD + "-wrong");
        Path systems = dir.resolve("systems.json");
        Files.writeString(systems, """
                [ {"_id": "from-file", "type": "system:smtp", "smtp_server": "localhost", "smtp_port": %d,
                   "smtp_username": "file-user", "smtp_password": "$SECRET(smtp-password)", "max_per_hour": 1},
                  {"_id": "wrong", "type": "system:smtp", "smtp_server": "localhost", "smtp_port": %d,
                   "smtp_username": "file-user", "smtp_password": "$SECRET(wrong-password)"} ]
                """.formatted(port(), port()));
        List<String> seen = new ArrayList<>();

        try (LogCapture log = LogCapture.everything()) {
            context.getPropertiesComponent().addInitialProperty("uri-password", URI_PASSWORD);
            SmtpSystemComponent component = component();
            component.setSystemsLocation("file:" + systems);
            component.setSecretsDirectory(secrets.toString());
            component.setMaximumRedeliveries(0);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:uri")
                            .to("smtp-system:on-uri?smtpServer=localhost&smtpPort=" + port()
                                    + "&smtpUsername=uri-user&smtpPassword=$SECRET(uri-password)&" + SINK);
                    from("direct:file").to("smtp-system:from-file?" + SINK);
                    from("direct:wrong").to("smtp-system:wrong?" + SINK);
                }
            });
            context.start();

            Exchange viaUri = template.send("direct:uri", e -> e.getMessage().setBody(Map.of("_id", "1")));
            Exchange viaFile = template.send("direct:file", e -> e.getMessage().setBody(Map.of("_id", "2")));
            Exchange discarded =
                    template.send("direct:file", e -> e.getMessage().setBody(Map.of("_id", "3")));
            Exchange refused = template.send("direct:wrong", e -> e.getMessage().setBody(Map.of("_id", "4")));

            assertThat(viaUri.getException()).isNull();
            assertThat(viaFile.getException()).isNull();
            assertThat(discarded.getMessage().getHeader(SmtpSystemConstants.DISCARDED))
                    .isEqualTo(1);
            assertThat(refused.getException()).isNotNull();
            assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();

            for (Throwable t = refused.getException(); t != null; t = t.getCause()) {
                seen.add(t.toString());
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                seen.add(endpoint.getEndpointUri());
                seen.add(endpoint.toString());
            }
            for (String id : List.of("on-uri", "from-file", "wrong")) {
                seen.add(component.getSystem(id).toString());
            }
            seen.addAll(jmxAttributes());
            seen.addAll(log.lines());
        }

        assertThat(seen).isNotEmpty();
        assertThat(String.join("\n", seen))
                .contains("535")
                .doesNotContain(URI_PASSWORD)
                .doesNotContain(SECRET_PASSWORD);
    }

    @Test
    void aFailedStartDoesNotShowTheSecret() throws Exception {
        Path systems = dir.resolve("bad.json");
        // the secret holds a value of the wrong type for a port
        Files.writeString(systems, """
                {"_id": "bad", "type": "system:smtp", "smtp_port": "$SECRET(port)"}
                """);
        List<String> seen = new ArrayList<>();
        try (LogCapture log = LogCapture.everything()) {
            context.getPropertiesComponent().addInitialProperty("port", SECRET_PASSWORD);
            component().setSystemsLocation("file:" + systems);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").to("smtp-system:bad?" + SINK);
                }
            });
            try {
                context.start();
            } catch (Exception e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.add(t.toString());
                }
            }
            seen.addAll(log.lines());
        }

        assertThat(String.join("\n", seen)).contains("smtp_port").doesNotContain(SECRET_PASSWORD);
    }

    @Test
    void noOAuth2ClientSecretOrRefreshTokenInLogsExceptionsUrisToStringOrJmx() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("oauth2-refresh-token"), OAUTH2_REFRESH_TOKEN);
        int closed = LocalServers.freePort();
        Path systems = dir.resolve("systems.json");
        // the token endpoint is down: the failure, its retry and the health check all pass the secrets around
        Files.writeString(systems, """
                {"_id": "from-file", "type": "system:smtp", "smtp_server": "localhost", "smtp_port": %d,
                 "smtp_username": "noreply@example.com", "smtp_oauth2_token_url": "http://127.0.0.1:%d/token",
                 "smtp_oauth2_client_id": "app", "smtp_oauth2_client_secret": "$SECRET(oauth2-client-secret)",
                 "smtp_oauth2_refresh_token": "$SECRET(oauth2-refresh-token)"}
                """.formatted(port(), closed));
        List<String> seen = new ArrayList<>();

        try (LogCapture log = LogCapture.everything()) {
            context.getPropertiesComponent().addInitialProperty("oauth2-client-secret", OAUTH2_CLIENT_SECRET);
            SmtpSystemComponent component = component();
            component.setSystemsLocation("file:" + systems);
            component.setSecretsDirectory(secrets.toString());
            component.setMaximumRedeliveries(1);
            component.setRedeliveryDelay(10);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:uri")
                            .to("smtp-system:on-uri?smtpServer=localhost&smtpPort=" + port()
                                    + "&smtpUsername=noreply@example.com&smtpOauth2TokenUrl=http://localhost:" + closed
                                    + "/token"
                                    + "&smtpOauth2ClientId=app&smtpOauth2ClientSecret=$SECRET(oauth2-client-secret)"
                                    + "&smtpOauth2RefreshToken=$SECRET(oauth2-refresh-token)&" + SINK);
                    from("direct:file").to("smtp-system:from-file?" + SINK);
                }
            });
            context.start();

            for (String route : List.of("direct:uri", "direct:file")) {
                Exchange failed = template.send(route, e -> e.getMessage().setBody(Map.of("_id", "1")));
                assertThat(failed.getException()).isNotNull();
                for (Throwable t = failed.getException(); t != null; t = t.getCause()) {
                    seen.add(t.toString());
                }
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                seen.add(endpoint.getEndpointUri());
                seen.add(endpoint.toString());
            }
            for (String id : List.of("on-uri", "from-file")) {
                seen.add(component.getSystem(id).toString());
            }
            seen.addAll(jmxAttributes());
            seen.addAll(log.lines());
        }

        assertThat(String.join("\n", seen))
                .contains("cannot be reached")
                .doesNotContain(OAUTH2_CLIENT_SECRET)
                .doesNotContain(OAUTH2_REFRESH_TOKEN);
    }

    @Test
    void aUserNameOrHostFromSecretIsShownNowhere() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("smtp-user"), SECRET_USER);
        Files.writeString(secrets.resolve("smtp-host"), "localhost");
        Path systems = dir.resolve("systems.json");
        Files.writeString(secrets.resolve("unknown-host"), "no-such-host-4711.invalid");
        Files.writeString(systems, """
                [ {"_id": "hidden", "type": "system:smtp", "smtp_server": "$SECRET(smtp-host)", "smtp_port": %d,
                   "smtp_username": "$SECRET(smtp-user)", "smtp_password": "not-the-password"},
                  {"_id": "unknown", "type": "system:smtp", "smtp_server": "$SECRET(unknown-host)"} ]
                """.formatted(port()));
        String hostAndPort = "localhost:" + port();
        List<String> seen = new ArrayList<>();
        List<String> shown = new ArrayList<>();

        try (LogCapture log = LogCapture.everything()) {
            SmtpSystemComponent component = component();
            component.setSystemsLocation("file:" + systems);
            component.setSecretsDirectory(secrets.toString());
            component.setMaximumRedeliveries(0);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:hidden").to("smtp-system:hidden?" + SINK);
                    from("direct:unknown").to("smtp-system:unknown?" + SINK);
                    from("direct:uri")
                            .to("smtp-system:on-uri?smtpServer=$SECRET(smtp-host)&smtpPort=" + port()
                                    + "&smtpUsername=$SECRET(smtp-user)&smtpPassword=wrong&" + SINK);
                }
            });
            context.start();

            for (String route : List.of("direct:hidden", "direct:uri")) {
                Exchange refused = template.send(route, e -> e.getMessage().setBody(Map.of("_id", "1")));
                assertThat(refused.getException()).isNotNull();
                for (Throwable t = refused.getException(); t != null; t = t.getCause()) {
                    seen.add(t.toString());
                }
            }
            // the JDK names the host it cannot find
            Exchange unknown =
                    template.send("direct:unknown", e -> e.getMessage().setBody(Map.of("_id", "2")));
            assertThat(unknown.getException()).isNotNull();
            for (Throwable t = unknown.getException(); t != null; t = t.getCause()) {
                shown.add(t.toString());
            }
            for (String id : List.of("hidden", "on-uri", "unknown")) {
                shown.add(component.getSystem(id).toString());
                HealthCheck.Result health = HealthCheckHelper.invoke(context, SmtpSystemHealthCheck.idOf(id), Map.of())
                        .orElseThrow();
                shown.add(health.getMessage().orElse("") + " " + health.getDetails());
            }
            for (Endpoint endpoint : context.getEndpoints()) {
                shown.add(endpoint.getEndpointUri());
            }
            // what JMX's dumpRouteAsXml shows
            for (org.apache.camel.Route route : context.getRoutes()) {
                shown.add(PluginHelper.getModelToXMLDumper(context)
                        .dumpModelAsXml(context, (NamedNode) route.getRoute()));
            }
            shown.addAll(jmxAttributes());
            seen.addAll(log.clientLines());
        }
        seen.addAll(shown);

        assertThat(String.join("\n", seen)).contains("535").doesNotContain(SECRET_USER);
        assertThat(String.join("\n", shown))
                .contains("******")
                .doesNotContain(hostAndPort)
                .doesNotContain("smtp://localhost")
                .doesNotContain("no-such-host-4711");
    }

    /** Every readable attribute of every Camel MBean, as text. */
    static List<String> jmxAttributes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:*"), null);
        assertThat(names).isNotEmpty();
        for (ObjectName name : names) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (attribute.isReadable()) {
                    try {
                        values.add(name + " " + attribute.getName() + "="
                                + server.getAttribute(name, attribute.getName()));
                    } catch (Exception | Error notReadableNow) {
                        // some attributes cannot be read in every state; they show no value either
                    }
                }
            }
        }
        return values;
    }

    private static int port() {
        return greenMail.getSmtp().getPort();
    }
}
