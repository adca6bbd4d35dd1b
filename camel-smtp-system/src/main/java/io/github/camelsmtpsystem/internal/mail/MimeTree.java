package io.github.camelsmtpsystem.internal.mail;

import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

/**
 * The MIME structure of a mail with attachments, as mail readers expect it: {@code multipart/mixed} holding the body
 * and the files; the body a {@code multipart/alternative} of the text and the HTML; the HTML, when it has inline images,
 * a {@code multipart/related} of the HTML and the images its {@code cid:} URLs name (RFC 2046, RFC 2387).
 */
final class MimeTree {

    private MimeTree() {}

    /**
     * The mail's content.
     *
     * @param text        the plain text (the alternative to the HTML, or the only body)
     * @param html        the HTML body, or {@code null} for a plain-text mail
     * @param attachments at least one; those with a Content-ID go inline with the HTML (with a plain-text mail, as
     *                    files)
     */
    static MimeMultipart of(String text, String html, List<MailAttachment> attachments) throws MessagingException {
        List<MailAttachment> inline = html == null
                ? List.of()
                : attachments.stream().filter(a -> a.contentId() != null).toList();
        List<MailAttachment> files = html == null
                ? attachments
                : attachments.stream().filter(a -> a.contentId() == null).toList();
        MimeBodyPart body = new MimeBodyPart();
        if (html == null) {
            TextContent.set(body, text, "plain");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            TextContent.set(plain, text, "plain");
            MimeBodyPart rich = new MimeBodyPart();
            TextContent.set(rich, html, "html");
            if (!inline.isEmpty()) {
                MimeMultipart related = new Related();
                related.addBodyPart(rich);
                for (MailAttachment image : inline) {
                    related.addBodyPart(image.toPart());
                }
                rich = new MimeBodyPart();
                rich.setContent(related);
            }
            // RFC 2046: the richest part last
            MimeMultipart alternative = new MimeMultipart("alternative", plain, rich);
            if (files.isEmpty()) {
                return alternative;
            }
            body.setContent(alternative);
        }
        MimeMultipart mixed = new MimeMultipart("mixed", body);
        for (MailAttachment file : files) {
            mixed.addBodyPart(file.toPart());
        }
        return mixed;
    }

    /** multipart/related with the type of its root part, which RFC 2387 §3.1 requires. */
    private static final class Related extends MimeMultipart {
        Related() throws MessagingException {
            super("related");
            ContentType type = new ContentType(contentType);
            type.setParameter("type", "text/html");
            contentType = type.toString();
        }
    }
}
