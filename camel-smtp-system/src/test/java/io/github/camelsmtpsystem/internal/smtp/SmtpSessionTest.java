package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.smtp.PostfixConnection.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SMTP session against a server in the test's JVM that plays a script: the protocol's paths without Postfix, and
 * the corners a real server shows only by accident (a reply withheld or split, a connection cut at a given step).
 */
class SmtpSessionTest {

    private static final String TO = "to@example.com";
    /** A body whose lines start with dots, as quoted-printable soft breaks and ordinary text make them. */
    private static final String DOTS = ".\r\n..two dots\r\n.dot\r\nmiddle . dot\r\n...\r\nend\r\n";

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    @Test
    void aPlainPort25RelayOfferingPipeliningAndChunkingTakesTheMailWithBdatByteForByte() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "8BITMIME", "CHUNKING");
            String mail = c.readLine();
            String rcpt = c.readLine();
            String bdat = c.readLine();
            chunks.add(c.readBytes(Integer.parseInt(bdat.split(" ")[1])));
            // every command and the content came before any reply: the group went in one write
            c.reply("250 mail " + mail, "250 rcpt " + rcpt, "250 queued");
            c.readLine();
            c.reply("221 bye");
        });
        MimeMessage mail = PostfixConnection.mailWithBody(DOTS, TO);

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), mail);

        assertThat(outcome.told()).containsExactly("delivered");
        // BDAT carries the content as it is: no dot is added (RFC 3030 §2)
        assertThat(new String(chunks.get(0), StandardCharsets.UTF_8)).isEqualTo(written(mail));
        assertThat(server.conversations().get(0).received.toString(StandardCharsets.UTF_8))
                .contains("BDAT " + chunks.get(0).length + " LAST\r\n");
    }

    @Test
    void withDataTheContentIsDotStuffedOnTheWireAndArrivesIntact() throws Exception {
        List<String> data = new ArrayList<>();
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "8BITMIME");
            c.readLine();
            c.readLine();
            c.readLine();
            c.reply("250 ok", "250 ok", "354 go ahead");
            data.add(c.readData());
            c.reply("250 queued");
            c.readLine();
            c.reply("221 bye");
        });
        MimeMessage mail = PostfixConnection.mailWithBody(DOTS, TO);

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), mail);

        assertThat(outcome.told()).containsExactly("delivered");
        assertThat(data.get(0)).contains("\r\n..\r\n...two dots\r\n..dot\r\nmiddle . dot\r\n....\r\n");
        assertThat(data.get(0).replace("\r\n.", "\r\n")).isEqualTo(written(mail));
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("8BITMIME");
            // a command that came before its predecessor's reply would be read as part of the line
            assertThat(c.readLine()).startsWith("MAIL FROM:<noreply@example.com>");
            c.reply("250 ok");
            assertThat(c.readLine()).isEqualTo("RCPT TO:<" + TO + ">");
            c.reply("250 ok");
            assertThat(c.readLine()).isEqualTo("DATA");
            c.reply("354 go ahead");
            c.readData();
            c.reply("250 queued");
            c.readLine();
            c.reply("221 bye");
        });

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), PostfixConnection.mail(TO));

        assertThat(outcome.told()).containsExactly("delivered");
    }

    @Test
    void aMultiLineReplySplitAcrossPacketsIsReadWhole() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.reply("220 scripted ESMTP");
            c.readLine();
            c.raw("250-scripted\r\n250-PIPE");
            c.raw("LINING\r\n25");
            c.raw("0 CHUNKING\r\n");
            c.readLine();
            c.reply("221 bye");
        });

        try (SmtpSession session = open(server, settings(true, true, 2000, 2000))) {
            assertThat(session.isPipelining()).isTrue();
        }
    }

    @Test
    void aReplyTrickledByteByByteMustStillBeCompleteWithinTheReadTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        closeAfter.add(never::countDown);
        ScriptedSmtpServer server = server(c -> {
            // each byte comes well within the timeout, the whole reply never does
            for (int i = 0; i < 200; i++) {
                c.raw("2");
                never.await(50, TimeUnit.MILLISECONDS);
            }
        });
        long start = System.nanoTime();

        MessagingException failure =
                catchThrowableOfType(MessagingException.class, () -> open(server, settings(true, true, 500, 500)));

        assertThat(failure).hasMessageContaining("timed out");
        // the trickle goes on for 10 s; generous on a loaded machine, still far from it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aConnectionCutAfterTheEndOfDataMakesTheMailUncertainNotFailed() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "CHUNKING");
            c.readLine();
            c.readLine();
            String bdat = c.readLine();
            c.readBytes(Integer.parseInt(bdat.split(" ")[1]));
            // the server has the whole mail; its reply never comes
            c.cut();
        });

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), PostfixConnection.mail(TO));

        assertThat(outcome.told()).containsExactly("failed");
        assertThat(SmtpFailures.isUncertain(outcome.failure())).isTrue();
        assertThat(SmtpFailures.isTransient(outcome.failure())).isFalse();
        assertThat(outcome.failure()).hasMessageContaining("may have been delivered");
    }

    @Test
    void aConnectionCutBeforeTheEndOfDataLeavesTheMailNotSentAndSafeToRetry() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING");
            c.readLine();
            c.cut();
        });

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), PostfixConnection.mail(TO));

        assertThat(outcome.told()).containsExactly("failed");
        assertThat(SmtpFailures.isUncertain(outcome.failure())).isFalse();
        assertThat(SmtpFailures.isTransient(outcome.failure())).isTrue();
    }

    @Test
    void theFinalReplyHasItsOwnTimeoutLongerThanTheReadTimeout() throws Exception {
        CountDownLatch waited = new CountDownLatch(1);
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING");
            c.readLine();
            c.readLine();
            c.readLine();
            c.reply("250 ok", "250 ok", "354 go ahead");
            c.readData();
            // longer than readTimeout, shorter than finalReplyTimeout
            waited.await(900, TimeUnit.MILLISECONDS);
            c.reply("250 queued");
            c.readLine();
            c.reply("221 bye");
        });

        Outcome outcome = sendOne(server, settings(true, false, 300, 5000), PostfixConnection.mail(TO));

        assertThat(outcome.told()).containsExactly("delivered");
    }

    @Test
    void aFinalReplyThatNeverComesEndsUncertainWithinItsTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        closeAfter.add(never::countDown);
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING");
            c.readLine();
            c.readLine();
            c.readLine();
            c.reply("250 ok", "250 ok", "354 go ahead");
            c.readData();
            never.await();
        });
        long start = System.nanoTime();

        Outcome outcome = sendOne(server, settings(true, false, 300, 700), PostfixConnection.mail(TO));

        assertThat(SmtpFailures.isUncertain(outcome.failure())).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aRecipientRefusedAfterDataWasAcceptedGivesTheConnectionUpWithoutEndingTheData() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING");
            for (int i = 0; i < 4; i++) {
                c.readLine();
            }
            c.reply("250 ok", "250 ok", "550 5.1.1 no such user", "354 go ahead");
            // the client must close now: a "." would deliver to the recipient that was accepted
            c.readLine();
        });

        Outcome outcome =
                sendOne(server, settings(true, false, 2000, 2000), PostfixConnection.mail(TO + ",nobody@example.com"));

        assertThat(outcome.told()).containsExactly("failed");
        assertThat(SmtpFailures.replyCode(outcome.failure())).isEqualTo(550);
        assertThat(server.conversations().get(0).received.toString(StandardCharsets.UTF_8))
                .doesNotContain("\r\n.\r\n");
    }

    @Test
    void inARunEachMailHasItsOwnOutcome() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "CHUNKING");
            List<String> replies = new ArrayList<>();
            boolean refused = false;
            // the three mails come in one write, each after an RSET but the first; the replies go together
            for (int ends = 0; ends < 3; ) {
                String line = c.readLine();
                if (line.startsWith("RCPT TO:<nobody")) {
                    replies.add("550 5.1.1 no such user");
                    refused = true;
                } else if (line.startsWith("BDAT")) {
                    c.readBytes(Integer.parseInt(line.split(" ")[1]));
                    replies.add(refused ? "554 5.5.1 no valid recipients" : "250 queued");
                    refused = false;
                    ends++;
                } else {
                    replies.add("250 ok");
                }
            }
            c.reply(replies.toArray(String[]::new));
            c.readLine();
            c.reply("221 bye");
        });
        List<Outcome> run = List.of(
                new Outcome(PostfixConnection.mail(TO)),
                new Outcome(PostfixConnection.mail("nobody@example.com")),
                new Outcome(PostfixConnection.mail(TO)));

        try (SmtpSession session = open(server, settings(true, true, 2000, 2000))) {
            session.send(run);
        }

        assertThat(run.get(0).told()).containsExactly("delivered");
        assertThat(run.get(1).told()).containsExactly("failed");
        assertThat(run.get(1).failure().toString()).contains("550");
        assertThat(run.get(2).told()).containsExactly("delivered");
    }

    @Test
    void afterA421EveryLaterMailOfTheRunIsNotSentNotUncertain() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "CHUNKING");
            // the whole run in one write: MAIL, RCPT, BDAT LAST, then RSET, MAIL, RCPT, BDAT LAST
            for (int ends = 0; ends < 2; ) {
                String line = c.readLine();
                if (line.startsWith("BDAT")) {
                    c.readBytes(Integer.parseInt(line.split(" ")[1]));
                    ends++;
                }
            }
            // the first mail is taken; the server shuts down before the second, and reads nothing more
            c.reply("250 ok", "250 ok", "250 queued", "421 4.3.2 shutting down");
            c.cut();
        });
        List<Outcome> run = List.of(new Outcome(PostfixConnection.mail(TO)), new Outcome(PostfixConnection.mail(TO)));

        try (SmtpSession session = open(server, settings(true, true, 2000, 2000))) {
            session.send(run);
        }

        assertThat(run.get(0).told()).containsExactly("delivered");
        assertThat(run.get(1).told()).containsExactly("failed");
        assertThat(SmtpFailures.isUncertain(run.get(1).failure())).isFalse();
        assertThat(SmtpFailures.isTransient(run.get(1).failure())).isTrue();
    }

    @Test
    void dataSentBeforeTlsStartsIsRefused() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("STARTTLS");
            c.readLine();
            // a reply to STARTTLS and, in the same packet, text that would be read as protected
            c.raw("220 go ahead\r\n250 injected\r\n");
            c.readLine();
        });
        SmtpSession.Target target = new SmtpSession.Target("127.0.0.1", server.port(), SmtpSession.Tls.STARTTLS, null);

        MessagingException failure = catchThrowableOfType(
                MessagingException.class,
                () -> SmtpSession.open(target, settings(true, true, 2000, 2000), SmtpSession.SignIn.PASSWORD, null));

        assertThat(failure).hasMessageContaining("sent data after its reply to STARTTLS");
    }

    @Test
    void aServerThatRepeatsTheXoauth2LineInItsRefusalShowsNoToken() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("AUTH XOAUTH2");
            String auth = c.readLine();
            c.reply("535 5.7.3 you sent " + auth.substring("AUTH XOAUTH2 ".length()));
        });
        String token = "ya29.secret-token";
        SmtpSession.Target target = new SmtpSession.Target("127.0.0.1", server.port(), SmtpSession.Tls.NONE, "me");

        AuthenticationFailedException failure = catchThrowableOfType(
                AuthenticationFailedException.class,
                () -> SmtpSession.open(target, settings(true, true, 2000, 2000), SmtpSession.SignIn.XOAUTH2, token));

        String base64 = Base64.getEncoder()
                .encodeToString(
                        ("user=me\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.UTF_8));
        assertThat(failure.getMessage())
                .startsWith("535")
                .doesNotContain(base64)
                .doesNotContain(token);
        assertThat(SmtpFailures.replyCode(failure)).isEqualTo(535);
    }

    @Test
    void aConnectionCutDuringAuthLoginNamesTheStepNotWhatWasSent() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("AUTH LOGIN");
            c.readLine();
            c.reply("334 VXNlcm5hbWU6");
            c.readLine();
            c.reply("334 UGFzc3dvcmQ6");
            c.readLine();
            c.cut();
        });
        SmtpSession.Target target =
                new SmtpSession.Target("127.0.0.1", server.port(), SmtpSession.Tls.NONE, "secret-user");

        MessagingException failure = catchThrowableOfType(
                MessagingException.class,
                () -> SmtpSession.open(
                        target, settings(true, true, 2000, 2000), SmtpSession.SignIn.PASSWORD, "pw-1234"));

        assertThat(failure).hasMessageContaining("failed at AUTH");
        for (String secret : List.of("secret-user", "pw-1234")) {
            assertThat(failure.getMessage())
                    .doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aServerThatNeverReadsCannotHoldAWriteLongerThanTheWriteTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        closeAfter.add(never::countDown);
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "CHUNKING");
            never.await();
        });
        // more than the socket buffers of both ends hold
        MimeMessage big = PostfixConnection.mailWithBody("y".repeat(16_000_000), TO);
        long start = System.nanoTime();

        Outcome outcome = sendOne(server, settings(true, true, 30_000, 30_000, 400), big);

        assertThat(outcome.told()).containsExactly("failed");
        assertThat(outcome.failure()).hasStackTraceContaining("write not done within 400 ms");
        // well before the read timeout would have ended it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aMailLargerThanTheServersSizeFailsPermanentlyBeforeAnythingOfItIsWritten() throws Exception {
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "SIZE 1000", "CHUNKING");
            // the next line the client sends is QUIT: no MAIL FROM, no content
            assertThat(c.readLine()).isEqualTo("QUIT");
            c.reply("221 bye");
        });
        MimeMessage mail = PostfixConnection.mailWithBody("x".repeat(1500) + "\r\n", TO);

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), mail);

        assertThat(outcome.told()).containsExactly("failed");
        assertThat(outcome.failure())
                .hasMessageMatching("(?s)552 5.3.4 The mail is [0-9]{4} bytes, larger than the 1000 bytes the SMTP "
                        + "server 127.0.0.1:[0-9]+ takes \\(its EHLO SIZE\\); nothing was sent.*");
        assertThat(SmtpFailures.isTransient(outcome.failure())).isFalse();
        String received = server.conversations().get(0).received.toString(StandardCharsets.UTF_8);
        assertThat(received).doesNotContain("MAIL FROM").doesNotContain("xxxx");
    }

    @Test
    void aMailWithinTheServersSizeDeclaresItsSizeOnMailFrom() throws Exception {
        List<String> mailFrom = new ArrayList<>();
        List<byte[]> chunks = new ArrayList<>();
        ScriptedSmtpServer server = server(c -> {
            c.greetAndEhlo("PIPELINING", "SIZE 10240000", "CHUNKING");
            mailFrom.add(c.readLine());
            c.readLine();
            String bdat = c.readLine();
            chunks.add(c.readBytes(Integer.parseInt(bdat.split(" ")[1])));
            c.reply("250 ok", "250 ok", "250 queued");
            c.readLine();
            c.reply("221 bye");
        });

        Outcome outcome = sendOne(server, settings(true, true, 2000, 2000), PostfixConnection.mail(TO));

        assertThat(outcome.told()).containsExactly("delivered");
        // RFC 1870: the size of the content as it goes, which BDAT's count gives too
        assertThat(mailFrom.get(0)).endsWith(" SIZE=" + chunks.get(0).length);
    }

    private ScriptedSmtpServer server(ScriptedSmtpServer.Script script) throws Exception {
        ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        closeAfter.add(server);
        return server;
    }

    private Outcome sendOne(ScriptedSmtpServer server, SmtpConnectionSettings settings, MimeMessage mail)
            throws Exception {
        Outcome outcome = new Outcome(mail);
        try (SmtpSession session = open(server, settings)) {
            session.send(List.of(outcome));
        }
        return outcome;
    }

    private static SmtpSession open(ScriptedSmtpServer server, SmtpConnectionSettings settings)
            throws MessagingException {
        return SmtpSession.open(
                new SmtpSession.Target("127.0.0.1", server.port(), SmtpSession.Tls.NONE, null),
                settings,
                SmtpSession.SignIn.PASSWORD,
                null);
    }

    private static SmtpConnectionSettings settings(
            boolean pipelining, boolean chunking, long readMillis, long finalReplyMillis) {
        return settings(pipelining, chunking, readMillis, finalReplyMillis, 2000);
    }

    private static SmtpConnectionSettings settings(
            boolean pipelining, boolean chunking, long readMillis, long finalReplyMillis, long writeMillis) {
        return new SmtpConnectionSettings(
                2000,
                readMillis,
                writeMillis,
                finalReplyMillis,
                Set.of(),
                null,
                null,
                pipelining,
                chunking,
                true,
                true,
                true,
                null);
    }

    /** The mail as it writes itself, which is what must arrive. */
    private static String written(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r\n") ? text : text + "\r\n";
    }
}
