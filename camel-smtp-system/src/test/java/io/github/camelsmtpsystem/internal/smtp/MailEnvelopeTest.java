package io.github.camelsmtpsystem.internal.smtp;

import java.util.List;

import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The DSN parameters of MAIL FROM and RCPT TO (RFC 3461), xtext-encoded so that no value can end the command. */
class MailEnvelopeTest {

    @Test
    void xtextEncodesPlusEqualsSpacesControlsAndNonAscii() {
        assertThat(MailEnvelope.xtext("a+b=c d\r\næ")).isEqualTo("a+2Bb+3Dc+20d+0D+0A+C3+A6");
        assertThat(MailEnvelope.xtext("order-42")).isEqualTo("order-42");
    }

    @Test
    void mailFromGetsRetAndEnvidRcptGetsNotifyAndOrcpt() throws Exception {
        MailEnvelope envelope = new MailEnvelope(null, List.of("SUCCESS", "FAILURE"), "HDRS", "id 1");

        assertThat(envelope.mailFromParameters()).isEqualTo(" RET=HDRS ENVID=id+201");
        assertThat(envelope.rcptParameters(new InternetAddress("a+tag@example.com")))
                .isEqualTo(" NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a+2Btag@example.com");
    }

    @Test
    void anEnvelopeIdTooLongForEnvidIsLeftOut() {
        MailEnvelope envelope = new MailEnvelope(null, List.of("FAILURE"), null, "x".repeat(101));

        assertThat(envelope.envelopeIdTooLong()).isTrue();
        assertThat(envelope.mailFromParameters()).isEmpty();
    }
}
