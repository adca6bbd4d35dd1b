package io.github.camelsmtpsystem.benchmarks;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every client's messages are counted by the servers; the external servers only where they are installed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServersTest {

    @Test
    void greenMailCountsWhatEveryClientSends() throws Exception {
        List<String> notes = new ArrayList<>();
        try (SmtpServer server = Servers.plain(true, notes)) {
            assertThat(server.description()).startsWith("GreenMail SMTP");
            BenchClient.Target target = new BenchClient.Target(server.host(), server.port(), false, false);
            assertAllClientsAccounted(server, target);
        }
    }

    @Test
    void greenMailSmtpsWithAuthCountsWhatEveryClientSends() throws Exception {
        try (SmtpServer server = Servers.tlsWithAuth(true, new ArrayList<>())) {
            assertThat(server.implicitTls()).isTrue();
            assertThat(server.auth()).isTrue();
            assertAllClientsAccounted(server, new BenchClient.Target(server.host(), server.port(), true, true));
        }
    }

    @Test
    void smtpSinkCountsWhatEveryClientSends() throws Exception {
        assumeTrue(Files.isExecutable(Servers.SMTP_SINK), "Postfix's smtp-sink is not installed");
        try (SmtpServer server = Servers.plain(false, new ArrayList<>())) {
            assertThat(server.description()).startsWith("Postfix smtp-sink");
            assertAllClientsAccounted(server, new BenchClient.Target(server.host(), server.port(), false, false));
        }
    }

    @Test
    void stunnelAndAiosmtpdCountWhatEveryClientSendsThroughTheDelayingProxy() throws Exception {
        List<String> notes = new ArrayList<>();
        try (SmtpServer server = Servers.tlsWithAuth(false, notes)) {
            assumeTrue(notes.isEmpty(), "stunnel or aiosmtpd is not installed");
            assertThat(server.description()).startsWith("stunnel");
            try (DelayingProxy proxy =
                    new DelayingProxy("127.0.0.1", server.port(), TimeUnit.MILLISECONDS.toNanos(2))) {
                assertAllClientsAccounted(server, new BenchClient.Target(server.host(), proxy.port(), true, true));
            }
        }
    }

    private static void assertAllClientsAccounted(SmtpServer server, BenchClient.Target target) throws Exception {
        List<BenchClient> clients = List.of(
                new SmtpSystemClient(target, "test", 1000, 1), new CamelMailClient(target), new RawAngusClient(target));
        try {
            for (BenchClient client : clients) {
                RunResult result = RunResult.run(client, 2, 2, server);
                assertThat(result.failure()).as(client.name()).isNull();
                assertThat(result.accounted()).as(client.name() + ": " + result).isTrue();
            }
        } finally {
            for (BenchClient client : clients) {
                client.close();
            }
        }
    }
}
