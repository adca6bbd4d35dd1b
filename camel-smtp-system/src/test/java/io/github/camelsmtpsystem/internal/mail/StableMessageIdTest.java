package io.github.camelsmtpsystem.internal.mail;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.github.camelsmtpsystem.internal.smtp.RenderedMail;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StableMessageIdTest {

    @Test
    void theSameEntitysSameMailGetsTheSameIdEvenWithANewDateAndNewBoundaries() throws Exception {
        MimeMessage first = mail("Order 1 shipped", "<p>Your order</p>");
        MimeMessage second = mail("Order 1 shipped", "<p>Your order</p>");

        String id = idOf(first, "shop", "o1");

        assertThat(idOf(second, "shop", "o1")).isEqualTo(id).matches("<[0-9a-f]{32}@example\\.com>");
        // the rendered bytes differ (boundaries), the id does not
        assertThat(first.getContentType()).isNotEqualTo(second.getContentType());
    }

    @Test
    void anotherSystemEntityOrContentGetsAnotherId() throws Exception {
        String id = idOf(mail("Order 1 shipped", "<p>Your order</p>"), "shop", "o1");

        assertThat(idOf(mail("Order 1 shipped", "<p>Your order</p>"), "crm", "o1"))
                .isNotEqualTo(id);
        assertThat(idOf(mail("Order 1 shipped", "<p>Your order</p>"), "shop", "o2"))
                .isNotEqualTo(id);
        assertThat(idOf(mail("Order 1 shipped", "<p>Your order!</p>"), "shop", "o1"))
                .isNotEqualTo(id);
        assertThat(idOf(mail("Order 1 is late", "<p>Your order</p>"), "shop", "o1"))
                .isNotEqualTo(id);
    }

    @Test
    void eachMailsIdIsAtItsOwnSendersDomainInAscii() throws Exception {
        // senders alternate: the domain kept from the mail before must not answer for another
        for (int i = 0; i < 2; i++) {
            MimeMessage international = mail("Order 1 shipped", "<p>Your order</p>");
            international.setFrom(new jakarta.mail.internet.InternetAddress("shop@bücher.example", true));
            assertThat(idOf(international, "shop", "o1")).endsWith("@xn--bcher-kva.example>");
            assertThat(idOf(mail("Order 1 shipped", "<p>Your order</p>"), "shop", "o1"))
                    .endsWith("@example.com>");
        }
    }

    @Test
    void theIdSurvivesTheSavesBeforeTheMailIsWritten() throws Exception {
        MimeMessage mail = mail("Order 1 shipped", "<p>Your order</p>");
        String id = idOf(mail, "shop", "o1");

        mail.saveChanges();
        mail.saveChanges();

        assertThat(mail.getMessageID()).isEqualTo(id);
    }

    @Test
    void aMailWithAttachmentsGetsTheSameIdForTheSameFilesAndAnotherForOtherBytes() throws Exception {
        byte[] pdf = "%PDF-1.4 invoice 7".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        String id = idOf(withAttachment(pdf), "shop", "o1");

        assertThat(idOf(withAttachment(pdf.clone()), "shop", "o1")).isEqualTo(id);
        byte[] other = pdf.clone();
        other[other.length - 1] = '8';
        assertThat(idOf(withAttachment(other), "shop", "o1")).isNotEqualTo(id);
    }

    private static MimeMessage withAttachment(byte[] pdf) throws Exception {
        MimeMessage mail = new RenderedMail(Session.getInstance(new Properties()));
        mail.setFrom("shop@example.com");
        mail.setRecipients(Message.RecipientType.TO, "to@example.com");
        mail.setSubject("Invoice 7", "UTF-8");
        mail.setContent(MimeTree.of(
                "Your invoice",
                "<p>Your invoice</p>",
                java.util.List.of(new MailAttachment("invoice-7.pdf", "application/pdf", null, pdf))));
        mail.saveChanges();
        return mail;
    }

    private static String idOf(MimeMessage mail, String system, String entity) throws Exception {
        mail.setHeader("Message-ID", StableMessageId.of(mail, system, entity));
        return mail.getMessageID();
    }

    private static MimeMessage mail(String subject, String html) throws Exception {
        MimeMessage mail = new RenderedMail(Session.getInstance(new Properties()));
        mail.setFrom("shop@example.com");
        mail.setRecipients(Message.RecipientType.TO, "to@example.com");
        mail.setSubject(subject, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Your order", "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        mail.setContent(new MimeMultipart("alternative", text, rich));
        mail.setSentDate(new java.util.Date());
        mail.saveChanges();
        return mail;
    }
}
