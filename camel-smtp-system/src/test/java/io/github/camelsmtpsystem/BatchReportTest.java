package io.github.camelsmtpsystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.internal.cap.FileCapStore;
import io.github.camelsmtpsystem.mail.BatchMailException;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.camelsmtpsystem.Mailbox.received;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the exchange of a batch sent in runs reports, into GreenMail: each entity's outcome in the headers and in
 * {@code CamelSmtpSystemReport}, the entity that stops a batch, and {@code sendOneByOne}.
 */
class BatchReportTest extends MailSinkTestSupport {

    private static final String SINK = "mailFrom=orders@example.com&recipientsProperty=email"
            + "&subjectTemplate=S [[ _id ]]&bodyTemplate=B [[ _id ]]";

    @Test
    void everyEntityOfABatchIsInTheReportUnderItsOutcomeInOrder() throws Exception {
        start(system("report", greenMail, SINK + "&maxPerHour=20"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(
                    i % 10 == 3
                            ? Map.of("_id", "d" + i, "_deleted", true, "email", "a@example.com")
                            : Map.of("_id", "m" + i, "email", "a@example.com"));
        }

        Exchange done = send(0, batch);

        assertThat(done.getException()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, List<String>> report = done.getMessage().getHeader(SmtpSystemConstants.REPORT, Map.class);
        // 22 mails: the first 20 pass the cap in the batch's order, the last 2 are discarded
        assertThat(report.get("skipped")).isEqualTo(List.of("d3", "d13", "d23"));
        assertThat(report.get("discarded")).isEqualTo(List.of("m22", "m24"));
        assertThat(report.get("sent"))
                .hasSize(20)
                .startsWith("m0", "m1", "m2", "m4")
                .endsWith("m21");
        assertThat(report.get("refused")).isEqualTo(List.of());
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(20);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.DISCARDED)).isEqualTo(2);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SKIPPED)).isEqualTo(3);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.NOT_SENT)).isEqualTo(0);
        assertThat(received(greenMail, 20)).hasSize(20);
    }

    @Test
    void aBatchTakesItsPermitsFromASharedCapStoreInOrder(@TempDir Path budgets) throws Exception {
        component().setCapStore("file:" + budgets);
        start(system("shared", greenMail, SINK + "&maxPerHour=5"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(Map.of("_id", "m" + i, "email", "a@example.com"));
        }

        Exchange done = send(0, batch);

        @SuppressWarnings("unchecked")
        Map<String, List<String>> report = done.getMessage().getHeader(SmtpSystemConstants.REPORT, Map.class);
        assertThat(report.get("sent")).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(report.get("discarded")).containsExactly("m5", "m6", "m7");
        try (FileCapStore store = new FileCapStore(budgets)) {
            assertThat(store.used("smtp-system:shared", Duration.ofHours(1))).isEqualTo(5);
        }
        assertThat(received(greenMail, 5)).hasSize(5);
    }

    @Test
    void anEntityThatCannotBecomeAMailStopsTheBatchThereAndTheMailsBeforeItGo() throws Exception {
        start(system("report", greenMail, SINK));
        List<Map<String, Object>> batch = List.of(
                Map.of("_id", "ok1", "email", "a@example.com"),
                Map.of("_id", "ok2", "email", "a@example.com"),
                Map.of("_id", "bad", "email", "not an address@"),
                Map.of("_id", "never", "email", "a@example.com"));

        Exchange done = send(0, batch);

        BatchMailException failure = (BatchMailException) done.getException();
        assertThat(failure.getEntityId()).isEqualTo("bad");
        assertThat(failure.getSentEntityIds()).containsExactly("ok1", "ok2");
        assertThat(failure.getRefusedEntityIds()).containsExactly("bad");
        assertThat(failure.getNotSentEntityIds()).containsExactly("never");
        assertThat(failure.isUncertain()).isFalse();
        assertThat(failure.getMessage())
                .contains("refused: 1 [bad]", "not sent (safe to send again): 1 [never]", "not an address@");
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.REFUSED)).isEqualTo(1);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.NOT_SENT)).isEqualTo(1);
        assertThat(received(greenMail, 2)).hasSize(2);
    }

    @Test
    void sendOneByOneStopsAtTheFirstFailureAndCountsIt() throws Exception {
        start(system("report", greenMail, SINK + "&sendOneByOne=true"));
        List<Map<String, Object>> batch = List.of(
                Map.of("_id", "ok1", "email", "a@example.com"),
                Map.of("_id", "bad", "email", "not an address@"),
                Map.of("_id", "never", "email", "a@example.com"));

        Exchange done = send(0, batch);

        assertThat(done.getException())
                .isInstanceOf(EntityMailException.class)
                .isNotInstanceOf(BatchMailException.class)
                .hasMessageContaining("already sent from this exchange: 1 [ok1]");
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.SENT)).isEqualTo(1);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.REFUSED)).isEqualTo(1);
        assertThat(done.getMessage().getHeader(SmtpSystemConstants.REPORT)).isNull();
        assertThat(received(greenMail, 1)).hasSize(1);
    }
}
