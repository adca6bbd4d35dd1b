package io.github.camelsmtpsystem.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The Java client's ceiling: Angus Mail with no Camel, one connection per thread, opened at the thread's first message
 * (inside the timed run) and kept open for all its messages. Connect and read timeouts as camel-mail sets them; no
 * write timeout (Angus runs a timer thread per connection for that).
 */
final class RawAngusClient implements BenchClient {

    private final Target target;
    private final Session session;
    private final String protocol;

    RawAngusClient(Target target) throws Exception {
        this.target = target;
        this.protocol = target.implicitTls() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", "10000");
        properties.setProperty(prefix + "timeout", "30000");
        properties.setProperty(prefix + "auth", Boolean.toString(target.auth()));
        if (target.implicitTls()) {
            properties.put(prefix + "ssl.socketFactory", Tls.context().getSocketFactory());
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        session = Session.getInstance(properties);
    }

    @Override
    public String name() {
        return "raw Angus";
    }

    @Override
    public ThreadSender thread() throws Exception {
        Transport transport = session.getTransport(protocol);
        return new ThreadSender() {
            // not transport.isConnected(): on an open SMTP connection that sends a NOOP, one more round trip
            private boolean connected;

            @Override
            public void send(int i) throws Exception {
                if (!connected) {
                    connected = true;
                    if (target.auth()) {
                        transport.connect(target.host(), target.port(), SmtpServer.USER, SmtpServer.PASSWORD);
                    } else {
                        transport.connect(target.host(), target.port(), null, null);
                    }
                }
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(BenchMails.FROM));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(BenchMails.recipient(i)));
                message.setSubject(BenchMails.subject(i), StandardCharsets.UTF_8.name());
                message.setSentDate(new Date());
                message.setText(BenchMails.body(i), StandardCharsets.UTF_8.name());
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }

            @Override
            public void close() throws Exception {
                if (connected) {
                    transport.close();
                }
            }
        };
    }

    @Override
    public void close() {
        // the threads' connections are closed after each run
    }
}
