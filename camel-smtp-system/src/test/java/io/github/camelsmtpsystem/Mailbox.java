package io.github.camelsmtpsystem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mail tests read from GreenMail: the mails it received, as the server stored them.
 */
public final class Mailbox {

    private Mailbox() {}

    /** A GreenMail SMTP server on a free port for a whole test class, where {@code user} logs in with {@code password}. */
    public static GreenMailExtension serverWithUser(String user, String password) {
        return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(user, password))
                .withPerMethodLifecycle(false);
    }

    /** The mails GreenMail received, after waiting for {@code count}; one per recipient mailbox. */
    public static MimeMessage[] received(GreenMailExtension greenMail, int count) {
        assertThat(greenMail.waitForIncomingEmail(10_000, count))
                .as("%d mails arrive", count)
                .isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(count);
        return received;
    }

    /** The message as the server stored it: headers and body, as sent over SMTP. */
    public static String raw(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header lines of the raw message (continuation lines unfolded into their header). */
    public static List<String> headerLines(MimeMessage message) {
        String raw = raw(message);
        String head = raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n")));
        return Arrays.asList(head.replaceAll("\r\n[ \t]+", " ").split("\r\n"));
    }

    public static List<String> to(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null
                    ? List.of()
                    : Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
