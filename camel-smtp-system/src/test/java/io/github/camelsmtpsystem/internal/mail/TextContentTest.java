package io.github.camelsmtpsystem.internal.mail;

import java.io.ByteArrayOutputStream;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Text set by {@link TextContent} is saved and written byte for byte as Angus Mail saves and writes it unmarked. */
class TextContentTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Hello",
                "two\r\nlines\nand\ra tab\there",
                "a DEL \u007f",
                "a control \u0001 character",
                "ÆØÅ æøå",
                "mostly ascii with one ø",
                "emoji 😀",
                "998",
                "999",
                "998\n999"
            })
    void marksSevenBitExactlyWhereAngusWould(String spec) throws Exception {
        String text = switch (spec) {
            case "998" -> "x".repeat(998);
            case "999" -> "x".repeat(999);
            case "998\n999" -> "x".repeat(998) + "\n" + "y".repeat(999);
            default -> spec;
        };
        MimeMessage angus = new MimeMessage(SESSION);
        angus.setText(text, "UTF-8", "plain");
        MimeMessage marked = new MimeMessage(SESSION);
        TextContent.set(marked, text, "plain");
        for (MimeMessage mail : new MimeMessage[] {angus, marked}) {
            mail.setHeader("Date", "Thu, 1 Jan 1970 00:00:00 +0000");
            mail.saveChanges();
        }

        assertThat(marked.getEncoding()).isEqualTo(angus.getEncoding());
        assertThat(written(marked)).isEqualTo(written(angus));
    }

    private static String written(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // saving gives every mail a new Message-ID
        mail.writeTo(out, new String[] {"Message-ID"});
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
