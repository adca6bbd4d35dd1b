package io.github.camelsmtpsystem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelsmtpsystem.internal.batch.BatchRuns;
import io.github.camelsmtpsystem.mail.BatchMailException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of one exchange goes to real servers as pipelined runs, each entity with its own outcome: refused recipients
 * at known places, a batch over the hourly cap, a connection cut in the middle of a run. Against Debian's Postfix
 * {@code smtpd} (STARTTLS and AUTH, or a relay without TLS behind the {@link FaultProxy}) and Exim.
 */
class BatchRunsIT extends SmtpServerTestSupport {

    private static final String TO = "to@example.com";
    private static final String REFUSED = "nobody@example.com";
    private static final Set<Integer> REFUSED_AT = Set.of(0, 7, 42, 93, 99);
    private static final Pattern ENTITY = Pattern.compile("Subject: Hello (e\\d+)");

    @Test
    void postfixRefusesRecipientsAtKnownPlacesAndEveryOtherMailOfTheBatchIsDelivered() throws Exception {
        Postfix postfix = track(Postfix.start());
        submitTo(postfix.port(), Postfix.USER, Postfix.PASSWORD, "");

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, REFUSED_AT)));

        assertRefusedAtKnownPlaces(done, postfix.awaitDelivered(TO, 95));
        context.stop();
        // one sign-in; the five refused mails failed alone: every other mail's BDAT went
        assertThat(postfix.awaitSessions(1))
                .hasSizeLessThanOrEqualTo(2)
                .allSatisfy(session -> assertThat(session).contains("auth=1"));
        assertThat(String.join("\n", postfix.sessions())).doesNotContain("data=");
        assertThat(postfix.log()).noneMatch(line -> line.contains("improper command pipelining"));
    }

    @Test
    void eximRefusesRecipientsAtKnownPlacesAndEveryOtherMailOfTheBatchIsDelivered() throws Exception {
        Exim exim = track(Exim.start());
        submitTo(exim.port(), Exim.USER, Exim.PASSWORD, "");

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, REFUSED_AT)));

        assertRefusedAtKnownPlaces(done, exim.awaitDelivered(TO, 95));
    }

    @Test
    void aBatchOverTheHourlyCapDiscardsItsLastEntitiesInOrder() throws Exception {
        Postfix postfix = track(Postfix.start());
        submitTo(postfix.port(), Postfix.USER, Postfix.PASSWORD, "&maxPerHour=30");

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, Set.of())));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(30);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(70);
        Map<String, List<String>> report = report(done);
        assertThat(report.get("sent")).isEqualTo(ids(0, 30));
        assertThat(report.get("discarded")).isEqualTo(ids(30, 100));
        assertThat(entities(postfix.awaitDelivered(TO, 30))).containsExactlyInAnyOrderElementsOf(ids(0, 30));
        assertThat(counters().getSent()).isEqualTo(30);
        assertThat(counters().getDiscarded()).isEqualTo(70);
    }

    @Test
    void eximDiscardsTheEntitiesOverTheHourlyCapInOrder() throws Exception {
        Exim exim = track(Exim.start());
        submitTo(exim.port(), Exim.USER, Exim.PASSWORD, "&maxPerHour=55");

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, Set.of())));

        assertThat(done.getException()).isNull();
        assertThat(report(done).get("sent")).isEqualTo(ids(0, 55));
        assertThat(report(done).get("discarded")).isEqualTo(ids(55, 100));
        assertThat(entities(exim.awaitDelivered(TO, 55))).containsExactlyInAnyOrderElementsOf(ids(0, 55));
    }

    @Test
    void withDataAConnectionCutAfterMailFromLosesNothingAndSendsNothingTwice() throws Exception {
        Postfix postfix = track(Postfix.startRelay("smtpd_discard_ehlo_keywords = chunking"));
        FaultProxy proxy =
                track(FaultProxy.start(postfix.port(), FaultProxy.Step.AFTER_MAIL, FaultProxy.Action.CUT, 1));
        sendThrough(proxy);

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, Set.of())));

        // the cut mail and those after it on that connection were not sent: they went again, once
        assertThat(proxy.faults()).isEqualTo(1);
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(100);
        assertThat(report(done).get("sent")).isEqualTo(ids(0, 100));
        List<String> delivered = entities(postfix.awaitDelivered(TO, 100));
        assertThat(delivered).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void aConnectionCutAfterAnEndOfDataLeavesItsRunUncertainAndEveryEntityAccountedFor() throws Exception {
        Postfix postfix = track(Postfix.startRelay());
        FaultProxy proxy =
                track(FaultProxy.start(postfix.port(), FaultProxy.Step.AFTER_END_OF_DATA, FaultProxy.Action.CUT, 1));
        sendThrough(proxy);

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, Set.of())));

        assertThat(proxy.faults()).isEqualTo(1);
        BatchMailException failure = (BatchMailException) done.getException();
        assertThat(failure).isNotNull();
        List<String> sent = failure.getSentEntityIds();
        List<String> uncertain = failure.getUncertainEntityIds();
        assertThat(failure.isUncertain()).isTrue();
        assertThat(uncertain).isNotEmpty().hasSizeLessThanOrEqualTo(BatchRuns.MOST_PER_RUN);
        assertThat(failure.getRefusedEntityIds()).isEmpty();
        assertThat(failure.getNotSentEntityIds()).isEmpty();
        // every entity accounted for, once
        List<String> all = new ArrayList<>(sent);
        all.addAll(uncertain);
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(0, 100));
        assertThat(failure.getMessage()).contains("uncertain (may have been delivered): " + uncertain.size());
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(sent.size());
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.UNCERTAIN)).isEqualTo(uncertain.size());
        // delivered at most once: every sent one, and of the uncertain ones at least the one the server accepted
        List<String> delivered = entities(postfix.awaitDelivered(TO, sent.size() + 1));
        assertThat(delivered).doesNotHaveDuplicates().containsAll(sent);
        assertThat(uncertain)
                .containsAll(delivered.stream().filter(id -> !sent.contains(id)).toList());
        assertThat(counters().getUncertain()).isEqualTo(uncertain.size());
    }

    @Test
    void aServerThatStopsAnsweringMidRunLeavesThatRunUncertainWithinTheFinalReplyTimeout() throws Exception {
        Postfix postfix = track(Postfix.startRelay());
        FaultProxy proxy =
                track(FaultProxy.start(postfix.port(), FaultProxy.Step.AFTER_END_OF_DATA, FaultProxy.Action.STALL, 1));
        start(
                c -> {
                    c.setRedeliveryDelay(10);
                    c.setReadTimeout(2_000);
                    c.setFinalReplyTimeout(2_000);
                },
                "localhost",
                proxy.port(),
                ENTITY_RECIPIENTS);

        long began = System.nanoTime();
        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(100, Set.of())));

        // bounded: the stalled run ends on its final reply's timeout, the others go on the pool's other connection
        assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(30_000);
        assertThat(proxy.faults()).isEqualTo(1);
        BatchMailException failure = (BatchMailException) done.getException();
        assertThat(failure).isNotNull();
        List<String> all = new ArrayList<>(failure.getSentEntityIds());
        all.addAll(failure.getUncertainEntityIds());
        all.addAll(failure.getNotSentEntityIds());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids(0, 100));
        assertThat(failure.getUncertainEntityIds()).isNotEmpty().hasSizeLessThanOrEqualTo(BatchRuns.MOST_PER_RUN);
        assertThat(entities(
                        postfix.awaitDelivered(TO, failure.getSentEntityIds().size())))
                .doesNotHaveDuplicates()
                .containsAll(failure.getSentEntityIds());
    }

    @Test
    void sendOneByOneStopsAtTheFirstRefusal() throws Exception {
        Postfix postfix = track(Postfix.start());
        submitTo(postfix.port(), Postfix.USER, Postfix.PASSWORD, "&sendOneByOne=true");

        Exchange done = template.send("direct:send", e -> e.getMessage().setBody(batch(20, Set.of(7))));

        assertThat(done.getException()).isNotInstanceOf(BatchMailException.class);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(7);
        assertThat(entities(postfix.awaitDelivered(TO, 7))).containsExactlyInAnyOrderElementsOf(ids(0, 7));
    }

    private void assertRefusedAtKnownPlaces(Exchange done, List<String> mailbox) {
        List<String> refused = REFUSED_AT.stream().sorted().map(BatchRunsIT::id).toList();
        List<String> sent = new ArrayList<>(ids(0, 100));
        sent.removeAll(refused);
        BatchMailException failure = (BatchMailException) done.getException();
        assertThat(failure).isNotNull();
        assertThat(failure.getEntityId()).isEqualTo(id(0));
        assertThat(failure.getRefusedEntityIds()).isEqualTo(refused);
        assertThat(failure.getSentEntityIds()).isEqualTo(sent);
        assertThat(failure.getNotSentEntityIds()).isEmpty();
        assertThat(failure.getUncertainEntityIds()).isEmpty();
        assertThat(failure.getMessage()).contains("refused: 5 [e000, e007, e042, e093, e099]", "550");
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(95);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.REFUSED)).isEqualTo(5);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.NOT_SENT)).isEqualTo(0);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.UNCERTAIN)).isEqualTo(0);
        assertThat(report(done).get("refused")).isEqualTo(refused);
        assertThat(entities(mailbox)).hasSize(95).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(counters().getSent()).isEqualTo(95);
        assertThat(counters().getFailed()).isEqualTo(5);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> report(Exchange done) {
        return done.getMessage().getHeader(SmtpSystemConstants.REPORT, Map.class);
    }

    private <T extends AutoCloseable> T track(T server) {
        closeAfter.add(server);
        return server;
    }

    private void submitTo(int port, String user, String password, String more) throws Exception {
        start(
                c -> c.setSslContextParameters(trustingTestCa()),
                "localhost",
                port,
                "useTls=true&smtpUsername=" + user + "&smtpPassword=" + password + "&" + ENTITY_RECIPIENTS + more);
    }

    private void sendThrough(FaultProxy proxy) throws Exception {
        start(
                c -> {
                    c.setRedeliveryDelay(10);
                    c.setReadTimeout(5_000);
                },
                "localhost",
                proxy.port(),
                ENTITY_RECIPIENTS);
    }

    private static List<Map<String, Object>> batch(int size, Set<Integer> refusedAt) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(Map.of("_id", id(i), "recipients", refusedAt.contains(i) ? REFUSED : TO));
        }
        return batch;
    }

    private static String id(int i) {
        return String.format("e%03d", i);
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(id(i));
        }
        return ids;
    }

    /** The entity of each delivered mail, read from its subject. */
    private static List<String> entities(List<String> mails) {
        return mails.stream()
                .map(mail -> {
                    Matcher m = ENTITY.matcher(mail);
                    assertThat(m.find())
                            .as("a subject naming the entity in %s", mail)
                            .isTrue();
                    return m.group(1);
                })
                .toList();
    }
}
