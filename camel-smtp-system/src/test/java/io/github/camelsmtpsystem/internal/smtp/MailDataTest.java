package io.github.camelsmtpsystem.internal.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A mail's content gets CRLF line endings however its writer hands over the bytes. */
class MailDataTest {

    @Test
    void writesTheSameBytesInRunsAsByteByByte() {
        SplittableRandom random = new SplittableRandom(11);
        byte[] alphabet = "ab.\r\n\r\n€".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2_000; round++) {
            byte[] content = new byte[random.nextInt(0, 300)];
            for (int i = 0; i < content.length; i++) {
                content[i] = alphabet[random.nextInt(alphabet.length)];
            }
            MailData.Canonical byByte = new MailData.Canonical();
            for (byte b : content) {
                byByte.write(b & 0xff);
            }
            MailData.Canonical inRuns = new MailData.Canonical();
            for (int off = 0; off < content.length; ) {
                int len = Math.min(random.nextInt(1, 40), content.length - off);
                inRuns.write(content, off, len);
                off += len;
            }
            byByte.end();
            inRuns.end();

            assertThat(Arrays.copyOf(inRuns.bytes(), inRuns.size()))
                    .as("round %d", round)
                    .isEqualTo(Arrays.copyOf(byByte.bytes(), byByte.size()));
        }
    }

    @Test
    void bareLineBreaksBecomeCrlfAndTheEndGetsOne() {
        MailData.Canonical canonical = new MailData.Canonical();
        byte[] content = "a\nb\rc\r\n.d\r".getBytes(StandardCharsets.US_ASCII);
        canonical.write(content, 0, content.length);
        canonical.end();

        assertThat(new String(canonical.bytes(), 0, canonical.size(), StandardCharsets.US_ASCII))
                .isEqualTo("a\r\nb\r\nc\r\n.d\r\n");
    }

    @Test
    void dataDoublesALeadingDotAndEndsWithTheEndOfData() throws Exception {
        jakarta.mail.internet.MimeMessage mail =
                new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        mail.setText(".one\n..two\nthree.", "UTF-8");
        mail.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        MailData.of(mail).writeDotStuffed(out);

        String wire = out.toString(StandardCharsets.UTF_8);
        assertThat(wire)
                .contains("\r\n\r\n..one\r\n...two\r\nthree.\r\n.\r\n")
                .doesNotContain("\r\r")
                .doesNotContain("\n\n");
    }
}
