package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport with command pipelining (RFC 2920) when the server offers PIPELINING: {@code MAIL FROM},
 * every {@code RCPT TO} and {@code DATA} go out together and their replies are read together, so a message takes two
 * round trips (commands, then content) instead of three plus one per recipient. When the session turns CHUNKING on
 * ({@code mail.smtp.chunksize}) and the server offers it, a message to one recipient goes as {@code MAIL FROM},
 * {@code RCPT TO} and {@code BDAT <size> LAST} with its content, in one write: one round trip.
 * <p>
 * Nothing is delivered unless every reply is positive: when {@code MAIL} or a recipient is refused after the server has
 * already accepted {@code DATA}, the send fails before any content is written, and the connection must be closed (the
 * pool discards a connection after a failure); the server then drops the transaction, as it never saw its end.
 * {@code BDAT} goes with the commands only when a refusal of {@code MAIL} or of the one recipient leaves the server no
 * recipient to deliver to; with more recipients their replies are read before {@code BDAT}.
 * Sessions using it set {@code quitwait} to false, so that closing such a connection does not wait for a reply the
 * server will not give.
 * <p>
 * {@link #sendAll} sends several mails in a run: each mail's end ({@code .} or {@code BDAT ... LAST} with its content)
 * goes out with the next mail's commands, and its reply is read with theirs (RFC 2920, RFC 3030), so that a run of
 * mails costs one round trip per mail with DATA and one in all with CHUNKING. Each mail after the first starts with
 * {@code RSET}, so that it never joins a transaction an earlier mail left open.
 * <p>
 * A mail with an address outside ASCII goes with {@code SMTPUTF8} (RFC 6531) and UTF-8 headers when the server offers
 * it; otherwise a domain outside ASCII goes in IDNA's ASCII form ({@code xn--}), and a mail with a local part outside
 * ASCII fails before any command. Other mails go as before.
 */
public class PipelinedSmtpTransport extends SMTPTransport {

    private static final int OK = 250;

    /** A mail sent in a run with {@link #sendAll}: told its outcome once its last reply has been read. */
    public interface Delivery {
        MimeMessage message();

        /** Every reply of the mail was positive: the server took it. */
        void delivered();

        /** The server refused the mail, or the connection broke before every reply of it was read. */
        void failed(MessagingException failure);
    }

    private enum Kind {
        RSET,
        MAIL,
        RCPT,
        /** The mail's end: {@code .} after the content, or {@code BDAT ... LAST}. */
        END
    }

    /** A command sent without waiting for its reply, and the recipient it names ({@code null} but for RCPT TO). */
    private record Pending(String command, Kind kind, InternetAddress recipient) {}

    /** The replies still to read for a mail of a run whose end went out with the next mail's commands. */
    private record Unread(Delivery mail, List<Pending> replies, Address[] recipients) {}

    private final boolean pipelining;
    private final boolean smtputf8;
    private final List<Pending> pending = new ArrayList<>();
    private boolean deferring;
    private Address[] recipients;
    private boolean utf8Mail;
    /** The mail being sent, for BODY=8BITMIME. */
    private MimeMessage mail;
    /** The BDAT command whose reply comes next, or {@code null}. */
    private String bdat;
    /** The output of this connection's socket, which sends a group in one write; {@code null} for another socket. */
    private CommandGroupOutputStream commandGroups;
    /** The mails of the run whose replies are still to be read, in the order they were sent. */
    private final Deque<Unread> earlier = new ArrayDeque<>();
    /** The mail of a run being sent, and whether its end goes out with the next mail's commands. */
    private Delivery current;

    private boolean deferEnd;
    /** The end of the mail being sent, sent and not yet answered: {@code .} or {@code BDAT ... LAST}. */
    private String end;

    /**
     * @param session    its properties configure the connection, as for Angus Mail's own transport
     * @param ssl        {@code true} for implicit TLS ({@code smtps}), {@code false} for {@code smtp}
     * @param pipelining whether to pipeline commands when the server offers PIPELINING
     * @param smtputf8   whether to send mails with non-ASCII addresses with SMTPUTF8 when the server offers it
     */
    public PipelinedSmtpTransport(Session session, boolean ssl, boolean pipelining, boolean smtputf8) {
        super(session, new URLName(ssl ? "smtps" : "smtp", null, -1, null, null, null), ssl ? "smtps" : "smtp", ssl);
        this.pipelining = pipelining;
        this.smtputf8 = smtputf8;
    }

    /** Whether the server offered PIPELINING in its EHLO reply, so that messages go with two round trips. */
    public boolean isPipelining() {
        return pipelining && supportsExtension("PIPELINING");
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        return CommandGroupOutputStream.opening(this, () -> super.protocolConnect(host, port, user, password));
    }

    /** Called as the socket this transport opens makes its output (again after STARTTLS). */
    void useCommandGroups(CommandGroupOutputStream stream) {
        commandGroups = stream;
    }

    /**
     * Sends {@code mails} in order, each mail's end pipelined with the next mail's commands when the server offers
     * PIPELINING (else one after the other). Every mail it starts is told its outcome before it returns; it stops after
     * the first mail that fails as it is sent, as the connection's state is then unknown: the mails after that one are
     * told nothing and may go on another connection.
     */
    public synchronized void sendAll(List<? extends Delivery> mails) {
        try {
            for (int i = 0; i < mails.size(); i++) {
                Delivery mail = mails.get(i);
                current = mail;
                deferEnd = i < mails.size() - 1 && isPipelining();
                try {
                    sendMessage(mail.message(), mail.message().getAllRecipients());
                } catch (MessagingException e) {
                    mail.failed(e);
                    return;
                }
                if (earlier.isEmpty() || earlier.peekLast().mail() != mail) {
                    mail.delivered();
                }
            }
        } finally {
            current = null;
            deferEnd = false;
            readEarlierAfterRun();
        }
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        pending.clear();
        int mark = commandGroups != null ? commandGroups.mark() : 0;
        boolean sent = false;
        try {
            if (!earlier.isEmpty()) {
                // a mail of a run never joins a transaction that the mail before it left open (after a refused BDAT)
                deferring = true;
                sendCommand("RSET");
                deferring = false;
            }
            Address[] envelope = addresses;
            mail = message instanceof MimeMessage mime ? mime : null;
            if (mail != null) {
                List<String> utf8 = Utf8Addresses.of(mail, addresses);
                if (!utf8.isEmpty()) {
                    envelope = withSmtpUtf8OrAsciiDomains(mail, addresses, utf8);
                    utf8Mail = envelope == addresses;
                }
            }
            recipients = envelope;
            super.sendMessage(message, envelope);
            sent = true;
        } catch (MessagingException e) {
            throw unwrapped(e);
        } finally {
            // a group that ended early (an exception before DATA) is never sent, not even with the next mail
            if (!sent && commandGroups != null) {
                commandGroups.dropTo(mark);
            }
            recipients = null;
            deferring = false;
            end = null;
            utf8Mail = false;
            mail = null;
            bdat = null;
            pending.clear();
        }
    }

    /**
     * For a mail with addresses outside ASCII: the envelope as it is when the server offers SMTPUTF8; else, when only
     * domains are outside ASCII, the envelope and the mail with the domains in IDNA's ASCII form; else a failure that
     * names the addresses ({@code utf8}, those outside ASCII).
     */
    private Address[] withSmtpUtf8OrAsciiDomains(MimeMessage message, Address[] addresses, List<String> utf8)
            throws MessagingException {
        if (smtputf8 && supportsExtension("SMTPUTF8")) {
            return addresses;
        }
        Address[] ascii = Utf8Addresses.toAsciiDomains(message, addresses);
        if (ascii != null) {
            return ascii;
        }
        throw new SendFailedException("The address" + (utf8.size() > 1 ? "es " : " ") + String.join(", ", utf8)
                + " can only be sent with SMTPUTF8 (RFC 6531), which "
                + (smtputf8 ? "the SMTP server does not offer" : "the option smtputf8=false turns off")
                + "; write the address in ASCII");
    }

    @Override
    protected void mailFrom() throws MessagingException {
        deferring = isPipelining();
        super.mailFrom();
    }

    @Override
    protected void rcptTo() throws MessagingException {
        try {
            super.rcptTo();
        } finally {
            deferring = false;
        }
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        if (command.startsWith("MAIL FROM:")) {
            command = withBodyType(command);
        }
        if (utf8Mail) {
            command = utf8(command);
        }
        boolean chunk = command.startsWith("BDAT");
        if (chunk) {
            bdat = command;
        }
        boolean last = ".".equals(command) || chunk && command.endsWith(" LAST");
        if (last) {
            end = command;
        }
        if (deferring) {
            pending.add(pending(command));
            if (commandGroups != null) {
                commandGroups.hold();
            }
        } else if (!pending.isEmpty() && chunk) {
            endGroupWithBdat();
        } else if (!pending.isEmpty() && commandGroups != null) {
            // DATA, the group's last command: it leaves in one write with those held before it
            commandGroups.release();
        }
        if (chunk && commandGroups != null) {
            // BDAT and its chunk leave in one write when Angus flushes after the chunk, or with the next mail's
            // commands
            commandGroups.hold();
            super.sendCommand(command);
            if (!(last && deferEnd)) {
                commandGroups.sendAtFlush();
            }
        } else if (last && deferEnd && commandGroups != null) {
            // the end of the content leaves with the next mail's commands
            commandGroups.hold();
            super.sendCommand(command);
        } else {
            super.sendCommand(command);
        }
    }

    /** A command to send without waiting for its reply; RCPT TO goes out for each of the message's addresses in turn. */
    private Pending pending(String command) {
        if (command.startsWith("RCPT")) {
            return new Pending(command, Kind.RCPT, (InternetAddress) recipients[countRecipients()]);
        }
        return new Pending(command, command.startsWith("RSET") ? Kind.RSET : Kind.MAIL, null);
    }

    /**
     * BDAT, unlike DATA, cannot be taken back: it joins the group, with its content, only when one recipient is
     * named, so that a refused MAIL or RCPT leaves the server nothing to deliver; else the group goes and its replies
     * are read first.
     */
    private void endGroupWithBdat() throws MessagingException {
        if (countRecipients() == 1) {
            return;
        }
        try {
            if (commandGroups != null) {
                commandGroups.sendHeld();
            }
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
        String command = bdat;
        bdat = null;
        readEarlier();
        MessagingException refused = readReplies();
        if (refused != null) {
            throw refused;
        }
        bdat = command;
    }

    /**
     * MAIL FROM with {@code BODY=8BITMIME} (RFC 6152) for 8-bit content: UTF-8 headers, or a body Angus sent unencoded
     * ({@code mail.smtp.allow8bitmime}) because the server offers 8BITMIME.
     */
    private String withBodyType(String command) throws MessagingException {
        boolean eightBit = utf8Mail || mail != null && EightBitParts.any(mail);
        return eightBit && supportsExtension("8BITMIME") ? command + " BODY=8BITMIME" : command;
    }

    /** MAIL FROM with SMTPUTF8, and the command in UTF-8 bytes. */
    private String utf8(String command) {
        if (command.startsWith("MAIL FROM:")) {
            command += " SMTPUTF8";
        }
        // Angus writes each char of a command as one byte: these chars are the command's UTF-8 bytes
        if (Utf8Addresses.isAscii(command)) {
            return command;
        }
        return new String(command.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /**
     * While commands are being pipelined, each is answered "250" at once; the real replies are read, in order, before
     * the reply to the command that ends the group ({@code DATA} or {@code BDAT}).
     */
    @Override
    protected int readServerResponse() throws MessagingException {
        if (deferring) {
            return OK;
        }
        if (end != null && deferEnd) {
            // the mail's end: its replies are read with the next mail's
            List<Pending> replies = new ArrayList<>(pending);
            replies.add(new Pending(end, Kind.END, null));
            earlier.add(new Unread(current, replies, recipients));
            pending.clear();
            end = null;
            bdat = null;
            return OK;
        }
        end = null;
        readEarlier();
        MessagingException refused = pending.isEmpty() ? null : readReplies();
        int code = super.readServerResponse();
        String command = bdat;
        bdat = null;
        if (refused != null) {
            throw refused;
        }
        if (command != null && code != OK) {
            throw new SMTPSendFailedException(command, code, getLastServerResponse(), null, null, recipients, null);
        }
        return code;
    }

    /** Reads the replies to the pipelined commands, and returns what to throw if any was negative. */
    private MessagingException readReplies() throws MessagingException {
        List<Pending> sent = List.copyOf(pending);
        pending.clear();
        return readReplies(sent, recipients);
    }

    /**
     * Reads the replies of the earlier mails of a run, and tells each mail its outcome. When the connection breaks, no
     * mail whose replies are due can be known to be delivered: each is told the failure, which is thrown.
     */
    private void readEarlier() throws MessagingException {
        while (!earlier.isEmpty()) {
            Unread mail = earlier.peekFirst();
            MessagingException refused;
            try {
                refused = readReplies(mail.replies(), mail.recipients());
            } catch (MessagingException broken) {
                earlier.forEach(unread -> unread.mail().failed(broken));
                earlier.clear();
                throw broken;
            }
            earlier.removeFirst();
            if (refused == null) {
                mail.mail().delivered();
            } else {
                mail.mail().failed(refused);
            }
        }
    }

    /** After a run: the replies of its mails not read yet, as the last mail failed before it read them. */
    private void readEarlierAfterRun() {
        if (earlier.isEmpty()) {
            return;
        }
        try {
            if (commandGroups != null) {
                commandGroups.sendHeld();
            }
            readEarlier();
        } catch (IOException e) {
            MessagingException broken = new MessagingException("Can't send command to SMTP host", e);
            earlier.forEach(unread -> unread.mail().failed(broken));
            earlier.clear();
        } catch (MessagingException e) {
            // each mail was told
        }
    }

    /** Reads the replies to {@code sent}, and returns what to throw if any was negative. */
    private MessagingException readReplies(List<Pending> sent, Address[] recipients) throws MessagingException {
        SMTPSendFailedException mailFailed = null;
        SMTPSendFailedException endFailed = null;
        List<SMTPAddressFailedException> refused = new ArrayList<>();
        List<Address> accepted = new ArrayList<>();
        for (Pending command : sent) {
            int code = super.readServerResponse();
            if (command.kind() == Kind.END) {
                if (code != OK) {
                    endFailed = new SMTPSendFailedException(
                            command.command(), code, getLastServerResponse(), null, null, recipients, null);
                }
            } else if (command.kind() != Kind.RCPT) {
                if (code != OK && mailFailed == null) {
                    mailFailed = new SMTPSendFailedException(
                            command.command(), code, getLastServerResponse(), null, null, recipients, null);
                }
            } else if (code == OK || code == 251) {
                accepted.add(command.recipient());
            } else {
                refused.add(new SMTPAddressFailedException(
                        command.recipient(), command.command(), code, getLastServerResponse()));
            }
        }
        if (mailFailed != null) {
            return mailFailed;
        }
        if (refused.isEmpty()) {
            return endFailed;
        }
        for (int i = 1; i < refused.size(); i++) {
            refused.get(i - 1).setNextException(refused.get(i));
        }
        return new SendFailedException(
                "Invalid Addresses",
                refused.get(0),
                null,
                accepted.toArray(Address[]::new),
                refused.stream().map(SMTPAddressFailedException::getAddress).toArray(Address[]::new));
    }

    /**
     * Angus reports a failure while it writes content with BDAT as an I/O error around the failure itself, and closes
     * the connection: the failure is what the caller needs, to tell a refusal from a broken connection.
     */
    private static MessagingException unwrapped(MessagingException e) {
        if (e.getCause() instanceof IOException io && io.getCause() instanceof MessagingException failure) {
            return failure;
        }
        return e;
    }

    private int countRecipients() {
        return (int) pending.stream().filter(p -> p.kind() == Kind.RCPT).count();
    }
}
