package io.github.camelsmtpsystem.internal.smtp;

import java.util.List;

import io.github.camelsmtpsystem.internal.smtp.PostfixConnection.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs of mails on one connection to Debian's Postfix, each mail's end pipelined with the next mail's commands
 * ({@link PipelinedSmtpTransport#sendAll}): every mail is told exactly what became of it, a refused mail takes nothing
 * of another with it, and the server's log shows the commands it got ({@code mail=3 rcpt=3 bdat=3 rset=2}).
 */
class MailRunsIT {

    private static final String TO = "to@example.com";
    private static final String CC = "cc@example.com";
    private static final String NOBODY = "nobody@example.com";

    private PostfixConnection connection;

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void withChunkingARefusedMailInARunLeavesTheOthersDelivered() throws Exception {
        connection = PostfixConnection.open(true, true);

        List<Outcome> run = connection.sendRun(TO, NOBODY, CC);

        assertThat(run.get(0).told()).containsExactly("delivered");
        assertThat(run.get(1).told()).containsExactly("failed");
        assertThat(run.get(1).failure().toString()).contains("550", NOBODY);
        // the RSET before it: the third mail is a transaction of its own after the refused one
        assertThat(run.get(2).told()).containsExactly("delivered");
        assertThat(connection.postfix.awaitDelivered(TO, 1)).hasSize(1);
        assertThat(connection.postfix.awaitDelivered(CC, 1)).hasSize(1);
        connection.transport.close();
        assertThat(connection.postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("mail=3", "rcpt=2/3", "bdat=2/3", "rset=2")
                .doesNotContain("data=");
    }

    @Test
    void withDataARefusedMailLeavesTheOthersOfTheRunDelivered() throws Exception {
        connection = PostfixConnection.open(true, false);

        List<Outcome> run = connection.sendRun(TO, NOBODY, CC);

        assertThat(run.get(0).told()).containsExactly("delivered");
        assertThat(run.get(1).told()).containsExactly("failed");
        assertThat(run.get(1).failure().toString()).contains("550", NOBODY);
        // its only recipient refused, DATA is refused too: nothing of it was delivered, and the run goes on
        assertThat(run.get(2).told()).containsExactly("delivered");
        assertThat(connection.postfix.awaitDelivered(TO, 1)).hasSize(1);
        assertThat(connection.postfix.awaitDelivered(CC, 1)).hasSize(1);
        connection.transport.close();
        assertThat(connection.postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("mail=3", "rcpt=2/3", "data=2/3")
                .doesNotContain("bdat=");
    }

    @Test
    void aMailThatFailsBeforeItsCommandsStillLetsTheMailBeforeItBeDelivered() throws Exception {
        connection = PostfixConnection.open(true, true, false);

        // without SMTPUTF8 the second mail fails before it writes a byte; the first mail's BDAT is still held then
        List<Outcome> run = connection.sendRun(TO, "åse@example.com", CC);

        assertThat(run.get(0).told()).containsExactly("delivered");
        assertThat(run.get(1).told()).containsExactly("failed");
        assertThat(run.get(1).failure()).hasMessageContaining("åse@example.com", "SMTPUTF8");
        assertThat(run.get(2).told()).containsExactly("delivered");
        assertThat(connection.postfix.awaitDelivered(TO, 1)).hasSize(1);
        assertThat(connection.postfix.awaitDelivered(CC, 1)).hasSize(1);
        connection.transport.close();
        // none of the failed mail's commands reached the server
        assertThat(connection.postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("mail=2", "rcpt=2", "bdat=2");
    }

    @Test
    void withChunkingARunHoldsMailsToSeveralRecipientsAndMailsOfSeveralChunks() throws Exception {
        connection = PostfixConnection.open(true, true);
        // more than one BDAT chunk (SmtpSession.CHUNK_SIZE): all go in the run, each answered in turn
        String big = "A line of a long body, to fill more than one BDAT chunk.\n".repeat(45_000);

        List<Outcome> run = connection.sendRun(List.of(
                PostfixConnection.mail(TO + "," + CC),
                PostfixConnection.mailWithBody(big, TO),
                PostfixConnection.mail(CC, TO)));

        assertThat(run).allSatisfy(mail -> assertThat(mail.told()).containsExactly("delivered"));
        assertThat(connection.postfix.awaitDelivered(TO, 3))
                .hasSize(3)
                .anySatisfy(
                        mail -> assertThat(mail).contains(big.substring(0, 200)).hasSizeGreaterThan(big.length()));
        assertThat(connection.postfix.awaitDelivered(CC, 2)).hasSize(2);
        connection.transport.close();
        assertThat(connection.postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("mail=3", "rcpt=5", "rset=2");
    }

    @Test
    void withoutPipeliningARunSendsOneMailAfterTheOther() throws Exception {
        connection = PostfixConnection.open(false, true);

        List<Outcome> run = connection.sendRun(TO, TO, TO);

        assertThat(run).allSatisfy(mail -> assertThat(mail.told()).containsExactly("delivered"));
        // MAIL FROM, RCPT TO and BDAT with its content, each on its own, for each mail
        assertThat(connection.records.sinceReset()).isEqualTo(9);
        connection.transport.close();
        assertThat(connection.postfix.awaitSessions(1))
                .singleElement()
                .asString()
                .contains("mail=3", "bdat=3")
                .doesNotContain("rset");
    }
}
