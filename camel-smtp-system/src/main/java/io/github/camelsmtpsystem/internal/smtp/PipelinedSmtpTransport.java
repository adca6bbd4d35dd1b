package io.github.camelsmtpsystem.internal.smtp;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport with command pipelining (RFC 2920) when the server offers PIPELINING: {@code MAIL FROM},
 * every {@code RCPT TO} and {@code DATA} go out together and their replies are read together, so a message takes two
 * round trips (commands, then content) instead of three plus one per recipient.
 * <p>
 * Nothing is delivered unless every reply is positive: when {@code MAIL} or a recipient is refused after the server has
 * already accepted {@code DATA}, the send fails before any content is written, and the connection must be closed (the
 * pool discards a connection after a failure); the server then drops the transaction, as it never saw its end.
 * Sessions using it set {@code quitwait} to false, so that closing such a connection does not wait for a reply the
 * server will not give.
 */
public class PipelinedSmtpTransport extends SMTPTransport {

    private static final int OK = 250;

    /** A command sent without waiting for its reply, and the recipient it names ({@code null} for MAIL FROM). */
    private record Pending(String command, InternetAddress recipient) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private boolean deferring;
    private Address[] recipients;
    /** The output of this connection's socket, which sends a group in one write; {@code null} for another socket. */
    private CommandGroupOutputStream commandGroups;

    /**
     * @param session its properties configure the connection, as for Angus Mail's own transport
     * @param ssl     {@code true} for implicit TLS ({@code smtps}), {@code false} for {@code smtp}
     */
    public PipelinedSmtpTransport(Session session, boolean ssl) {
        super(session, new URLName(ssl ? "smtps" : "smtp", null, -1, null, null, null), ssl ? "smtps" : "smtp", ssl);
    }

    /** Whether the server offered PIPELINING in its EHLO reply, so that messages go with two round trips. */
    public boolean isPipelining() {
        return supportsExtension("PIPELINING");
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        return CommandGroupOutputStream.opening(this, () -> super.protocolConnect(host, port, user, password));
    }

    /** Called as the socket this transport opens makes its output. */
    void useCommandGroups(CommandGroupOutputStream stream) {
        commandGroups = stream;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        recipients = addresses;
        pending.clear();
        try {
            super.sendMessage(message, addresses);
        } finally {
            // a group that ended early (an exception before DATA) is never sent, not even with the next mail
            if (commandGroups != null) {
                commandGroups.drop();
            }
            recipients = null;
            deferring = false;
            pending.clear();
        }
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
        if (deferring) {
            // RCPT TO goes out for each of the message's addresses in turn
            InternetAddress recipient = command.startsWith("RCPT") ? (InternetAddress) recipients[countRecipients()] : null;
            pending.add(new Pending(command, recipient));
            if (commandGroups != null) {
                commandGroups.hold();
            }
        } else if (!pending.isEmpty() && commandGroups != null) {
            // DATA, the group's last command: it leaves in one write with those held before it
            commandGroups.release();
        }
        super.sendCommand(command);
    }

    /**
     * While commands are being pipelined, each is answered "250" at once; the real replies are read, in order, before
     * the reply to the command that ends the group ({@code DATA}).
     */
    @Override
    protected int readServerResponse() throws MessagingException {
        if (deferring) {
            return OK;
        }
        if (pending.isEmpty()) {
            return super.readServerResponse();
        }
        List<Pending> sent = List.copyOf(pending);
        pending.clear();
        SMTPSendFailedException mailFailed = null;
        List<SMTPAddressFailedException> refused = new ArrayList<>();
        List<Address> accepted = new ArrayList<>();
        for (Pending command : sent) {
            int code = super.readServerResponse();
            if (command.recipient() == null) {
                if (code != OK) {
                    mailFailed = new SMTPSendFailedException(command.command(), code, getLastServerResponse(), null,
                            null, recipients, null);
                }
            } else if (code == OK || code == 251) {
                accepted.add(command.recipient());
            } else {
                refused.add(new SMTPAddressFailedException(command.recipient(), command.command(), code, getLastServerResponse()));
            }
        }
        int code = super.readServerResponse();
        if (mailFailed != null) {
            throw mailFailed;
        }
        if (!refused.isEmpty()) {
            for (int i = 1; i < refused.size(); i++) {
                refused.get(i - 1).setNextException(refused.get(i));
            }
            throw new SendFailedException("Invalid Addresses", refused.get(0), null, accepted.toArray(Address[]::new),
                    refused.stream().map(SMTPAddressFailedException::getAddress).toArray(Address[]::new));
        }
        return code;
    }

    private int countRecipients() {
        return (int) pending.stream().filter(p -> p.command().startsWith("RCPT")).count();
    }
}
