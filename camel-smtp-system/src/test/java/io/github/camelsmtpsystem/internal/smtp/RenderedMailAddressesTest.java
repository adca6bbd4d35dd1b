package io.github.camelsmtpsystem.internal.smtp;

import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rendered mail gives back the addresses it was set from without parsing its headers again, and exactly what a
 * MimeMessage gives once a header is changed another way.
 */
class RenderedMailAddressesTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void givesTheAddressesItWasSetFromAsMimeMessageGivesThem() throws Exception {
        RenderedMail rendered = new RenderedMail(SESSION);
        MimeMessage standard = new MimeMessage(SESSION);
        for (MimeMessage message : new MimeMessage[] {rendered, standard}) {
            message.setFrom(new InternetAddress("Åse Ærlig <sender@example.com>"));
            message.setRecipients(
                    Message.RecipientType.TO, InternetAddress.parse("a@example.com, \"B, Jr\" <b@example.com>"));
            message.setRecipients(Message.RecipientType.CC, InternetAddress.parse("c@example.com"));
        }

        assertThat(rendered.getFrom()).isEqualTo(standard.getFrom());
        assertThat(((InternetAddress) rendered.getFrom()[0]).getPersonal()).isEqualTo("Åse Ærlig");
        assertThat(rendered.getRecipients(Message.RecipientType.TO))
                .isEqualTo(standard.getRecipients(Message.RecipientType.TO));
        assertThat(rendered.getAllRecipients())
                .isEqualTo(standard.getAllRecipients())
                .hasSize(3);
        assertThat(rendered.getRecipients(Message.RecipientType.BCC)).isNull();
    }

    @Test
    void aHeaderChangedAnotherWayIsReadFromTheHeader() throws Exception {
        RenderedMail rendered = new RenderedMail(SESSION);
        rendered.setFrom(new InternetAddress("first@example.com"));
        rendered.setRecipients(Message.RecipientType.TO, InternetAddress.parse("to@example.com"));

        rendered.setHeader("from", "other@example.com");
        rendered.addRecipients(Message.RecipientType.TO, InternetAddress.parse("more@example.com"));

        assertThat(addresses(rendered.getFrom())).containsExactly("other@example.com");
        assertThat(addresses(rendered.getRecipients(Message.RecipientType.TO)))
                .containsExactly("to@example.com", "more@example.com");
        rendered.removeHeader("To");
        assertThat(rendered.getRecipients(Message.RecipientType.TO)).isNull();
    }

    @Test
    void aCallerCannotChangeTheAddressesItKeeps() throws Exception {
        RenderedMail rendered = new RenderedMail(SESSION);
        rendered.setRecipients(Message.RecipientType.TO, InternetAddress.parse("to@example.com"));

        rendered.getRecipients(Message.RecipientType.TO)[0] = new InternetAddress("changed@example.com");

        assertThat(addresses(rendered.getAllRecipients())).containsExactly("to@example.com");
    }

    private static String[] addresses(Address[] addresses) {
        String[] out = new String[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = ((InternetAddress) addresses[i]).getAddress();
        }
        return out;
    }
}
