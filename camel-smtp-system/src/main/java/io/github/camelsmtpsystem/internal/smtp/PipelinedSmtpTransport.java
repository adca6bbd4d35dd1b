package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * A mail with an address outside ASCII goes with {@code SMTPUTF8} (RFC 6531) and UTF-8 headers when the server offers
 * it; otherwise a domain outside ASCII goes in IDNA's ASCII form ({@code xn--}), and a mail with a local part outside
 * ASCII fails before any command. Other mails go as before.
 */
public class PipelinedSmtpTransport extends SMTPTransport {

    private static final int OK = 250;

    /** A command sent without waiting for its reply, and the recipient it names ({@code null} for MAIL FROM). */
    private record Pending(String command, InternetAddress recipient) {}

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

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        pending.clear();
        try {
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
        } catch (MessagingException e) {
            throw unwrapped(e);
        } finally {
            // a group that ended early (an exception before DATA) is never sent, not even with the next mail
            if (commandGroups != null) {
                commandGroups.drop();
            }
            recipients = null;
            deferring = false;
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
        if (deferring) {
            // RCPT TO goes out for each of the message's addresses in turn
            InternetAddress recipient =
                    command.startsWith("RCPT") ? (InternetAddress) recipients[countRecipients()] : null;
            pending.add(new Pending(command, recipient));
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
            // BDAT and its chunk leave in one write when Angus flushes after the chunk
            commandGroups.hold();
            super.sendCommand(command);
            commandGroups.sendAtFlush();
        } else {
            super.sendCommand(command);
        }
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
        SMTPSendFailedException mailFailed = null;
        List<SMTPAddressFailedException> refused = new ArrayList<>();
        List<Address> accepted = new ArrayList<>();
        for (Pending command : sent) {
            int code = super.readServerResponse();
            if (command.recipient() == null) {
                if (code != OK) {
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
            return null;
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
        return (int)
                pending.stream().filter(p -> p.command().startsWith("RCPT")).count();
    }
}
