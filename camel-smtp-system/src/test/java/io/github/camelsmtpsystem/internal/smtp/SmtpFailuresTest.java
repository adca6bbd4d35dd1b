package io.github.camelsmtpsystem.internal.smtp;

import java.net.SocketException;
import javax.net.ssl.SSLHandshakeException;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are worth another try, and which say the connection itself is gone. */
class SmtpFailuresTest {

    @Test
    void aConnectionClosedBeforeTheReplyIsTransientAndBroken() {
        // what Angus reports when the server closes the connection where a reply was due
        MessagingException eof = new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null);

        assertThat(SmtpFailures.isTransient(eof)).isTrue();
        assertThat(SmtpFailures.isBrokenConnection(eof)).isTrue();
    }

    @Test
    void aResetConnectionIsTransientAndBroken() {
        MessagingException reset = new MessagingException("Exception reading response", new SocketException("reset"));

        assertThat(SmtpFailures.isTransient(reset)).isTrue();
        assertThat(SmtpFailures.isBrokenConnection(reset)).isTrue();
    }

    @Test
    void repliesDecideByTheirCode() {
        MessagingException later =
                new SMTPSendFailedException("MAIL", 451, "451 4.3.0 try later", null, null, null, null);
        MessagingException refused = new SMTPSendFailedException(".", 554, "554 5.7.1 spam", null, null, null, null);
        MessagingException closing = new SMTPSendFailedException("RCPT", 421, "421 closing", null, null, null, null);

        assertThat(SmtpFailures.isTransient(later)).isTrue();
        assertThat(SmtpFailures.isTransient(refused)).isFalse();
        assertThat(SmtpFailures.isBrokenConnection(refused)).isFalse();
        assertThat(SmtpFailures.isBrokenConnection(closing)).isTrue();
    }

    @Test
    void anUntrustedCertificateIsPermanent() {
        MessagingException untrusted =
                new MessagingException("Could not connect", new SSLHandshakeException("unable to find valid path"));

        assertThat(SmtpFailures.isTransient(untrusted)).isFalse();
    }
}
