package io.github.camelsmtpsystem.internal.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.Postfix;
import io.github.camelsmtpsystem.system.SmtpSystem;

/**
 * A kept-open STARTTLS + AUTH connection of the component's transport to a private Debian Postfix, and the TLS records
 * it writes: for tests that look at what goes over the wire and what the server made of it.
 */
final class PostfixConnection implements AutoCloseable {

    final Postfix postfix;
    final SmtpSession transport;
    /** The TLS records written since the connection was signed in. */
    final TlsRecordCounter records;

    private PostfixConnection(Postfix postfix, SmtpSession transport, TlsRecordCounter records) {
        this.postfix = postfix;
        this.transport = transport;
        this.records = records;
    }

    /** Starts a Postfix and signs in, with command pipelining and CHUNKING on or off. */
    static PostfixConnection open(boolean pipelining, boolean chunking) throws Exception {
        return open(pipelining, chunking, true);
    }

    /** Starts a Postfix and signs in, with command pipelining, CHUNKING and SMTPUTF8 on or off. */
    static PostfixConnection open(boolean pipelining, boolean chunking, boolean smtputf8) throws Exception {
        Postfix postfix = Postfix.start();
        try {
            TlsRecordCounter records = new TlsRecordCounter(TlsRecordCounter.trustingTestCa());
            SmtpSystem system = SmtpSystem.builder("records")
                    .smtpServer("localhost")
                    .smtpPort(postfix.port())
                    .useTls(true)
                    .smtpUsername(Postfix.USER)
                    .smtpPassword(Postfix.PASSWORD)
                    .build();
            SmtpConnectionSettings settings = new SmtpConnectionSettings(
                    10_000,
                    10_000,
                    10_000,
                    600_000,
                    Set.of(),
                    records,
                    null,
                    pipelining,
                    chunking,
                    smtputf8,
                    true,
                    true,
                    null);
            SmtpSession transport = new SmtpSystemMailSender(system, settings).connect();
            records.reset();
            return new PostfixConnection(postfix, transport, records);
        } catch (Exception | Error e) {
            postfix.close();
            throw e;
        }
    }

    /** A short plain-text mail from noreply@example.com to {@code recipients}. */
    static MimeMessage mail(String... recipients) throws MessagingException {
        return mailWithBody("Body", recipients);
    }

    /** A plain-text mail with {@code body} from noreply@example.com to {@code recipients}. */
    static MimeMessage mailWithBody(String body, String... recipients) throws MessagingException {
        MimeMessage mail = new RenderedMail(Session.getInstance(new Properties()));
        mail.setFrom("noreply@example.com");
        mail.setRecipients(Message.RecipientType.TO, String.join(",", recipients));
        mail.setSubject("Records");
        mail.setText(body);
        mail.saveChanges();
        return mail;
    }

    /** Sends one mail on its own. */
    void send(String... recipients) throws MessagingException {
        Outcome mail = new Outcome(mail(recipients));
        transport.send(List.of(mail));
        if (mail.failure() != null) {
            throw mail.failure();
        }
    }

    /** Sends one run of mails, one to each of {@code recipients} (a comma-separated list names several). */
    List<Outcome> sendRun(String... recipients) throws MessagingException {
        List<MimeMessage> mails = new ArrayList<>();
        for (String recipient : recipients) {
            mails.add(mail(recipient));
        }
        return sendRun(mails);
    }

    /** Sends {@code mails} as one run, and returns what each was told. */
    List<Outcome> sendRun(List<MimeMessage> mails) {
        List<Outcome> run = new ArrayList<>();
        for (MimeMessage mail : mails) {
            run.add(new Outcome(mail));
        }
        transport.send(run);
        return run;
    }

    @Override
    public void close() throws Exception {
        try {
            transport.close();
        } finally {
            postfix.close();
        }
    }

    /** A mail of a run and what it was told: nothing yet, delivered, or a failure. */
    static final class Outcome implements SmtpSession.Delivery {
        private final MimeMessage message;
        private final List<String> told = new ArrayList<>();
        private MessagingException failure;

        Outcome(MimeMessage message) {
            this.message = message;
        }

        @Override
        public MimeMessage message() {
            return message;
        }

        @Override
        public void delivered() {
            told.add("delivered");
        }

        @Override
        public void failed(MessagingException e) {
            told.add("failed");
            failure = e;
        }

        /** Everything the mail was told, in order: each mail must be told exactly once. */
        List<String> told() {
            return told;
        }

        MessagingException failure() {
            return failure;
        }
    }
}
