package io.github.camelsmtpsystem.internal.smtp;

import java.util.List;

import io.github.camelsmtpsystem.internal.smtp.PostfixConnection.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many TLS records a mail costs on a kept-open STARTTLS + AUTH connection to Debian's Postfix: the writes on the
 * plain socket under TLS are counted, one per record. A pipelined group leaves as one record, so the server reads it
 * whole; one record per command made Postfix answer them one at a time and stall ~40 ms per mail.
 */
class TlsRecordsPerMailIT {

    private static final int MAILS = 5;

    private PostfixConnection connection;

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void withChunkingAMailToOneRecipientIsOneRecord() throws Exception {
        connection = PostfixConnection.open(true, true);

        for (int i = 0; i < MAILS; i++) {
            connection.send("to@example.com");
        }

        // MAIL FROM, RCPT TO and BDAT <size> LAST with the content: one record, one round trip
        assertThat(connection.records.sinceReset()).isEqualTo(MAILS);
        connection.postfix.awaitDelivered("to@example.com", MAILS);
    }

    @Test
    void withChunkingAMailToTwoRecipientsIsTwoRecords() throws Exception {
        connection = PostfixConnection.open(true, true);

        connection.send("to@example.com", "cc@example.com");

        // the group's replies come back before BDAT, which cannot be taken back
        assertThat(connection.records.sinceReset()).isEqualTo(2);
        connection.postfix.awaitDelivered("cc@example.com", 1);
    }

    @Test
    void withDataAMailIsTwoRecords() throws Exception {
        connection = PostfixConnection.open(true, false);

        for (int i = 0; i < MAILS; i++) {
            connection.send("to@example.com");
        }

        // MAIL FROM, RCPT TO and DATA in one; the content and its end in the other
        assertThat(connection.records.sinceReset()).isEqualTo(2 * MAILS);
        connection.postfix.awaitDelivered("to@example.com", MAILS);
    }

    @Test
    void withoutPipeliningEachCommandIsARecord() throws Exception {
        connection = PostfixConnection.open(false, false);

        connection.send("to@example.com");

        // MAIL FROM, RCPT TO, DATA, the content with its end: what the group saves
        assertThat(connection.records.sinceReset()).isEqualTo(4);
        connection.postfix.awaitDelivered("to@example.com", 1);
    }

    @Test
    void withoutPipeliningBdatAndItsChunkAreOneRecord() throws Exception {
        connection = PostfixConnection.open(false, true);

        connection.send("to@example.com");

        // MAIL FROM, RCPT TO, BDAT with the content
        assertThat(connection.records.sinceReset()).isEqualTo(3);
        connection.postfix.awaitDelivered("to@example.com", 1);
    }

    @Test
    void withChunkingARunOfMailsIsOneRecord() throws Exception {
        connection = PostfixConnection.open(true, true);

        List<Outcome> run = connection.sendRun(recipients(MAILS));

        // every mail's MAIL FROM, RCPT TO and BDAT LAST with content, and RSET between them: one record, one round trip
        assertThat(connection.records.sinceReset()).isEqualTo(1);
        assertThat(run).allSatisfy(mail -> assertThat(mail.told()).containsExactly("delivered"));
        connection.postfix.awaitDelivered("to@example.com", MAILS);
    }

    @Test
    void withDataARunOfMailsIsOneRecordPerMailAndOne() throws Exception {
        connection = PostfixConnection.open(true, false);

        List<Outcome> run = connection.sendRun(recipients(MAILS));

        // the first group; then each mail's content and end with the next mail's group; the last content and end
        assertThat(connection.records.sinceReset()).isEqualTo(MAILS + 1);
        assertThat(run).allSatisfy(mail -> assertThat(mail.told()).containsExactly("delivered"));
        connection.postfix.awaitDelivered("to@example.com", MAILS);
    }

    private static String[] recipients(int mails) {
        String[] recipients = new String[mails];
        java.util.Arrays.fill(recipients, "to@example.com");
        return recipients;
    }
}
