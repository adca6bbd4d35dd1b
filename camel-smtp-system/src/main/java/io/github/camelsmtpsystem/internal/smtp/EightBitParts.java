package io.github.camelsmtpsystem.internal.smtp;

import java.io.IOException;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;

/** Whether a mail has a part with {@code Content-Transfer-Encoding: 8bit}, which needs BODY=8BITMIME (RFC 6152). */
final class EightBitParts {

    private EightBitParts() {}

    static boolean any(Part part) throws MessagingException {
        if (part.isMimeType("multipart/*")) {
            try {
                Multipart parts = (Multipart) part.getContent();
                for (int i = 0; i < parts.getCount(); i++) {
                    if (any(parts.getBodyPart(i))) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new MessagingException("Cannot read the parts of the mail", e);
            }
        }
        String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
        return encoding != null && "8bit".equals(encoding.toLowerCase(Locale.ROOT));
    }
}
