package io.github.camelsmtpsystem.internal.smtp;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;

import io.github.camelsmtpsystem.internal.oauth2.OAuth2Tokens;

/**
 * How mail sessions connect, the same for every system of a component.
 *
 * @param connectMillis    connect timeout
 * @param readMillis       read (reply) timeout
 * @param writeMillis      write timeout, also the bound of a TLS handshake
 * @param finalReplyMillis the timeout of the reply to the end of a mail's data (RFC 5321 §4.5.3.2.6)
 * @param implicitTlsPorts ports on which {@code use_tls} means TLS from the first byte rather than STARTTLS
 * @param sslSocketFactory trust (and key) material for TLS, or {@code null} for the JVM's default trust store
 * @param writeTimeouts    runs the write timeouts of every connection, or {@code null} for a shared one of its own
 * @param pipelining       whether connections pipeline commands when the server offers PIPELINING
 * @param chunking         whether mails go with BDAT when the server offers CHUNKING (RFC 3030)
 * @param smtputf8         whether mails with addresses outside ASCII go with SMTPUTF8 when the server offers it
 *                         (RFC 6531); without it they fail
 * @param eightBitMime     whether text parts go unencoded, with BODY=8BITMIME, when the server offers 8BITMIME
 * @param mailRuns         whether mails waiting for a connection go together in runs (see {@link MailQueue})
 * @param oauth2Tokens     the access tokens of systems that sign in with OAuth2, or {@code null} when none does
 */
public record SmtpConnectionSettings(
        long connectMillis,
        long readMillis,
        long writeMillis,
        long finalReplyMillis,
        Set<Integer> implicitTlsPorts,
        SSLSocketFactory sslSocketFactory,
        ScheduledExecutorService writeTimeouts,
        boolean pipelining,
        boolean chunking,
        boolean smtputf8,
        boolean eightBitMime,
        boolean mailRuns,
        OAuth2Tokens oauth2Tokens) {

    public SmtpConnectionSettings {
        if (connectMillis <= 0 || readMillis <= 0 || writeMillis <= 0 || finalReplyMillis <= 0) {
            throw new IllegalArgumentException(
                    "SMTP timeouts must be more than 0 ms (a server that says nothing must not hang a route); got connectTimeout="
                            + connectMillis + ", readTimeout=" + readMillis + ", writeTimeout=" + writeMillis
                            + ", finalReplyTimeout=" + finalReplyMillis + ".");
        }
        implicitTlsPorts = Set.copyOf(implicitTlsPorts);
    }
}
