package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

import io.github.camelsmtpsystem.mail.SafeText;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one SMTP connection, the one place that knows the protocol (after Postfix's
 * {@code smtp_proto.c}): {@link #open} reads the greeting and says EHLO, STARTTLS and AUTH; {@link #send} carries a run
 * of mails, each as MAIL, RCPT..., then DATA with its content dot-stuffed or BDAT with it as it is; {@link #close} says
 * QUIT.
 * <p>
 * Inside {@link #send} two states walk the same stages: what to write next (the commands and content gathered in the
 * wire's outbox) and whose reply is due next ({@link #due}). With PIPELINING the first runs ahead of the second: a
 * mail's commands go in one write and their replies are read together (RFC 2920), a mail's end goes with the next
 * mail's commands, and with CHUNKING a mail to one recipient goes, with its content, in one write. Without PIPELINING
 * each command waits for its reply.
 * <p>
 * Each mail ends in one of four ways: delivered (a positive reply to the end of its data); refused (a negative reply);
 * not sent (the connection failed before the end of its data was written: safe to send again); or uncertain (the end of
 * its data was written and no final reply came: it may have been delivered, so it is never sent again here, see
 * {@link SmtpUncertainException}). Every reply has a bound: {@code readTimeout}, and for the reply to the end of data
 * its own {@code finalReplyTimeout} (RFC 5321 §4.5.3.2.6, 10 minutes by default).
 */
public final class SmtpSession implements AutoCloseable {

    /** A mail sent in a run: told its outcome once it is known. */
    public interface Delivery {
        MimeMessage message();

        /** The server took the mail: a positive reply to the end of its data. */
        void delivered();

        /**
         * The mail was refused, or not sent, or its outcome is uncertain ({@link SmtpFailures#isUncertain}); the failure
         * says which.
         */
        void failed(MessagingException failure);
    }

    /** Where a session connects and how it protects and signs in. */
    public record Target(String host, int port, Tls tls, String username) {}

    /** How a connection is protected. */
    public enum Tls {
        NONE,
        /** TLS from the first byte (RFC 8314). */
        IMPLICIT,
        /** STARTTLS, required: never a silent fall back to plain text. */
        STARTTLS
    }

    /** How a session signs in: the secret is a password, or an access token for XOAUTH2. */
    public enum SignIn {
        PASSWORD,
        XOAUTH2
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    /** The largest BDAT chunk; a larger mail goes in several. */
    static final int CHUNK_SIZE = 1 << 20;

    private static volatile String localHostName;

    private enum Stage {
        RSET,
        MAIL,
        RCPT,
        DATA,
        /** A BDAT chunk before the last. */
        BDAT,
        /** The end of a mail's data: {@code .} or {@code BDAT ... LAST}; its reply is the final one. */
        END
    }

    /** A reply due: to which stage of which mail, and for RCPT, which recipient. */
    private record Due(Stage stage, Transaction mail, String command, InternetAddress recipient) {}

    private final Target target;
    private final SmtpConnectionSettings settings;
    private final SmtpWire wire;
    private final Deque<Due> due = new ArrayDeque<>();
    private SmtpCapabilities capabilities = SmtpCapabilities.NONE;
    /** What AUTH sent, kept from the server's replies when they go into a message. */
    private final List<String> sentSecrets = new ArrayList<>(2);
    /** Whether the server may hold a transaction open, so that the next mail starts with RSET. */
    private boolean transactionMayBeOpen;
    /** The mail whose transaction was started last: only its end closes the server's transaction. */
    private Transaction latest;

    private boolean broken;
    /** The server said 421: what was written after the command it answered so will not be read. */
    private boolean serverClosing;

    private SmtpSession(Target target, SmtpConnectionSettings settings, SmtpWire wire) {
        this.target = target;
        this.settings = settings;
        this.wire = wire;
    }

    /**
     * Connects, reads the greeting, says EHLO (HELO when the server does not know EHLO), STARTTLS when the target asks
     * for it, and signs in when the target has a username: one AUTH attempt.
     *
     * @param secret the password or access token; unused without a username
     * @throws MessagingException a failure whose cause or reply code tells whether trying later may help
     */
    public static SmtpSession open(Target target, SmtpConnectionSettings settings, SignIn signIn, String secret)
            throws MessagingException {
        SmtpWire wire;
        try {
            wire = SmtpWire.open(
                    target.host(),
                    target.port(),
                    target.tls() == Tls.IMPLICIT ? tlsFactory(settings) : null,
                    settings.connectMillis(),
                    settings.writeMillis(),
                    settings.writeTimeouts());
        } catch (SSLException e) {
            throw tlsFailure(target, e);
        } catch (IOException e) {
            throw new MessagingException(
                    "Cannot connect to the SMTP server " + target.host() + ":" + target.port() + ": " + e, e);
        }
        SmtpSession session = new SmtpSession(target, settings, wire);
        try {
            session.greet();
            if (target.tls() == Tls.STARTTLS) {
                session.startTls();
            }
            if (target.username() != null) {
                session.signIn(signIn, secret);
            }
            return session;
        } catch (MessagingException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }

    private void greet() throws MessagingException {
        SmtpReply greeting = read("the greeting", settings.readMillis());
        if (!greeting.isPositive()) {
            throw new SMTPSendFailedException(
                    "connect",
                    greeting.code(),
                    greeting + " (the greeting of " + where() + ")",
                    null,
                    null,
                    null,
                    null);
        }
        ehlo();
    }

    private void ehlo() throws MessagingException {
        SmtpReply ehlo = exchange("EHLO", "EHLO " + localHostName());
        if (ehlo.isPositive()) {
            capabilities = SmtpCapabilities.of(ehlo);
            return;
        }
        // a server from before RFC 1869: HELO, and no extension
        SmtpReply helo = exchange("HELO", "HELO " + localHostName());
        if (!helo.isPositive()) {
            throw refused("HELO", helo);
        }
        capabilities = SmtpCapabilities.NONE;
    }

    private void startTls() throws MessagingException {
        if (!capabilities.offers("STARTTLS")) {
            throw new MessagingException("The SMTP server " + where() + " does not offer STARTTLS, which use_tls=true "
                    + "requires on this port; nothing is sent in plain text. Use the server's TLS port, or a server "
                    + "that offers STARTTLS.");
        }
        SmtpReply reply = exchange("STARTTLS", "STARTTLS");
        if (reply.code() != 220) {
            throw refused("STARTTLS", reply);
        }
        try {
            wire.startTls(tlsFactory(settings));
        } catch (SSLException e) {
            throw tlsFailure(target, e);
        } catch (IOException e) {
            throw broken("STARTTLS", e);
        }
        // what the server said before TLS counts for nothing (RFC 3207 §4.2)
        capabilities = SmtpCapabilities.NONE;
        ehlo();
    }

    private void signIn(SignIn signIn, String secret) throws MessagingException {
        Set<String> offered = capabilities.authMechanisms();
        String username = target.username();
        String password = secret == null ? "" : secret;
        sentSecrets.add(password);
        if (signIn == SignIn.XOAUTH2) {
            String response = base64("user=" + username + "\u0001auth=Bearer " + password + "\u0001\u0001");
            sentSecrets.add(response);
            SmtpReply reply = exchange("AUTH", "AUTH XOAUTH2 " + response);
            if (reply.code() == 334) {
                // the server's error, in a challenge: an empty response ends the exchange with its final reply
                reply = exchange("AUTH", "");
            }
            authenticated("XOAUTH2", reply);
        } else if (offered.contains("PLAIN")) {
            String response = base64("\u0000" + username + "\u0000" + password);
            sentSecrets.add(response);
            SmtpReply reply = exchange("AUTH", "AUTH PLAIN " + response);
            if (reply.code() == 334) {
                reply = exchange("AUTH", response);
            }
            authenticated("PLAIN", reply);
        } else if (offered.contains("LOGIN")) {
            String user = base64(username);
            String pass = base64(password);
            sentSecrets.add(pass);
            SmtpReply reply = exchange("AUTH", "AUTH LOGIN");
            if (reply.code() == 334) {
                reply = exchange("AUTH", user);
            }
            if (reply.code() == 334) {
                reply = exchange("AUTH", pass);
            }
            authenticated("LOGIN", reply);
        } else {
            throw new AuthenticationFailedException("The SMTP server " + where() + " offers "
                    + (offered.isEmpty() ? "no AUTH" : "AUTH " + offered + " but neither PLAIN nor LOGIN")
                    + ", so the system cannot sign in"
                    + (target.tls() == Tls.NONE ? "; many servers offer AUTH only over TLS: set use_tls to true" : "")
                    + ".");
        }
    }

    private void authenticated(String mechanism, SmtpReply reply) throws AuthenticationFailedException {
        if (reply.code() != 235) {
            // the reply first: its code tells a lasting refusal (535) from a passing one (454)
            throw new AuthenticationFailedException(scrubbed(reply.toString()) + " (AUTH " + mechanism
                    + " refused by the SMTP server " + where() + ")");
        }
    }

    /**
     * Sends {@code mails} in order on this connection, and tells each its outcome before it returns, except the mails
     * after a failure that broke the connection, which are told nothing and may go on another connection.
     */
    public void send(List<? extends Delivery> mails) {
        List<Transaction> started = new ArrayList<>(mails.size());
        try {
            for (int i = 0; i < mails.size() && !broken; i++) {
                Transaction mail = new Transaction(mails.get(i));
                try {
                    mail.prepare();
                } catch (MessagingException e) {
                    mail.fail(e);
                    continue;
                } catch (RuntimeException e) {
                    mail.fail(new MessagingException("Cannot write the mail: " + e, e));
                    continue;
                }
                started.add(mail);
                boolean last = i == mails.size() - 1;
                transfer(mail, last || !pipelining());
            }
            flushAndRead();
        } catch (IOException e) {
            connectionLost(started, e);
        } catch (AbandonedConnection e) {
            connectionLost(started, e.getCause() instanceof IOException io ? io : new IOException(e.getMessage()));
        } finally {
            due.clear();
        }
    }

    /**
     * One mail: its envelope, then its content with DATA or BDAT. {@code waitForEnd} reads the final reply before it
     * returns; otherwise the end goes with the next mail's commands and its reply is read with theirs.
     */
    private void transfer(Transaction mail, boolean waitForEnd) throws IOException, AbandonedConnection {
        if (transactionMayBeOpen) {
            // a mail never joins a transaction an earlier one may have left open (its end not answered yet, or refused)
            command("RSET", new Due(Stage.RSET, mail, "RSET", null));
        }
        transactionMayBeOpen = true;
        latest = mail;
        command(mail.mailFrom, new Due(Stage.MAIL, mail, mail.mailFrom, null));
        if (!lockstepOk(mail)) {
            return;
        }
        for (InternetAddress recipient : mail.envelope) {
            String rcpt = "RCPT TO:<" + recipient.getAddress() + ">" + mail.rcptParameters(recipient);
            command(rcpt, new Due(Stage.RCPT, mail, rcpt, recipient));
        }
        if (mail.bdat) {
            // BDAT cannot be taken back: it goes with the envelope only when a refusal leaves no one to deliver to
            if (mail.envelope.length > 1 || !pipelining()) {
                flushAndRead();
            }
            if (mail.isDone() || mail.refusal != null) {
                mail.refuseIfStillOpen();
                return;
            }
            int size = mail.data.size();
            for (int from = 0; from < size || from == 0; from += CHUNK_SIZE) {
                int count = Math.min(CHUNK_SIZE, size - from);
                boolean lastChunk = from + count >= size;
                String bdat = "BDAT " + count + (lastChunk ? " LAST" : "");
                wire.command(bdat);
                mail.data.writeRaw(wire.outbox(), from, count);
                due.add(new Due(lastChunk ? Stage.END : Stage.BDAT, mail, bdat, null));
                if (lastChunk) {
                    mail.endQueued = true;
                }
                if (!pipelining()) {
                    flushAndRead();
                    if (mail.isDone() || mail.refusal != null) {
                        mail.refuseIfStillOpen();
                        return;
                    }
                }
                if (lastChunk) {
                    break;
                }
            }
        } else {
            if (mail.refusal != null) {
                // without PIPELINING a refused recipient is known before DATA: the mail stops here
                mail.refuseIfStillOpen();
                return;
            }
            command("DATA", new Due(Stage.DATA, mail, "DATA", null));
            flushAndRead();
            if (!mail.dataAccepted) {
                mail.refuseIfStillOpen();
                return;
            }
            if (mail.refusal != null) {
                // DATA was accepted though a recipient was refused: ending the data would deliver to the others,
                // so the connection is given up and the server drops the transaction it never saw end
                mail.fail(mail.refusal);
                throw new AbandonedConnection("a recipient was refused after DATA was accepted");
            }
            mail.data.writeDotStuffed(wire.outbox());
            mail.endQueued = true;
            due.add(new Due(Stage.END, mail, ".", null));
        }
        if (waitForEnd) {
            flushAndRead();
        }
    }

    /** Without PIPELINING: whether the mail goes on after its MAIL FROM was answered. */
    private boolean lockstepOk(Transaction mail) {
        if (!mail.isDone() && mail.refusal == null) {
            return true;
        }
        mail.refuseIfStillOpen();
        return false;
    }

    /** Adds a command; without PIPELINING it goes at once and its reply is read. */
    private void command(String command, Due reply) throws IOException {
        wire.command(command);
        due.add(reply);
        if (!pipelining()) {
            flushAndRead();
        }
    }

    /** Writes what the outbox holds and reads every reply due, in order. */
    private void flushAndRead() throws IOException {
        for (Due reply : due) {
            if (reply.stage() == Stage.END) {
                // from here on, a lost connection leaves this mail's outcome unknown
                reply.mail().endWritten = true;
            }
        }
        wire.flush();
        while (!due.isEmpty()) {
            Due next = due.peekFirst();
            SmtpReply reply =
                    wire.readReply(next.stage() == Stage.END ? settings.finalReplyMillis() : settings.readMillis());
            due.removeFirst();
            answer(next, reply);
        }
    }

    private void answer(Due due, SmtpReply reply) {
        if (reply.code() == 421) {
            // the server closes the connection and reads nothing more (RFC 5321 §3.8)
            serverClosing = true;
        }
        Transaction mail = due.mail();
        switch (due.stage()) {
            case RSET -> {
                // a refused RSET leaves the old transaction open: the next MAIL FROM is refused then, and tells
                if (!reply.isPositive()) {
                    LOG.debug("The SMTP server {} answered RSET with {}", where(), scrubbed(reply.toString()));
                }
            }
            case MAIL -> {
                if (!reply.isPositive()) {
                    mail.refuse(refused(due.command(), reply));
                }
            }
            case RCPT -> {
                if (reply.isPositive()) {
                    mail.accepted.add(due.recipient());
                } else {
                    mail.refuseRecipient(new SMTPAddressFailedException(
                            due.recipient(), due.command(), reply.code(), scrubbed(reply.toString())));
                }
            }
            case DATA -> {
                mail.dataAccepted = reply.code() == 354;
                if (!mail.dataAccepted) {
                    mail.refuse(refused(due.command(), reply));
                }
            }
            case BDAT -> {
                if (!reply.isPositive()) {
                    mail.refuse(refused(due.command(), reply));
                }
            }
            case END -> mail.end(refused(due.command(), reply), reply.isPositive());
        }
    }

    /**
     * The connection failed: a mail whose end was written is uncertain, one that started but did not write its end is
     * not sent (as is every mail after a 421, which the server does not read on); mails not started are told nothing.
     */
    private void connectionLost(List<Transaction> started, IOException cause) {
        broken = true;
        wire.close();
        for (Transaction mail : started) {
            if (mail.isDone()) {
                continue;
            }
            if (mail.endWritten && !serverClosing) {
                LOG.warn(
                        "The connection to the SMTP server {} was lost after the end of a mail's data was sent and "
                                + "before its final reply ({}): the mail may have been delivered and is not sent again",
                        where(),
                        cause.toString());
                mail.fail(new SmtpUncertainException(
                        "The end of the mail's data went to the SMTP server " + where() + " but no final reply came ("
                                + cause + "): it may have been delivered, so it is not sent again automatically",
                        cause));
            } else {
                mail.fail(broken(mail.stage(), cause));
            }
        }
    }

    /** Whether the connection can carry another mail. */
    public boolean isUsable() {
        return !broken && wire.isOpen();
    }

    /**
     * Whether the connection has gone stale while it was idle: the server closed it, or said something unasked. A
     * pooled connection idle for a while is checked before it carries a mail, since a mail whose end went out on a
     * connection the server had already closed would be uncertain for nothing.
     */
    public boolean isStale() {
        if (!isUsable() || wire.closedByPeer()) {
            broken = true;
            return true;
        }
        return false;
    }

    /** Whether the server offered PIPELINING (and the settings allow it): replies are then read in groups. */
    public boolean isPipelining() {
        return pipelining();
    }

    private boolean pipelining() {
        return settings.pipelining() && capabilities.offers("PIPELINING");
    }

    /** Says QUIT, waits at most {@code readTimeout} for its reply, and closes the connection. Never throws. */
    @Override
    public void close() {
        try {
            if (isUsable()) {
                wire.command("QUIT");
                wire.flush();
                wire.readReply(settings.readMillis());
            }
        } catch (IOException e) {
            LOG.debug("QUIT to the SMTP server {} failed: {}", where(), e.toString());
        } finally {
            broken = true;
            wire.close();
        }
    }

    /** Sends one command and reads its reply, outside any mail; {@code stage} names it in a failure, never a secret. */
    private SmtpReply exchange(String stage, String command) throws MessagingException {
        wire.command(command);
        try {
            wire.flush();
        } catch (IOException e) {
            throw broken(stage, e);
        }
        return read(stage, settings.readMillis());
    }

    private SmtpReply read(String stage, long timeoutMillis) throws MessagingException {
        try {
            return wire.readReply(timeoutMillis);
        } catch (IOException e) {
            throw broken(stage, e);
        }
    }

    private MessagingException broken(String stage, IOException cause) {
        return new MessagingException(
                "The connection to the SMTP server " + where() + " failed at " + stage + ": " + cause, cause);
    }

    private SMTPSendFailedException refused(String command, SmtpReply reply) {
        return new SMTPSendFailedException(command, reply.code(), scrubbed(reply.toString()), null, null, null, null);
    }

    /** Server text without anything AUTH sent, in case the server repeats it. */
    private String scrubbed(String text) {
        String clean = text;
        for (String secret : sentSecrets) {
            if (!secret.isEmpty()) {
                clean = clean.replace(secret, "******");
            }
        }
        return SafeText.of(clean);
    }

    private String where() {
        return target.host() + ":" + target.port();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SSLSocketFactory tlsFactory(SmtpConnectionSettings settings) {
        return settings.sslSocketFactory() != null
                ? settings.sslSocketFactory()
                : (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /** A TLS failure named by its cause, once: host name, expiry, or a CA the trust store does not hold. */
    static MessagingException tlsFailure(Target target, SSLException e) {
        String why = "the TLS handshake failed: " + e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                why = "its certificate is not valid now (" + t.getMessage() + ")";
                break;
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                why = "its certificate is not signed by a CA the trust store holds: unable to find a valid "
                        + "certification path. Give the CA in sslContextParameters";
                break;
            }
            if (t.getMessage() != null
                    && (t.getMessage().startsWith("No subject alternative")
                            || t.getMessage().startsWith("No name"))) {
                why = "its certificate does not name the host " + target.host() + " (" + t.getMessage() + ")";
                break;
            }
        }
        return new MessagingException(
                "The SMTP server " + target.host() + ":" + target.port() + " failed the TLS handshake: " + why + ".",
                e);
    }

    /** The name this client gives in EHLO: the machine's name, or its address as a literal. */
    private static String localHostName() {
        String name = localHostName;
        if (name == null) {
            try {
                InetAddress local = InetAddress.getLocalHost();
                name = local.getCanonicalHostName();
                if (name == null || name.isEmpty() || !name.contains(".") && !"localhost".equals(name)) {
                    name = "[" + local.getHostAddress() + "]";
                }
            } catch (UnknownHostException e) {
                name = "localhost";
            }
            localHostName = name;
        }
        return name;
    }

    /** The connection is given up: the transaction cannot be ended safely. */
    private static final class AbandonedConnection extends Exception {
        private static final long serialVersionUID = 1L;

        AbandonedConnection(String message) {
            super(message, null, false, false);
        }
    }

    /** One mail's transaction on this connection, and what its replies said. */
    private final class Transaction {
        final Delivery delivery;
        MimeMessage message;
        InternetAddress[] envelope;
        String mailFrom;
        /** The DSN request the server takes, or {@code null}. */
        MailEnvelope dsn;

        MailData data;
        boolean bdat;
        final List<InternetAddress> accepted = new ArrayList<>();
        MessagingException refusal;
        boolean dataAccepted;
        boolean endQueued;
        boolean endWritten;
        private boolean done;

        Transaction(Delivery delivery) {
            this.delivery = delivery;
        }

        /** The envelope, MAIL FROM with its parameters, and the content, before anything is written. */
        void prepare() throws MessagingException {
            message = delivery.message();
            Address[] recipients = message.getAllRecipients();
            Address[] from = message.getFrom();
            if (recipients == null || recipients.length == 0 || from == null || from.length == 0) {
                throw new SendFailedException("The mail has no recipient or no sender");
            }
            Address[] addresses = recipients;
            boolean utf8 = false;
            List<String> outsideAscii = Utf8Addresses.of(message, addresses);
            if (!outsideAscii.isEmpty()) {
                if (settings.smtputf8() && capabilities.offers("SMTPUTF8")) {
                    utf8 = true;
                } else {
                    addresses = Utf8Addresses.toAsciiDomains(message, addresses);
                    if (addresses == null) {
                        throw new SendFailedException("The address" + (outsideAscii.size() > 1 ? "es " : " ")
                                + String.join(", ", outsideAscii)
                                + " can only be sent with SMTPUTF8 (RFC 6531), which "
                                + (settings.smtputf8()
                                        ? "the SMTP server does not offer"
                                        : "the option smtputf8=false turns off")
                                + "; write the address in ASCII");
                    }
                    from = message.getFrom();
                }
            }
            envelope = new InternetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                envelope[i] = envelopeAddress(addresses[i]);
            }
            MailEnvelope options = message instanceof RenderedMail rendered ? rendered.envelope() : null;
            InternetAddress sender = envelopeSender(options, from[0], utf8);
            dsn = dsnOf(options);
            if (settings.eightBitMime() && capabilities.offers("8BITMIME") && toEightBit(message)) {
                message.saveChanges();
            }
            boolean eightBit = utf8 || EightBitParts.any(message);
            mailFrom = "MAIL FROM:<" + sender.getAddress() + ">"
                    + (eightBit && capabilities.offers("8BITMIME") ? " BODY=8BITMIME" : "")
                    + (utf8 ? " SMTPUTF8" : "")
                    + (dsn != null ? dsn.mailFromParameters() : "");
            data = MailData.of(message);
            mailFrom += MailSizeCheck.mailFromParameter(capabilities, data.size(), where());
            bdat = settings.chunking() && capabilities.offers("CHUNKING");
        }

        /** The bounce address when the mail has one, else the header's sender. */
        private InternetAddress envelopeSender(MailEnvelope options, Address from, boolean utf8)
                throws SendFailedException {
            if (options == null || options.envelopeFrom() == null) {
                return envelopeAddress(from);
            }
            InternetAddress sender = envelopeAddress(options.envelopeFrom());
            if (!utf8 && !StandardCharsets.US_ASCII.newEncoder().canEncode(sender.getAddress())) {
                throw new SendFailedException("The envelope sender " + SafeText.of(sender.getAddress())
                        + " is outside ASCII and the mail does not go with SMTPUTF8; write envelopeFrom in ASCII");
            }
            return sender;
        }

        /** The mail's DSN request when the server offers DSN (RFC 3461); without the offer the mail goes without it. */
        private MailEnvelope dsnOf(MailEnvelope options) {
            if (options == null || !options.wantsDsn()) {
                return null;
            }
            if (!capabilities.offers("DSN")) {
                LOG.debug(
                        "The SMTP server {} does not offer DSN: the mail goes without NOTIFY, RET and ENVID", where());
                return null;
            }
            if (options.envelopeIdTooLong()) {
                LOG.debug(
                        "The entity's _id is longer than ENVID allows (100 characters encoded): the mail goes without");
            }
            return options;
        }

        /** The DSN parameters for one recipient's {@code RCPT TO}, or nothing. */
        String rcptParameters(InternetAddress recipient) {
            return dsn != null ? dsn.rcptParameters(recipient) : "";
        }

        /** Which stage the mail was at, for a message. */
        String stage() {
            if (endQueued) {
                return "the end of the mail's data";
            }
            return dataAccepted ? "the mail's data" : "the mail's envelope";
        }

        void refuse(MessagingException failure) {
            if (refusal == null) {
                refusal = failure;
            }
        }

        void refuseRecipient(SMTPAddressFailedException failure) {
            if (refusal instanceof SendFailedException refused
                    && refused.getNextException() instanceof SMTPAddressFailedException first) {
                // every refused recipient is named, the first one's reply gives the code
                MessagingException last = first;
                while (last.getNextException() instanceof MessagingException next) {
                    last = next;
                }
                last.setNextException(failure);
                return;
            }
            if (refusal == null) {
                refusal = new SendFailedException("Invalid Addresses", failure);
            }
        }

        /** A mail refused before its data: told so, and the server's transaction cleared before the next mail. */
        void refuseIfStillOpen() {
            if (!done) {
                fail(
                        refusal != null
                                ? refusal
                                : new SMTPSendFailedException(
                                        "DATA", -1, "The SMTP server did not accept DATA", null, null, null, null));
            }
        }

        /** The final reply: delivered, unless it or an earlier reply of the mail was negative. */
        void end(MessagingException failure, boolean positive) {
            if (positive && refusal == null) {
                done = true;
                if (this == latest) {
                    transactionMayBeOpen = false;
                }
                delivery.delivered();
            } else {
                fail(refusal != null ? refusal : failure);
            }
        }

        void fail(MessagingException failure) {
            if (!done) {
                done = true;
                delivery.failed(failure);
            }
        }

        boolean isDone() {
            return done;
        }
    }

    /**
     * An address for MAIL FROM or RCPT TO: never one with a control character or an angle bracket, which would end the
     * command or the address early.
     */
    private static InternetAddress envelopeAddress(Address address) throws SendFailedException {
        if (!(address instanceof InternetAddress internet)) {
            throw new SendFailedException("Not an Internet address: " + address);
        }
        String text = internet.getAddress();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '<' || c == '>') {
                throw new SendFailedException("The address " + SafeText.of(text)
                        + " holds a control character or an angle bracket, which no SMTP envelope may carry");
            }
        }
        return internet;
    }

    /**
     * Text parts whose quoted-printable or base64 encoding is not needed go as 8-bit when the server offers 8BITMIME
     * (as Angus Mail's {@code mail.smtp.allow8bitmime} does): their lines are at most 998 bytes, without NUL.
     */
    private static boolean toEightBit(MimePart part) throws MessagingException {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart parts = (Multipart) part.getContent();
                boolean changed = false;
                for (int i = 0; i < parts.getCount(); i++) {
                    changed |= toEightBit((MimePart) parts.getBodyPart(i));
                }
                return changed;
            }
            String encoding = part.getEncoding();
            // an attachment goes byte for byte: as 8-bit its line endings would become CRLF
            if (part.getDisposition() != null
                    || !part.isMimeType("text/*")
                    || encoding == null
                    || !Set.of("quoted-printable", "base64").contains(encoding.toLowerCase(Locale.ROOT))) {
                return false;
            }
            try (InputStream in = part.getInputStream()) {
                if (!isEightBitSafe(in)) {
                    return false;
                }
            }
            part.setContent(part.getContent(), part.getContentType());
            part.setHeader("Content-Transfer-Encoding", "8bit");
            return true;
        } catch (IOException e) {
            throw new MessagingException("Cannot read a part of the mail", e);
        }
    }

    /** Has a byte over 127, and no NUL and no line over 998 bytes. */
    private static boolean isEightBitSafe(InputStream in) throws IOException {
        boolean eightBit = false;
        int line = 0;
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xff;
                if (b == '\r' || b == '\n') {
                    line = 0;
                } else if (b == 0 || ++line > 998) {
                    return false;
                }
                eightBit |= b > 0x7f;
            }
        }
        return eightBit;
    }
}
