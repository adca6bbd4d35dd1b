package io.github.camelsmtpsystem.delivery;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.internet.MimeMessage;

import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import org.apache.camel.component.mail.DefaultJavaMailSender;

/**
 * The camel-mail {@code JavaMailSender} of one SMTP system: its server, credentials and TLS mode, with timeouts always
 * set. {@code use_tls} means implicit TLS on port 465 and required STARTTLS on any other port; server certificates
 * and host names are checked.
 */
public class SmtpSystemMailSender extends DefaultJavaMailSender {

    /** The port on which {@code use_tls} means TLS from the first byte (RFC 8314) rather than STARTTLS. */
    public static final int IMPLICIT_TLS_PORT = 465;

    private final String systemId;
    private volatile ClassLoader mailClassLoader;

    /**
     * @param system   the system to send through
     * @param timeouts connect, read and write timeouts
     */
    public SmtpSystemMailSender(SmtpSystemConfig system, SmtpTimeouts timeouts) {
        this.systemId = system.getId();
        String protocol = protocolOf(system);
        setProtocol(protocol);
        setHost(system.getSmtpServer());
        setPort(system.getSmtpPort());
        if (system.isAuthenticated()) {
            setUsername(system.getSmtpUsername());
            setPassword(system.getSmtpPassword());
        }
        setJavaMailProperties(sessionProperties(system, protocol, timeouts));
    }

    /** {@code smtps} for implicit TLS, else {@code smtp}. */
    public static String protocolOf(SmtpSystemConfig system) {
        return system.isUseTls() && system.getSmtpPort() == IMPLICIT_TLS_PORT ? "smtps" : "smtp";
    }

    static Properties sessionProperties(SmtpSystemConfig system, String protocol, SmtpTimeouts timeouts) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", system.getSmtpServer());
        properties.setProperty(prefix + "port", Integer.toString(system.getSmtpPort()));
        properties.setProperty(prefix + "connectiontimeout", Long.toString(timeouts.connectMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(timeouts.readMillis()));
        properties.setProperty(prefix + "writetimeout", Long.toString(timeouts.writeMillis()));
        properties.setProperty(prefix + "auth", Boolean.toString(system.isAuthenticated()));
        if (system.isUseTls()) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            if ("smtp".equals(protocol)) {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                // never fall back to plain text when the server does not offer STARTTLS
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
        }
        return properties;
    }

    /**
     * Sends with the mail implementation's class loader as the thread's context class loader. Jakarta Activation finds
     * the handlers that write a body (text/plain, multipart/alternative, ...) in the implementation's META-INF/mailcap
     * through that loader; in OSGi camel-mail sets it to the application's bundle, which cannot see that file, and the
     * send fails with "no object DCH for MIME type".
     */
    @Override
    public void send(MimeMessage mimeMessage) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(mailClassLoader());
        try {
            super.send(mimeMessage);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private ClassLoader mailClassLoader() throws NoSuchProviderException {
        ClassLoader loader = mailClassLoader;
        if (loader == null) {
            loader = getTransport(getSession()).getClass().getClassLoader();
            mailClassLoader = loader;
        }
        return loader;
    }

    @Override
    public String toString() {
        return "SmtpSystemMailSender[system=" + systemId + ", " + getProtocol() + "://" + getHost() + ":" + getPort() + "]";
    }
}
