package io.github.camelsmtpsystem.internal.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;

import io.github.camelsmtpsystem.internal.smtp.PostfixConnection.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The envelope a rendered mail asks for, on the wire: the bounce address in {@code MAIL FROM}, and the DSN parameters
 * (RFC 3461) only when the server offers DSN; Bcc recipients in {@code RCPT TO} and in no header of the data.
 */
class SmtpSessionDsnTest {

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    @Test
    void withDsnOfferedMailFromCarriesRetAndEnvidAndEachRcptNotifyAndOrcpt() throws Exception {
        List<String> commands = new ArrayList<>();
        List<String> data = new ArrayList<>();
        ScriptedSmtpServer server = scripted("DSN", commands, data);

        Outcome outcome = sendOne(server, mailAskingForDsn());

        assertThat(outcome.told()).containsExactly("delivered");
        assertThat(commands)
                .containsExactly(
                        "MAIL FROM:<bounces@example.com> RET=HDRS ENVID=order+207",
                        "RCPT TO:<to@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;to@example.com",
                        "RCPT TO:<hidden@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;hidden@example.com");
        assertThat(data.get(0)).contains("From: noreply@example.com").doesNotContain("hidden@example.com", "Bcc");
    }

    @Test
    void withoutDsnOfferedTheMailGoesWithoutDsnParametersFromTheBounceAddress() throws Exception {
        List<String> commands = new ArrayList<>();
        List<String> data = new ArrayList<>();
        ScriptedSmtpServer server = scripted("8BITMIME", commands, data);

        Outcome outcome = sendOne(server, mailAskingForDsn());

        assertThat(outcome.told()).containsExactly("delivered");
        assertThat(commands)
                .containsExactly(
                        "MAIL FROM:<bounces@example.com>", "RCPT TO:<to@example.com>", "RCPT TO:<hidden@example.com>");
    }

    /** A server without PIPELINING that takes one mail with DATA and keeps its commands and content. */
    private ScriptedSmtpServer scripted(String extension, List<String> commands, List<String> data) throws Exception {
        ScriptedSmtpServer server = new ScriptedSmtpServer(c -> {
            c.greetAndEhlo(extension);
            for (int i = 0; i < 3; i++) {
                commands.add(c.readLine());
                c.reply("250 ok");
            }
            c.readLine();
            c.reply("354 go ahead");
            data.add(c.readData());
            c.reply("250 queued");
            c.readLine();
            c.reply("221 bye");
        });
        closeAfter.add(server);
        return server;
    }

    private static RenderedMail mailAskingForDsn() throws Exception {
        RenderedMail mail = (RenderedMail) PostfixConnection.mail("to@example.com");
        mail.setRecipients(Message.RecipientType.BCC, "hidden@example.com");
        mail.setEnvelope(new MailEnvelope(
                new InternetAddress("bounces@example.com"), List.of("SUCCESS", "FAILURE"), "HDRS", "order 7"));
        mail.saveChanges();
        return mail;
    }

    private static Outcome sendOne(ScriptedSmtpServer server, RenderedMail mail) throws Exception {
        Outcome outcome = new Outcome(mail);
        try (SmtpSession session = SmtpSession.open(
                new SmtpSession.Target("127.0.0.1", server.port(), SmtpSession.Tls.NONE, null),
                new SmtpConnectionSettings(
                        2000, 2000, 2000, 2000, Set.of(), null, null, false, false, true, true, true, null),
                SmtpSession.SignIn.PASSWORD,
                null)) {
            session.send(List.of(outcome));
        }
        return outcome;
    }
}
