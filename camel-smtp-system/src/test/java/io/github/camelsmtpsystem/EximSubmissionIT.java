package io.github.camelsmtpsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The component against Debian's Exim 4.96, the other MTA most users meet: STARTTLS and AUTH, PIPELINING, CHUNKING
 * and SMTPUTF8 offered. Exim is strict about pipelining (it logs a "synchronization error" and drops a client that
 * sends where it may not), so every test also reads its log for protocol errors.
 */
class EximSubmissionIT extends SmtpServerTestSupport {

    private static final String TO = "to@example.com";

    @Test
    void startTlsAuthPipeliningAndChunkingDeliverEveryMail() throws Exception {
        Exim exim = exim();
        submitTo(exim, Exim.PASSWORD, c -> {});

        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:send", Map.of("_id", "m" + i, "recipients", TO));
        }

        assertThat(exim.awaitDelivered(TO, 3))
                .allSatisfy(mail -> assertThat(mail).contains("Subject: Hello m"));
        context.stop();
        // one connection besides the start-up check's, with BDAT (Exim's "K" flag on each received mail)
        assertThat(exim.log())
                .filteredOn(line -> line.contains("TCP/IP connection count"))
                .hasSize(2);
        assertThat(exim.log())
                .filteredOn(line -> line.contains(" <= "))
                .hasSize(3)
                .allMatch(line -> line.contains(" K "));
        assertNoProtocolErrors(exim);
    }

    @Test
    void runsOfMailsWithRefusedRecipientsAmongThemDeliverEveryOtherMailOnce() throws Exception {
        Exim exim = exim();
        splitInParallelTo(exim, c -> {});

        CamelExecutionException failed = catchThrowableOfType(
                CamelExecutionException.class, () -> template.sendBody("direct:batch", batch(40, 4)));

        assertThat(failed).isNotNull();
        assertThat(exim.awaitDelivered(TO, 30)).hasSize(30).doesNotHaveDuplicates();
        assertThat(counters().getSent()).isEqualTo(30);
        assertThat(counters().getFailed()).isEqualTo(10);
        assertThat(exim.log())
                .filteredOn(line -> line.contains("rejected RCPT <nobody@example.com>"))
                .hasSize(10);
        assertNoProtocolErrors(exim);
    }

    @Test
    void withDataRunsOfMailsSendEachEndWithTheNextMailsCommands() throws Exception {
        Exim exim = exim();
        // the end of data, then RSET, MAIL FROM, RCPT TO and DATA of the next mail, in one write
        splitInParallelTo(exim, c -> c.setChunking(false));

        CamelExecutionException failed = catchThrowableOfType(
                CamelExecutionException.class, () -> template.sendBody("direct:batch", batch(40, 4)));

        assertThat(failed).isNotNull();
        assertThat(exim.awaitDelivered(TO, 30)).hasSize(30).doesNotHaveDuplicates();
        assertThat(counters().getSent()).isEqualTo(30);
        assertThat(exim.log()).filteredOn(line -> line.contains(" <= ")).noneMatch(line -> line.contains(" K "));
        assertNoProtocolErrors(exim);
    }

    @Test
    void aNonAsciiAddressGoesWithSmtpUtf8ToItsOwnMailbox() throws Exception {
        Exim exim = exim();
        submitTo(exim, Exim.PASSWORD, c -> {});

        template.sendBody("direct:send", Map.of("_id", "utf8", "recipients", "åse@example.com"));

        // the issue saw Exim deliver raw 8-bit bytes to a mailbox of another name ("\\xe5se")
        assertThat(exim.awaitDelivered("åse@example.com", 1).get(0)).contains("To: åse@example.com");
        assertNoProtocolErrors(exim);
    }

    @Test
    void aWrongPasswordSignsInOnce() throws Exception {
        Exim exim = exim();
        submitTo(exim, "not-the-password", c -> c.setRedeliveryDelay(10));

        EntityMailException failure = sendFails(Map.of("_id", "refused", "recipients", TO));

        assertThat(failure.getMessage()).contains("'refused'", "535");
        assertThat(exim.log())
                .filteredOn(line -> line.contains("authenticator failed"))
                .hasSize(1);
    }

    private void assertNoProtocolErrors(Exim exim) {
        assertThat(exim.log())
                .noneMatch(line -> line.contains("synchronization error")
                        || line.contains("SMTP protocol error")
                        || line.contains("SMTP syntax error"));
    }

    /** One connection shared by a batch split with parallel processing (ten threads), as the documentation shows. */
    private void splitInParallelTo(Exim exim, Consumer<SmtpSystemComponent> configure) throws Exception {
        component().setSslContextParameters(trustingTestCa());
        component().setConnectionPoolSize(1);
        component().setMaximumRedeliveries(0);
        configure.accept(component());
        String endpoint = "smtp-system:safety?smtpServer=localhost&smtpPort=" + exim.port() + "&" + SINK
                + "&useTls=true&smtpUsername=" + Exim.USER + "&smtpPassword=" + Exim.PASSWORD + "&"
                + ENTITY_RECIPIENTS;
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:batch").split(body()).parallelProcessing().to(endpoint);
            }
        });
    }

    /** {@code mails} entities; every {@code refusedEvery}-th goes to a recipient the server refuses at RCPT TO. */
    private static List<Map<String, Object>> batch(int mails, int refusedEvery) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            batch.add(Map.of(
                    "_id", "b" + i, "recipients", i % refusedEvery == refusedEvery - 1 ? "nobody@example.com" : TO));
        }
        return batch;
    }

    private Exim exim() throws Exception {
        Exim exim = Exim.start();
        closeAfter.add(exim);
        return exim;
    }

    private void submitTo(Exim exim, String password, Consumer<SmtpSystemComponent> configure) throws Exception {
        start(
                c -> {
                    c.setSslContextParameters(trustingTestCa());
                    configure.accept(c);
                },
                "localhost",
                exim.port(),
                "useTls=true&smtpUsername=" + Exim.USER + "&smtpPassword=" + password + "&" + ENTITY_RECIPIENTS);
    }
}
