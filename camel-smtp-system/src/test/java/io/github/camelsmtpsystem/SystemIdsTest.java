package io.github.camelsmtpsystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.github.camelsmtpsystem.internal.route.SystemRoute;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A system id maps to its own route (and with it its own server, credentials and hourly cap), for ids that differ only
 * in characters a route id cannot hold: each system's mail reaches its own server, signed in as its own user.
 */
class SystemIdsTest extends SmtpSystemTestSupport {

    @RegisterExtension
    static GreenMailExtension first = Mailbox.serverWithUser("first", "first-pass");

    @RegisterExtension
    static GreenMailExtension second = Mailbox.serverWithUser("second", "second-pass");

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        first.purgeEmailFromAllMailboxes();
        second.purgeEmailFromAllMailboxes();
    }

    @ParameterizedTest
    @CsvSource({"'a b', a_b", "mail:x, mail_x", "crm+x, crm_x", "a~20b, a b", "x-discarded, x"})
    void systemsWhoseIdsDifferOnlyInSpecialCharactersKeepTheirOwnServerAndCredentials(String one, String other)
            throws Exception {
        Path systems = dir.resolve("systems.json");
        Files.writeString(
                systems,
                "[" + system(one, first, "first", "first-pass", 1) + ", "
                        + system(other, second, "second", "second-pass", 5) + "]");
        component().setSystemsLocation("file:" + systems);
        start(endpoint(one), endpoint(other));

        Exchange exchange = send(0, Map.of("_id", "e1", "name", "one"));

        assertThat(exchange.getException()).isNull();
        assertThat(Mailbox.received(first, 1)).hasSize(1);
        assertThat(second.getReceivedMessages()).isEmpty();
        assertThat(context.getRoute(SystemRoute.routeId(one))).isNotNull();
        assertThat(context.getRoute(SystemRoute.routeId(other))).isNotNull();
        assertThat(SystemRoute.routeId(one)).isNotEqualTo(SystemRoute.routeId(other));
        assertThat(component().getCounters(one))
                .hasValueSatisfying(c -> assertThat(c.getSent()).isEqualTo(1));
        assertThat(component().getCounters(other))
                .hasValueSatisfying(c -> assertThat(c.getSent()).isZero());
    }

    @Test
    void routeIdsAreOneToOneAndKeepPlainIdsAsTheyWere() {
        assertThat(SystemRoute.routeId("our_smtp-server.1")).isEqualTo("smtp-system-our_smtp-server.1");
        assertThat(SystemRoute.routeId("a b")).isEqualTo("smtp-system-a~20b");
        assertThat(SystemRoute.routeId("a~20b")).isEqualTo("smtp-system-a~7E20b");
        assertThat(SystemRoute.routeId("æ")).isEqualTo("smtp-system-~C3~A6");
        List<String> ids = List.of(
                "a b",
                "a_b",
                "a-b",
                "a.b",
                "a~b",
                "a~20b",
                "a%20b",
                "a+b",
                "a:b",
                "a\tb",
                "ab",
                "a-discarded",
                "a~2Ddiscarded",
                "a",
                "æ",
                "~C3~A6",
                "mail:x",
                "mail_x",
                "crm+x",
                "crm_x");
        Set<String> routeIds = new HashSet<>();
        for (String id : ids) {
            routeIds.add(SystemRoute.routeId(id));
            routeIds.add(SystemRoute.routeId(id) + "-discarded");
        }
        assertThat(routeIds).hasSize(ids.size() * 2);
    }

    private static String system(String id, GreenMailExtension server, String user, String password, int max) {
        return "{\"_id\": \"" + id + "\", \"type\": \"system:smtp\", \"smtp_server\": \"127.0.0.1\", \"smtp_port\": "
                + server.getSmtp().getPort() + ", \"smtp_username\": \"" + user + "\", \"smtp_password\": \"" + password
                + "\", \"max_per_hour\": " + max + "}";
    }

    private static String endpoint(String id) {
        return "smtp-system:" + id.replace("%", "%25").replace(" ", "%20").replace("+", "%2B")
                + "?mailFrom=noreply@example.com&recipients=x@example.com&subjectTemplate=Hi&bodyTemplate=Body";
    }
}
