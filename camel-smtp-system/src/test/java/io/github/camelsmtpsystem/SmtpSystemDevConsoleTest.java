package io.github.camelsmtpsystem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer console {@code smtp-system}, found the way Camel finds consoles (its service file), shows each running
 * system's figures after sends and discards, and no secret in text or JSON.
 */
class SmtpSystemDevConsoleTest extends SmtpSystemTestSupport {

    private static final String PASSWORD = "Console-Pw-7qZ3";
    private static final String SINK = "mailFrom=noreply@example.com&recipients=a@example.com"
            + "&subjectTemplate=Note [[ _id ]]&bodyTemplate=Private body [[ _id ]]";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("user", PASSWORD));

    @Test
    void showsEachSystemsFiguresAndNoSecret() throws Exception {
        context.setDevConsole(true);
        context.getPropertiesComponent().addInitialProperty("pw", PASSWORD);
        context.getPropertiesComponent().addInitialProperty("host", "127.0.0.1");
        int port = greenMail.getSmtp().getPort();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:open")
                        .to("smtp-system:open?smtpServer=127.0.0.1&smtpPort=" + port + "&maxPerHour=2&" + SINK);
                from("direct:hidden")
                        .to("smtp-system:hidden?smtpServer=$SECRET(host)&smtpPort=" + port
                                + "&smtpUsername=user&smtpPassword=$SECRET(pw)&maxPerHour=5&" + SINK);
            }
        });
        template.sendBody("direct:open", List.of(entity("1"), entity("2"), entity("3\nforged"), entity("4")));
        template.sendBody("direct:hidden", entity("5"));
        greenMail.waitForIncomingEmail(5000, 3);

        // as camel-console finds consoles for Camel JBang, the Spring Boot actuator and the Quarkus dev UI
        DevConsoleRegistry registry = DevConsoleRegistry.get(context);
        registry.loadDevConsoles(true);
        DevConsole console = registry.getConsole("smtp-system").orElseThrow();
        assertThat(console).isInstanceOf(SmtpSystemDevConsole.class);
        // and as Camel resolves one console by id
        assertThat(context.getCamelContextExtension()
                        .getContextPlugin(DevConsoleResolver.class)
                        .resolveDevConsole("smtp-system"))
                .isInstanceOf(SmtpSystemDevConsole.class);
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        String text = (String) console.call(DevConsole.MediaType.TEXT);

        List<JsonObject> systems = json.getCollection("systems");
        assertThat(systems).extracting(s -> s.getString("id")).containsExactly("hidden", "open");
        JsonObject open = systems.get(1);
        assertThat(open.getString("server")).isEqualTo("127.0.0.1");
        assertThat(open.getString("port")).isEqualTo(String.valueOf(port));
        assertThat(open.getString("tls")).isEqualTo("none");
        assertThat(open.getString("signIn")).isEqualTo("none");
        assertThat(open.getLong("maxPerHour")).isEqualTo(2);
        assertThat(open.getLong("budgetUsed")).isEqualTo(2);
        assertThat(open.getLong("budgetLeft")).isZero();
        assertThat(open.getLong("sent")).isEqualTo(2);
        assertThat(open.getLong("discarded")).isEqualTo(2);
        assertThat(open.getLong("failed")).isZero();
        assertThat(open.getLong("uncertain")).isZero();
        assertThat(open.getLong("skipped")).isZero();
        assertThat(open.getInteger("openConnections")).isBetween(0, 1);
        assertThat(open.getInteger("idleConnections")).isBetween(0, 1);
        List<JsonObject> discards = open.getCollection("lastDiscards");
        assertThat(discards).extracting(d -> d.getString("entityId")).containsExactly("3\\nforged", "4");
        assertThat(discards.get(0).getString("recipients")).isEqualTo("a@example.com");
        assertThat(discards.get(0).getString("subject")).contains("Note 3");
        assertThat(discards.get(0).getString("time")).isNotBlank();

        JsonObject hidden = systems.get(0);
        assertThat(hidden.getString("server")).isEqualTo("******");
        assertThat(hidden.getString("signIn")).isEqualTo("password");
        assertThat(hidden.getLong("sent")).isEqualTo(1);
        assertThat(hidden.getLong("budgetLeft")).isEqualTo(4);
        List<JsonObject> none = hidden.getCollection("lastDiscards");
        assertThat(none).isEmpty();

        assertThat(text)
                .contains("SMTP system: open", "2 used, 0 left of 2", "Sent: 2, discarded: 2", "entity '3\\nforged'")
                .contains("SMTP system: hidden", "Server: ******:", "sign-in: password");
        for (String shown : List.of(text, Jsoner.serialize(json))) {
            assertThat(shown).doesNotContain(PASSWORD, "Private body");
        }
    }

    @Test
    void keepsTheLastTenDiscards() {
        SystemCounters counters = new SystemCounters("ring", 1, 60_000);
        for (int i = 1; i <= 12; i++) {
            counters.discarded(new SystemCounters.Discard(String.valueOf(i), "a@example.com", "S", Instant.now()));
        }
        assertThat(counters.getDiscarded()).isEqualTo(12);
        assertThat(counters.recentDiscards())
                .extracting(SystemCounters.Discard::entityId)
                .containsExactly("3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
    }

    private static Map<String, Object> entity(String id) {
        return Map.of("_id", id);
    }
}
