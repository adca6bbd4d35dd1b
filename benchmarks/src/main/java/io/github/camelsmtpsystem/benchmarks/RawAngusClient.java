package io.github.camelsmtpsystem.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The Java client's ceiling: Angus Mail with no Camel, one connection per sending thread, opened at its first message
 * (in the warm-up) and kept open for all its messages, across runs, until the profile ends: a warm pool at its best. Connect and read timeouts
 * as camel-mail sets them; no write timeout (Angus starts a timer thread per connection for that).
 */
final class RawAngusClient implements BenchClient {

    private final Target target;
    private final Session session;
    private final String protocol;
    /** The kept-open connection of each thread index. */
    private final List<Connection> connections = new ArrayList<>();

    RawAngusClient(Target target) throws Exception {
        this.target = target;
        this.protocol = target.implicitTls() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", "10000");
        properties.setProperty(prefix + "timeout", "30000");
        properties.setProperty(prefix + "auth", Boolean.toString(target.auth()));
        if (target.tls()) {
            properties.put(prefix + "ssl.socketFactory", Tls.context().getSocketFactory());
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        if (target.startTls()) {
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", "true");
        }
        session = Session.getInstance(properties);
    }

    @Override
    public String name() {
        return "raw Angus";
    }

    @Override
    public synchronized ThreadSender thread(int index) {
        while (connections.size() <= index) {
            connections.add(new Connection());
        }
        Connection connection = connections.get(index);
        return i -> {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(BenchMails.FROM));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(BenchMails.recipient(i)));
            message.setSubject(BenchMails.subject(i), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setText(BenchMails.body(i), StandardCharsets.UTF_8.name());
            message.saveChanges();
            connection.send(message);
        };
    }

    /** A thread's connection. Not {@code transport.isConnected()}: on an open SMTP connection that is a NOOP round trip. */
    private final class Connection {
        private Transport transport;

        void send(MimeMessage message) throws MessagingException {
            if (transport == null) {
                open();
            }
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | IllegalStateException e) {
                // the server may have closed a connection left idle since the last run: reconnect once
                close();
                open();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }

        private void open() throws MessagingException {
            Transport opened = session.getTransport(protocol);
            if (target.auth()) {
                opened.connect(target.host(), target.port(), SmtpServer.USER, SmtpServer.PASSWORD);
            } else {
                opened.connect(target.host(), target.port(), null, null);
            }
            transport = opened;
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // closing anyway
                }
                transport = null;
            }
        }
    }

    @Override
    public synchronized void close() {
        connections.forEach(Connection::close);
        connections.clear();
    }
}
