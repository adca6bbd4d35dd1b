package io.github.camelsmtpsystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entities written by an attacker, apart from their templates (see {@code hostile.HostileTemplatesTest}): addresses
 * that would break the SMTP envelope, ids that would forge log lines or blow up messages, and a dry-run directory with
 * a link planted in it.
 */
class HostileEntitiesTest extends SmtpSystemTestSupport {

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    Path dir;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    private static String sink(String id, String options) {
        return system(id, greenMail, "mailFrom=sender@example.com&subjectTemplate=Hi&bodyTemplate=Body&" + options);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"a\u0000b\"@example.com",
                "\"victim@evil.example> x\"@example.com",
                "\"<victim@evil.example\"@example.com",
                "\"a\u007fb\"@example.com",
                "\"a\u0085b\"@example.com",
                "Name <\"a\u0001b\"@example.com>"
            })
    void anAddressThatWouldBreakTheEnvelopeFailsItsEntity(String recipient) throws Exception {
        start(sink("envelope", "recipientsProperty=to"));

        Exchange exchange = send(0, Map.of("_id", "e1", "to", recipient));

        assertThat(exchange.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'e1'")
                .hasMessageContaining("the entity's 'to'")
                .hasMessageNotContaining("\u0000");
        assertThat(greenMail.waitForIncomingEmail(300, 1)).isFalse();
        // the next entity is sent
        assertThat(send(0, Map.of("_id", "e2", "to", "ok@example.com")).getException())
                .isNull();
        assertThat(Mailbox.to(Mailbox.received(greenMail, 1)[0])).containsExactly("ok@example.com");
    }

    @Test
    void aMailFromThatWouldBreakTheEnvelopeFailsTheStart() {
        assertThatThrownBy(() -> start(system(
                        "from",
                        greenMail,
                        "mailFrom=\"a>b\"@example.com&recipients=x@example.com&subjectTemplate=Hi"
                                + "&bodyTemplate=Body")))
                .hasStackTraceContaining("mailFrom")
                .hasStackTraceContaining("'>'");
    }

    @Test
    void aDryRunNeverWritesThroughALinkOrOverAFileAndKeepsItsFilesPrivate() throws Exception {
        Path emls = Files.createDirectories(dir.resolve("emls"));
        Path target = Files.writeString(dir.resolve("precious.txt"), "precious");
        Files.createSymbolicLink(emls.resolve("00001-o1.eml"), target);
        Files.createSymbolicLink(emls.resolve("00002-o1.eml"), dir.resolve("does-not-exist"));
        Files.writeString(emls.resolve("00003-o1.eml"), "an older run");
        start(sink("dry", "recipients=x@example.com&dryRun=true&dryRunDirectory=" + emls));

        Exchange exchange = send(0, Map.of("_id", "o1"));

        assertThat(exchange.getException()).isNull();
        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThat(Files.exists(dir.resolve("does-not-exist"))).isFalse();
        assertThat(Files.readString(emls.resolve("00003-o1.eml"))).isEqualTo("an older run");
        Path written = emls.resolve("00004-o1.eml");
        assertThat(Files.readString(written)).contains("Subject: Hi");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                .isEqualTo("rw-------");
    }

    @Test
    void anIdWithALineBreakCannotForgeALogLine() throws Exception {
        String id = "x\r\n12:00:00.000 WARN  [main] Forged - line";
        start(
                sink("dry-log", "recipients=x@example.com&dryRun=true"),
                system(
                        "capped",
                        greenMail,
                        "maxPerHour=0&mailFrom=a@example.com&recipients=x@example.com"
                                + "&subjectTemplate=Hi&bodyTemplate=Body"));

        List<String> dryRun;
        try (LogCapture log = LogCapture.of("io.github.camelsmtpsystem.SmtpSystemProducer", Level.INFO)) {
            send(0, Map.of("_id", id));
            dryRun = log.lines(Level.INFO);
        }
        List<String> discarded;
        try (LogCapture log = LogCapture.of("io.github.camelsmtpsystem.internal.route.SystemRoute", Level.WARN)) {
            send(1, Map.of("_id", id));
            discarded = log.lines(Level.WARN);
        }

        assertThat(Stream.concat(dryRun.stream(), discarded.stream()))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain("\r")
                        .doesNotContain("\n")
                        .contains("x\\r\\n12:00:00.000 WARN"));
    }

    @Test
    void anEntityThatHoldsItselfFailsAndTheNextOneIsSent() throws Exception {
        start(sink("cycle", "recipients=x@example.com"));
        Map<String, Object> entity = new java.util.LinkedHashMap<>();
        entity.put("_id", "cycle");
        entity.put("self", entity);

        Exchange exchange = send(0, entity);

        assertThat(exchange.getException())
                .isInstanceOf(EntityMailException.class)
                .hasMessageContaining("Entity 'cycle'")
                .hasMessageContaining("nest more than 100 levels");
        assertThat(send(0, Map.of("_id", "next")).getException()).isNull();
        assertThat(Mailbox.received(greenMail, 1)).hasSize(1);
    }

    @Test
    void aHugeIdOrRecipientsValueMakesAShortMessage() throws Exception {
        String huge = "x".repeat(50_000_000);
        start(sink("huge", "recipientsProperty=to"));

        Exchange byId = send(0, Map.of("_id", huge, "to", "not an address"));
        Exchange byRecipients = send(0, Map.of("_id", "e1", "to", huge));

        assertThat(byId.getException()).isInstanceOf(EntityMailException.class);
        assertThat(byId.getException().getMessage()).hasSizeLessThan(2000).contains("(50000000 characters)");
        assertThat(((EntityMailException) byId.getException()).getEntityId()).isEqualTo(huge);
        assertThat(byRecipients.getException().getMessage())
                .hasSizeLessThan(2000)
                .contains("Entity 'e1'", "(50000000 characters)");
    }
}
