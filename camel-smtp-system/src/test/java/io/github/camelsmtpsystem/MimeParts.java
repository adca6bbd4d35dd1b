package io.github.camelsmtpsystem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/** Reads a delivered mail back with Angus Mail's MIME parser: its tree of content types, and its parts. */
final class MimeParts {

    private MimeParts() {}

    /** A raw mail, as a maildir or GreenMail holds it. */
    static MimeMessage parse(String raw) throws MessagingException {
        // the mail on the wire is ASCII but for 8-bit text parts, which are UTF-8
        InputStream in = new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8));
        return new MimeMessage(Session.getInstance(new Properties()), in);
    }

    /** The content types, nested: {@code multipart/mixed[multipart/alternative[text/plain, text/html], image/png]}. */
    static String tree(Part part) throws MessagingException, IOException {
        String type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        if (!part.isMimeType("multipart/*")) {
            return type;
        }
        Multipart parts = (Multipart) part.getContent();
        List<String> children = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            children.add(tree(parts.getBodyPart(i)));
        }
        return type + "[" + String.join(", ", children) + "]";
    }

    /** Every leaf part, depth first. */
    static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart parts = (Multipart) part.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                leaves.addAll(leaves(parts.getBodyPart(i)));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    /** The leaf whose decoded file name is {@code filename}. */
    static Part file(Part mail, String filename) throws MessagingException, IOException {
        for (Part leaf : leaves(mail)) {
            String name = leaf.getFileName();
            if (name != null && filename.equals(MimeUtility.decodeText(name))) {
                return leaf;
            }
        }
        throw new AssertionError("no part named " + filename + " in " + tree(mail));
    }

    /** The decoded bytes of a part. */
    static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
