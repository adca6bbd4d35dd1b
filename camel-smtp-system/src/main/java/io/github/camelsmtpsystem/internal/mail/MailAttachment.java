package io.github.camelsmtpsystem.internal.mail;

import java.net.URLConnection;
import java.nio.charset.StandardCharsets;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * One attachment of one mail, its file name and content type rendered, its content read.
 *
 * @param filename    the file name, on one line
 * @param contentType the content type, given or guessed from the file name
 * @param contentId   the Content-ID without angle brackets, or {@code null} when not inline
 * @param bytes       the content, sent byte for byte
 */
public record MailAttachment(String filename, String contentType, String contentId, byte[] bytes) {

    static final String OCTET_STREAM = "application/octet-stream";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    /** The content type the JDK's table gives for the file name's extension, else application/octet-stream. */
    static String guessContentType(String filename, boolean isText) {
        String guessed = URLConnection.guessContentTypeFromName(filename.replace('#', '_'));
        String type = guessed != null ? guessed : isText ? "text/plain" : OCTET_STREAM;
        // text given as "text" is UTF-8; a reader guessing another charset would garble it
        return isText && type.startsWith("text/") ? type + "; charset=utf-8" : type;
    }

    /**
     * The MIME part: base64 whatever the type, so that its bytes arrive as they are (line endings of a CSV included);
     * the file name encoded per RFC 2231 when it is not ASCII.
     */
    MimeBodyPart toPart() throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, contentType)));
        ContentType type = new ContentType(contentType);
        if (type.getParameterList() == null) {
            type.setParameterList(new ParameterList());
        }
        type.getParameterList().set("name", filename, UTF_8);
        part.setHeader("Content-Type", type.toString());
        ParameterList parameters = new ParameterList();
        parameters.set("filename", filename, UTF_8);
        part.setHeader(
                "Content-Disposition",
                new ContentDisposition(contentId != null ? "inline" : "attachment", parameters).toString());
        part.setHeader("Content-Transfer-Encoding", "base64");
        if (contentId != null) {
            part.setContentID("<" + contentId + ">");
        }
        return part;
    }

    @Override
    public String toString() {
        return "MailAttachment[" + filename + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
