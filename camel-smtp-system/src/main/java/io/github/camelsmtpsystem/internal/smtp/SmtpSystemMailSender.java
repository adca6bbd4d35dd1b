package io.github.camelsmtpsystem.internal.smtp;

import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.internal.oauth2.AccessTokenCache;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.component.mail.DefaultJavaMailSender;

/**
 * The camel-mail {@code JavaMailSender} of one SMTP system: camel-mail hands it each mail, and it sends the mail on an
 * {@link SmtpSession} to the system's server, with the system's credentials and TLS mode. {@code use_tls} means
 * implicit TLS on the implicit TLS ports (465) and required STARTTLS on any other; server certificates and host names
 * are checked. With a {@link SmtpConnectionPool} it keeps connections open and reuses them, mails waiting for one going
 * in runs ({@link MailQueue}); without, each mail opens, signs in and closes a connection of its own.
 */
public class SmtpSystemMailSender extends DefaultJavaMailSender {

    private final String systemId;
    /** The server as logs and {@link #toString()} may show it: hidden when it came from $SECRET(...). */
    private final String shownServer;

    private final SmtpSession.Target target;
    private final SmtpConnectionSettings settings;
    private final String password;
    private final AccessTokenCache accessTokens;
    private final boolean mailRuns;
    private final Session session = Session.getInstance(new Properties());
    private MailQueue queue;
    private volatile ClassLoader mailClassLoader;

    /**
     * @param system     the system to send through
     * @param connection timeouts and TLS settings
     */
    public SmtpSystemMailSender(SmtpSystem system, SmtpConnectionSettings connection) {
        this.systemId = system.getId();
        this.shownServer = system.shown(SystemKey.SMTP_SERVER, system.getSmtpServer());
        this.settings = connection;
        this.mailRuns = connection.mailRuns();
        SmtpSession.Tls tls = !system.isUseTls()
                ? SmtpSession.Tls.NONE
                : connection.implicitTlsPorts().contains(system.getSmtpPort())
                        ? SmtpSession.Tls.IMPLICIT
                        : SmtpSession.Tls.STARTTLS;
        this.target = new SmtpSession.Target(
                system.getSmtpServer(),
                system.getSmtpPort(),
                tls,
                system.isAuthenticated() ? system.getSmtpUsername() : null);
        this.password = system.isAuthenticated() ? system.getSmtpPassword() : null;
        // an OAuth2 system signs in with XOAUTH2 and an access token in place of the password
        this.accessTokens = system.usesOAuth2() ? connection.oauth2Tokens().of(system) : null;
        setProtocol(tls == SmtpSession.Tls.IMPLICIT ? "smtps" : "smtp");
        setHost(system.getSmtpServer());
        setPort(system.getSmtpPort());
    }

    /** A session for camel-mail's use; the mails go on {@link SmtpSession}s, never through it. */
    @Override
    public Session getSession() {
        return session;
    }

    /** Sends through {@code pool}'s connections from now on; {@code null} for a connection per message. */
    public void usePool(SmtpConnectionPool pool) {
        this.queue = pool != null
                ? new MailQueue(systemId, pool, mailRuns ? MailQueue.MOST_PER_RUN : 1, settings.readMillis())
                : null;
    }

    /** How the system's connections are protected. */
    public SmtpSession.Tls tls() {
        return target.tls();
    }

    /** Opens a connection of this system and signs in: one attempt, two with OAuth2 when the token was refused. */
    public SmtpSession connect() throws MessagingException {
        if (accessTokens != null) {
            return accessTokens.signIn(token -> SmtpSession.open(target, settings, SmtpSession.SignIn.XOAUTH2, token));
        }
        return SmtpSession.open(target, settings, SmtpSession.SignIn.PASSWORD, password);
    }

    /**
     * Sends with the mail implementation's class loader as the thread's context class loader. Jakarta Activation finds
     * the handlers that write a body (text/plain, multipart/alternative, ...) in the implementation's META-INF/mailcap
     * through that loader; in OSGi camel-mail sets it to the application's bundle, which cannot see that file, and
     * writing the mail fails with "no object DCH for MIME type".
     */
    @Override
    public void send(MimeMessage message) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(mailClassLoader());
        try {
            if (queue != null) {
                queue.send(message);
            } else {
                sendOnItsOwnConnection(message);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Sends the mails of a batch's run in order, pipelined, on the pool's connections (or, without a pool, on
     * connections of their own), and tells each its outcome before it returns; a mail no connection got to is told it
     * was not sent. Waits for a free pooled connection at most {@code waitMillis}.
     */
    public void sendRun(List<? extends SmtpSession.Delivery> run, long waitMillis) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(mailClassLoader());
            if (queue != null) {
                queue.sendRun(run, waitMillis);
            } else {
                sendRunOnItsOwnConnections(run);
            }
        } catch (MessagingException e) {
            run.forEach(mail -> mail.failed(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Without a pool: each mail on a connection of its own, as connectionPoolSize=0 says, in the run's order. */
    private void sendRunOnItsOwnConnections(List<? extends SmtpSession.Delivery> run) {
        for (SmtpSession.Delivery delivery : run) {
            MailQueue.RunMail mail = new MailQueue.RunMail(delivery);
            try (SmtpSession connection = connect()) {
                connection.send(List.of(mail));
            } catch (MessagingException e) {
                mail.failed(e);
            }
            mail.tellUnlessTold(new MessagingException("The mail was not sent: the SMTP connection failed before it"));
        }
    }

    /** Angus Mail's own loader, which sees its mailcap. */
    private ClassLoader mailClassLoader() throws NoSuchProviderException {
        ClassLoader loader = mailClassLoader;
        if (loader == null) {
            loader = session.getTransport("smtp").getClass().getClassLoader();
            mailClassLoader = loader;
        }
        return loader;
    }

    /** Opens a connection, sends the mail, and says QUIT (a failed QUIT after the mail's 250 leaves it delivered). */
    private void sendOnItsOwnConnection(MimeMessage message) throws MessagingException {
        OneMail mail = new OneMail(message);
        try (SmtpSession connection = connect()) {
            connection.send(List.of(mail));
        }
        mail.outcome();
    }

    @Override
    public String toString() {
        return "SmtpSystemMailSender[system=" + systemId + ", " + getProtocol() + "://" + shownServer + ":" + getPort()
                + "]";
    }

    /** The one mail of a connection of its own. */
    private static final class OneMail implements SmtpSession.Delivery {
        private final MimeMessage message;
        private boolean told;
        private MessagingException failure;

        OneMail(MimeMessage message) {
            this.message = message;
        }

        @Override
        public MimeMessage message() {
            return message;
        }

        @Override
        public void delivered() {
            told = true;
        }

        @Override
        public void failed(MessagingException e) {
            told = true;
            failure = e;
        }

        void outcome() throws MessagingException {
            if (failure != null) {
                throw failure;
            }
            if (!told) {
                throw new MessagingException("The mail was not sent: the SMTP connection failed before it");
            }
        }
    }
}
