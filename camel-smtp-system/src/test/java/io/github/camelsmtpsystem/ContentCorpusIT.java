package io.github.camelsmtpsystem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #22, content: every mail of a corpus of awkward content arrives byte for byte as the component rendered it,
 * through a real Postfix {@code smtpd} and a real Exim, with CHUNKING offered (BDAT, where a client must not
 * dot-stuff) and not offered (DATA, where it must), with and without 8BITMIME. The rendered mail is the dry run's .eml
 * of the same entity; the delivered one is read back from the maildir (see {@link MailCompare} for what is compared).
 */
class ContentCorpusIT {

    private static final String TO = "to@example.com";
    /** Postfix refuses mails over 10 MB by default; the corpus has one of 10 MiB of body (virtual's limit is 51 MB). */
    private static final String NO_SIZE_LIMIT = "message_size_limit = 30000000";

    @TempDir
    Path dryRuns;

    @Test
    void throughPostfixWithChunkingAnd8BitMime() throws Exception {
        try (Postfix postfix = Postfix.start(NO_SIZE_LIMIT)) {
            corpusArrivesIntact(
                    postfix.port(), Postfix.USER, Postfix.PASSWORD, postfix::delivered, "Postfix BDAT", true);
            assertThat(postfix.log()).noneMatch(line -> line.contains("improper command pipelining"));
        }
    }

    @Test
    void throughPostfixWithDataAndWithout8BitMime() throws Exception {
        try (Postfix postfix = Postfix.start(NO_SIZE_LIMIT, "smtpd_discard_ehlo_keywords = chunking, 8bitmime")) {
            corpusArrivesIntact(
                    postfix.port(), Postfix.USER, Postfix.PASSWORD, postfix::delivered, "Postfix DATA", false);
            assertThat(postfix.log()).noneMatch(line -> line.contains("improper command pipelining"));
        }
    }

    @Test
    void throughEximWithChunking() throws Exception {
        try (Exim exim = Exim.start()) {
            corpusArrivesIntact(exim.port(), Exim.USER, Exim.PASSWORD, exim::delivered, "Exim BDAT", false);
            assertThat(exim.log()).noneMatch(line -> line.contains("synchronization error"));
        }
    }

    @Test
    void throughEximWithData() throws Exception {
        try (Exim exim = Exim.start(Exim.NO_CHUNKING)) {
            corpusArrivesIntact(exim.port(), Exim.USER, Exim.PASSWORD, exim::delivered, "Exim DATA", true);
            assertThat(exim.log()).noneMatch(line -> line.contains("synchronization error"));
        }
    }

    /** The corpus: entity id → its body template (the content itself: none has Jinja syntax) and text body. */
    static Map<String, Map<String, Object>> corpus(boolean tenMegabytes) {
        Map<String, Map<String, Object>> corpus = new LinkedHashMap<>();
        corpus.put(
                "dots",
                body(String.join(
                        "\n",
                        "A mail whose lines are dots.",
                        ".",
                        "..",
                        "...",
                        ".leading dot",
                        "..double dot",
                        ". dot and space",
                        "",
                        ".",
                        "The end is a line of a dot:",
                        ".")));
        corpus.put("dots-crlf", body("first\r\n.\r\n..\r\n.x\r\nlast\r\n.\r\n"));
        corpus.put(
                "long-lines",
                body(String.join(
                        "\n",
                        "x".repeat(997),
                        "y".repeat(998),
                        "z".repeat(999),
                        "w".repeat(1000),
                        "." + "d".repeat(997),
                        "." + "e".repeat(1500),
                        "v".repeat(5000),
                        "end")));
        corpus.put("bare-cr-lf", body("bare CR\rinside, bare LF\ninside, CRLF\r\nand\r.dot after CR\n.dot after LF\n"));
        corpus.put("nul", body("a NUL \u0000 inside, and one at the end\u0000\n.\u0000dot\n"));
        corpus.put("trailing-white", body("trailing spaces   \ntrailing tabs\t\t\n \t \n\t\nmixed \t \nend"));
        corpus.put("from-lines", body("From the start\nFrom me\n>From quoted\nFrom: not a header\n\nFrom \n"));
        corpus.put("empty", body(""));
        corpus.put("utf8", body("Grüße fra Tromsø ✓ — 😀\n.ædots\n..øø\nÅse\n.\nend ✓"));
        corpus.put("qp-soft-break-dot", body(qpSoftBreaksBeforeDots()));
        Map<String, Object> html =
                body("<html><body><p>Hello</p>\n.<b>dot</b>\n<p>..two</p>\n<pre>\n.\n</pre></body></html>");
        html.put("text_body_template", "Hello\n.dot\n..two\n.\nend");
        corpus.put("html-with-text", html);
        corpus.put("html-only", body("<html><body><p>.dot para</p><p>Grüße</p></body></html>"));
        if (tenMegabytes) {
            // the longest send: in two of the four runs (one per server, one per BDAT/DATA) to keep the suite short
            corpus.put("ten-megabytes", body(tenMegabytes()));
        }
        return corpus;
    }

    /**
     * Lines of 70 to 78 characters followed by {@code .dot}, and a line over 998 characters that makes the body
     * quoted-printable: a soft line break ({@code =} at 76) lands just before a dot.
     */
    private static String qpSoftBreaksBeforeDots() {
        StringBuilder text = new StringBuilder();
        for (int n = 70; n <= 78; n++) {
            text.append("a".repeat(n)).append(".dot after ").append(n).append('\n');
        }
        text.append("é".repeat(3)).append('\n');
        text.append("b".repeat(75)).append("..double\n");
        text.append("c".repeat(1200)).append('\n');
        return text.toString();
    }

    private static String tenMegabytes() {
        StringBuilder text = new StringBuilder(10 * 1024 * 1024 + 100);
        int line = 0;
        while (text.length() < 10 * 1024 * 1024) {
            String number = Integer.toString(line++);
            // every 7th line starts with a dot, every 11th is a dot alone
            if (line % 11 == 0) {
                text.append(".\n");
            } else {
                text.append(line % 7 == 0 ? "." : "")
                        .append("line ")
                        .append(number)
                        .append(' ')
                        .append("0123456789".repeat(6))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static Map<String, Object> body(String text) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("body_template", text);
        return entity;
    }

    private void corpusArrivesIntact(
            int port,
            String user,
            String password,
            Function<String, List<String>> mailbox,
            String run,
            boolean tenMegabytes)
            throws Exception {
        String options = "smtpServer=localhost&smtpPort=" + port + "&useTls=true&smtpUsername=" + user
                + "&smtpPassword=" + password + "&mailFrom=noreply@example.com&recipients=" + TO
                + "&subjectTemplate=Corpus [[ _id ]]&maxRenderedLength=20000000&renderTimeout=60000";
        Map<String, Map<String, Object>> corpus = corpus(tenMegabytes);
        List<String> failures = new ArrayList<>();
        try (ProofRun dryRun = ProofRun.start(c -> {}, options + "&dryRun=true&dryRunDirectory=" + dryRuns);
                ProofRun send = ProofRun.start(
                        c -> {
                            c.setSslContextParameters(SmtpServerTestSupport.trustingTestCa());
                            c.setMaximumRedeliveries(0);
                            // bounded: a client that never saw a final reply must not wait the default 10 minutes
                            c.setFinalReplyTimeout(60_000);
                        },
                        options)) {
            for (Map.Entry<String, Map<String, Object>> e : corpus.entrySet()) {
                Map<String, Object> entity = new LinkedHashMap<>(e.getValue());
                entity.put("_id", e.getKey());
                assertThat(dryRun.send(entity).kind()).isEqualTo(ProofRun.Kind.SENT);
                ProofRun.Outcome sent = send.send(entity);
                if (sent.kind() != ProofRun.Kind.SENT) {
                    failures.add(e.getKey() + ": not sent: " + sent);
                }
            }
        }
        long sent = corpus.size() - failures.size();
        await(sent + " mails in " + TO + " (not sent: " + failures + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> mailbox.apply(TO).size() >= sent);
        List<String> delivered = mailbox.apply(TO);
        for (String id : corpus.keySet()) {
            List<String> copies = delivered.stream()
                    .filter(mail -> mail.contains("\nSubject: Corpus " + id + "\n"))
                    .toList();
            if (copies.size() != 1) {
                failures.add(id + ": " + copies.size() + " copies delivered");
                continue;
            }
            byte[] rendered = Files.readAllBytes(renderedFile(id));
            List<String> differences =
                    MailCompare.differences(rendered, copies.get(0).getBytes(StandardCharsets.UTF_8));
            if (!differences.isEmpty()) {
                // the first difference says it; the others follow from it
                failures.add(id + ": " + differences.get(0));
            }
        }
        System.out.println("Content corpus " + run + ": " + corpus.size() + " mails, "
                + (failures.isEmpty() ? "all intact" : failures.size() + " problems"));
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(failures).as("corpus through " + run).isEmpty();
    }

    private Path renderedFile(String id) throws Exception {
        try (Stream<Path> files = Files.list(dryRuns)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith("-" + id + ".eml"))
                    .toList();
            assertThat(found).as("the dry run's .eml of " + id).hasSize(1);
            return found.get(0);
        }
    }
}
