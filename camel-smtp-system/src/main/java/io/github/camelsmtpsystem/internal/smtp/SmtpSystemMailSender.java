package io.github.camelsmtpsystem.internal.smtp;

import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.oauth2.AccessTokenCache;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camel-mail {@code JavaMailSender} of one SMTP system: its server, credentials and TLS mode, with timeouts always
 * set. {@code use_tls} means implicit TLS on port 465 and required STARTTLS on any other port; server certificates
 * and host names are checked. With a {@link SmtpConnectionPool} it keeps connections open and reuses them, where
 * camel-mail's own sender opens, greets, authenticates and closes one for every message.
 */
public class SmtpSystemMailSender extends DefaultJavaMailSender {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSystemMailSender.class);

    /** The BDAT chunk size: Angus Mail buffers one chunk per mail. */
    private static final int CHUNK_SIZE = 64 * 1024;

    private final String systemId;
    private final boolean pipelining;
    private final AccessTokenCache accessTokens;
    private final boolean smtputf8;
    private final boolean mailRuns;
    private SmtpConnectionPool pool;
    private MailQueue queue;
    private volatile ClassLoader mailClassLoader;
    private Session session;

    /**
     * @param system     the system to send through
     * @param connection timeouts and TLS settings
     */
    public SmtpSystemMailSender(SmtpSystemConfig system, SmtpConnectionSettings connection) {
        this.systemId = system.getId();
        this.pipelining = connection.pipelining();
        this.smtputf8 = connection.smtputf8();
        this.mailRuns = connection.mailRuns();
        String protocol = protocolOf(system, connection);
        setProtocol(protocol);
        setHost(system.getSmtpServer());
        setPort(system.getSmtpPort());
        if (system.isAuthenticated()) {
            setUsername(system.getSmtpUsername());
            setPassword(system.getSmtpPassword());
        }
        // an OAuth2 system signs in with XOAUTH2 and an access token in place of the password
        this.accessTokens = system.usesOAuth2() ? connection.oauth2Tokens().of(system) : null;
        setJavaMailProperties(sessionProperties(system, protocol, connection));
    }

    /**
     * The session, without camel-mail's authenticator: when the server refuses our credentials Jakarta Mail asks the
     * session's authenticator for others, and camel-mail's gives the same ones back, so every failed mail signed in
     * twice, on two connections, towards account lockouts and fail2ban bans. The credentials go with each connect.
     */
    @Override
    public synchronized Session getSession() {
        if (session == null) {
            session = Session.getInstance(getJavaMailProperties());
        }
        return session;
    }

    /** Sends through {@code pool}'s connections from now on; {@code null} for a connection per message. */
    public void usePool(SmtpConnectionPool pool) {
        this.pool = pool;
        this.queue = pool != null ? new MailQueue(systemId, pool, mailRuns ? MailQueue.MOST_PER_RUN : 1) : null;
    }

    /** Opens and authenticates a connection of this system's session. */
    public Transport connect() throws MessagingException {
        return accessTokens != null ? accessTokens.signIn(this::connectWith) : connectWith(getPassword());
    }

    private Transport connectWith(String password) throws MessagingException {
        Transport transport = getTransport(getSession());
        transport.connect(getHost(), getPort(), getUsername(), password);
        return transport;
    }

    /** Angus Mail's transport, which pipelines when {@code pipelining} is on and sends SMTPUTF8 mail. */
    @Override
    protected Transport getTransport(Session session) {
        return new PipelinedSmtpTransport(session, "smtps".equals(getProtocol()), pipelining, smtputf8);
    }

    /**
     * Sends with the mail implementation's class loader as the thread's context class loader. Jakarta Activation finds
     * the handlers that write a body (text/plain, multipart/alternative, ...) in the implementation's META-INF/mailcap
     * through that loader; in OSGi camel-mail sets it to the application's bundle, which cannot see that file, and the
     * send fails with "no object DCH for MIME type".
     */
    @Override
    public void send(MimeMessage message) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(mailClassLoader());
        try {
            sendOnce(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Angus Mail's own loader: our transport subclass comes from this bundle, which cannot see Angus's mailcap. */
    private ClassLoader mailClassLoader() throws NoSuchProviderException {
        ClassLoader loader = mailClassLoader;
        if (loader == null) {
            loader = getSession().getTransport(getProtocol()).getClass().getClassLoader();
            mailClassLoader = loader;
        }
        return loader;
    }

    private void sendOnce(MimeMessage message) throws MessagingException {
        if (pool == null && accessTokens == null) {
            super.send(message);
            return;
        }
        if (pool == null) {
            // camel-mail's own send would sign in with a password
            Transport transport = connect();
            try {
                transport.sendMessage(message, message.getAllRecipients());
            } finally {
                closeQuietly(transport);
            }
            return;
        }
        // the renderer made the message complete (Date, Message-ID, saved headers), as camel-mail's own sender would
        queue.send(message);
    }

    /** {@code smtps} for implicit TLS (on 465, RFC 8314, unless configured otherwise), else {@code smtp}. */
    private static String protocolOf(SmtpSystemConfig system, SmtpConnectionSettings connection) {
        return system.isUseTls() && connection.implicitTlsPorts().contains(system.getSmtpPort()) ? "smtps" : "smtp";
    }

    static Properties sessionProperties(SmtpSystemConfig system, String protocol, SmtpConnectionSettings timeouts) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", system.getSmtpServer());
        properties.setProperty(prefix + "port", Integer.toString(system.getSmtpPort()));
        properties.setProperty(prefix + "connectiontimeout", Long.toString(timeouts.connectMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(timeouts.readMillis()));
        properties.setProperty(prefix + "writetimeout", Long.toString(timeouts.writeMillis()));
        if (timeouts.writeTimeouts() != null) {
            // without it Angus starts a thread for every connection to watch its writes
            properties.put(prefix + "executor.writetimeout", timeouts.writeTimeouts());
        }
        properties.put(prefix + "socketFactory", new TcpNoDelaySocketFactory());
        if (timeouts.pipelining()) {
            // a connection closed in the middle of a pipelined send gets no reply to QUIT
            properties.setProperty(prefix + "quitwait", "false");
        }
        if (timeouts.eightBitMime()) {
            // text parts go unencoded, with BODY=8BITMIME, when the server offers 8BITMIME
            properties.setProperty(prefix + "allow8bitmime", "true");
        }
        if (timeouts.chunking()) {
            // BDAT (RFC 3030) when the server offers CHUNKING: a mail up to this size goes in one chunk
            properties.setProperty(prefix + "chunksize", Integer.toString(CHUNK_SIZE));
        }
        properties.setProperty(prefix + "auth", Boolean.toString(system.isAuthenticated()));
        if (system.usesOAuth2()) {
            // Angus Mail's own SASL XOAUTH2, with the access token as the password
            properties.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
        }
        if (system.isUseTls()) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            SSLSocketFactory tls = timeouts.sslSocketFactory() != null
                    ? timeouts.sslSocketFactory()
                    : (SSLSocketFactory) SSLSocketFactory.getDefault();
            // used for implicit TLS and for the STARTTLS upgrade alike
            properties.put(prefix + "ssl.socketFactory", new TcpNoDelaySslSocketFactory(tls));
            if ("smtp".equals(protocol)) {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                // never fall back to plain text when the server does not offer STARTTLS
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
        }
        return properties;
    }

    @Override
    public String toString() {
        return "SmtpSystemMailSender[system=" + systemId + ", " + getProtocol() + "://" + getHost() + ":" + getPort()
                + "]";
    }

    /**
     * Closes a connection after its mail: the server has accepted the mail by then, so a failed QUIT must not make it
     * a failed mail that is retried and delivered twice (camel-mail's own send logs it the same way).
     */
    private void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("Closing an SMTP connection of system '{}' failed: {}", systemId, e.getMessage());
        }
    }
}
