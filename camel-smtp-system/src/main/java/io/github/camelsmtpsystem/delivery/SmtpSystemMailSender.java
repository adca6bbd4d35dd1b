package io.github.camelsmtpsystem.delivery;

import java.util.Properties;

import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import org.apache.camel.component.mail.DefaultJavaMailSender;

/**
 * The camel-mail {@code JavaMailSender} of one SMTP system: its server, credentials and TLS mode, with timeouts always
 * set. {@code use_tls} means implicit TLS on port 465 and required STARTTLS on any other port; server certificates
 * and host names are checked.
 */
public class SmtpSystemMailSender extends DefaultJavaMailSender {

    private final String systemId;

    /**
     * @param system     the system to send through
     * @param connection timeouts and TLS settings
     */
    public SmtpSystemMailSender(SmtpSystemConfig system, SmtpConnectionSettings connection) {
        this.systemId = system.getId();
        String protocol = protocolOf(system, connection);
        setProtocol(protocol);
        setHost(system.getSmtpServer());
        setPort(system.getSmtpPort());
        if (system.isAuthenticated()) {
            setUsername(system.getSmtpUsername());
            setPassword(system.getSmtpPassword());
        }
        setJavaMailProperties(sessionProperties(system, protocol, connection));
    }

    /** {@code smtps} for implicit TLS (on 465, RFC 8314, unless configured otherwise), else {@code smtp}. */
    public static String protocolOf(SmtpSystemConfig system, SmtpConnectionSettings connection) {
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
        properties.setProperty(prefix + "auth", Boolean.toString(system.isAuthenticated()));
        if (system.isUseTls()) {
            properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            if (timeouts.sslSocketFactory() != null) {
                // used for implicit TLS and for the STARTTLS upgrade alike
                properties.put(prefix + "ssl.socketFactory", timeouts.sslSocketFactory());
            }
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
        return "SmtpSystemMailSender[system=" + systemId + ", " + getProtocol() + "://" + getHost() + ":" + getPort() + "]";
    }
}
