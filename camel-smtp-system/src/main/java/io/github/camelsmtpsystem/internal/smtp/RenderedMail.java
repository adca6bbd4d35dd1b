package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.LineOutputStream;
import jakarta.mail.util.StreamProvider;

/**
 * A mail rendered from an entity. It writes itself as {@link MimeMessage} does, with the stream provider its session
 * looked up once: Jakarta Mail 2.1 looks the provider up again, with a {@code ServiceLoader} scan of the class path,
 * for every part it writes (jakartaee/mail-api#861), which takes longer than writing a short mail.
 */
public final class RenderedMail extends MimeMessage {

    private final boolean allowUtf8;

    public RenderedMail(Session session) {
        super(session);
        this.allowUtf8 = Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8"));
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        if (!saved) {
            saveChanges();
        }
        if (!modified) {
            super.writeTo(os, ignoreList);
            return;
        }
        StreamProvider streams = session.getStreamProvider();
        LineOutputStream lines = streams.outputLineStream(os, allowUtf8);
        for (Enumeration<String> headers = getNonMatchingHeaderLines(ignoreList); headers.hasMoreElements(); ) {
            lines.writeln(headers.nextElement());
        }
        lines.writeln();
        OutputStream body = encoded(streams, os);
        getDataHandler().writeTo(body);
        body.flush();
    }

    /** What MimeUtility.encode gives, from the session's provider; multipart content is never encoded as a whole. */
    private OutputStream encoded(StreamProvider streams, OutputStream os) throws MessagingException {
        String encoding = getEncoding();
        if (encoding == null || isMimeType("multipart/*")) {
            return os;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "base64" -> streams.outputBase64(os);
            case "quoted-printable" -> streams.outputQP(os);
            case "7bit", "8bit", "binary" -> streams.outputBinary(os);
            default -> throw new MessagingException("Unknown Content-Transfer-Encoding '" + encoding + "'");
        };
    }
}
