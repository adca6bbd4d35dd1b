package io.github.camelsmtpsystem.internal.template;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.InstalledServer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every case of {@code src/test/resources/jinja2/corpus.jsonl} with Python's Jinja2 (the reference: what Sesam
 * renders) and through a real {@code smtp-system:} endpoint in dry run, which writes each mail as an .eml file, and
 * compares subject, HTML body and text body. Each case runs in the unhandled-variable modes it lists (debug when it lists
 * none). A case is one line of data: adding a template to check is adding a line.
 *
 * <p>What Jinja2 renders is committed beside the corpus ({@code jinja2/expected/corpus.jsonl}, the golden file): without
 * python3-jinja2 the renders are checked against it; with it, Jinja2 renders the corpus live and the test also fails when
 * the golden file is stale. After changing the corpus, regenerate it with {@code mvn -o -B -pl camel-smtp-system test
 * -Dtest=Jinja2DifferentialTest -Djinja2.updateGolden=true} and commit it.
 */
class Jinja2DifferentialTest {

    private static final Path CORPUS = Path.of(Jinja2Reference.resource("jinja2/corpus.jsonl"));
    private static final Path DEFAULT_ENTITY = Path.of(Jinja2Reference.resource("jinja2/default-entity.json"));
    /** What Jinja2 rendered, committed: the source file, which {@code -Djinja2.updateGolden=true} rewrites. */
    private static final Path GOLDEN = Path.of("src/test/resources/jinja2/expected/corpus.jsonl");

    private static final String UPDATE_GOLDEN = "jinja2.updateGolden";
    /** Where every remaining difference must be listed, by case id, with the reason it stays. */
    private static final Path DIFFERENCES_DOC = Path.of("src/main/docs/jinja2-compatibility.adoc");

    private static final double REQUIRED_MATCH_RATE = 0.97;
    private static final List<String> MODES = List.of("debug", "empty_string", "strict");

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theCorpusRendersAsJinja2RendersIt() throws Exception {
        Map<String, Map<String, String>> expected = expectations();
        List<Map<String, Object>> cases = cases();
        Map<String, int[]> byCategory = new TreeMap<>();
        List<String> differences = new ArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ProducerTemplate producer = start(context);
            int number = 0;
            for (Map<String, Object> c : cases) {
                @SuppressWarnings("unchecked")
                List<String> modes = (List<String>) c.getOrDefault("modes", List.of("debug"));
                for (String mode : modes) {
                    String id = (String) c.get("id");
                    Map<String, String> jinja2 = expected.get(id + " " + mode);
                    assertThat(jinja2)
                            .as("Jinja2 rendered %s in %s mode", id, mode)
                            .isNotNull();
                    Map<String, String> ours = render(producer, c, mode, ++number);
                    String difference = compare(c, jinja2, ours);
                    int[] counts = byCategory.computeIfAbsent((String) c.get("category"), k -> new int[2]);
                    counts[1]++;
                    if (difference == null) {
                        counts[0]++;
                    } else {
                        differences.add(id + " (" + mode + "): " + difference);
                    }
                }
            }
        }
        int matched = byCategory.values().stream().mapToInt(c -> c[0]).sum();
        int total = byCategory.values().stream().mapToInt(c -> c[1]).sum();
        String report = report(byCategory, matched, total, differences);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/jinja2-differential.txt"), report, StandardCharsets.UTF_8);

        assertThat(total).as("renders compared").isGreaterThanOrEqualTo(300);
        assertThat((double) matched / total)
                .as("share of the corpus rendered as Jinja2 renders it:%n%s", report)
                .isGreaterThanOrEqualTo(REQUIRED_MATCH_RATE);
        String documented = Files.readString(DIFFERENCES_DOC, StandardCharsets.UTF_8);
        assertThat(differences)
                .as("differences not listed in %s", DIFFERENCES_DOC)
                .allSatisfy(d -> assertThat(documented).contains(d.substring(0, d.indexOf(' '))));
    }

    /**
     * What Jinja2 renders, by {@code id + " " + mode}: live where python3-jinja2 is installed (failing when the golden
     * file is stale, or rewriting it with {@code -Djinja2.updateGolden=true}), else the golden file.
     */
    private static Map<String, Map<String, String>> expectations() throws Exception {
        Map<String, Map<String, String>> golden =
                Jinja2Reference.byCase(Files.readString(GOLDEN, StandardCharsets.UTF_8));
        if (!Jinja2Reference.available()) {
            assertThat(Boolean.getBoolean(UPDATE_GOLDEN))
                    .as("-D%s=true needs python3-jinja2 (apt-get install -y python3-jinja2)", UPDATE_GOLDEN)
                    .isFalse();
            InstalledServer.require(
                    !"true".equals(System.getenv("CI")),
                    "python3-jinja2 is not installed: the golden file cannot be checked against Jinja2");
            System.out.println("python3-jinja2 is not installed: checking the renders against " + GOLDEN);
            return golden;
        }
        String renders = Jinja2Reference.render(CORPUS, DEFAULT_ENTITY);
        Map<String, Map<String, String>> live = Jinja2Reference.byCase(renders);
        if (Boolean.getBoolean(UPDATE_GOLDEN)) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, renders, StandardCharsets.UTF_8);
            System.out.println("Wrote what Jinja2 renders to " + GOLDEN);
            return live;
        }
        assertThat(Jinja2Reference.stale(golden, live))
                .as(
                        "expectations in %s that are not what Jinja2 renders now; regenerate them with"
                                + " mvn -o -B -pl camel-smtp-system test -Dtest=Jinja2DifferentialTest -D%s=true",
                        GOLDEN, UPDATE_GOLDEN)
                .isEmpty();
        return live;
    }

    private ProducerTemplate start(DefaultCamelContext context) throws Exception {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedPort = socket.getLocalPort();
        }
        // dry run: nothing is sent, so the server need not exist
        String common =
                "?smtpServer=127.0.0.1&smtpPort=" + unusedPort + "&mailFrom=sink@example.com&recipients=to@example.com"
                        + "&dryRun=true&unhandledTemplateVariableReplacement=";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a case that fails is a result to compare, not an error to log
                errorHandler(noErrorHandler());
                for (String mode : MODES) {
                    from("direct:" + mode)
                            .to("smtp-system:jinja2-" + mode + common + mode + "&dryRunDirectory=" + dir.resolve(mode));
                }
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    /** The mail the endpoint writes for the case, read back from its .eml file: subject, body, text, or the error. */
    private Map<String, String> render(ProducerTemplate producer, Map<String, Object> c, String mode, int number)
            throws Exception {
        Map<String, Object> entity = new LinkedHashMap<>(entityOf(c));
        String id = (String) c.get("id");
        entity.put("_id", id);
        entity.put("subject_template", c.get("subject"));
        entity.put("body_template", c.get("body"));
        if (c.containsKey("text")) {
            entity.put("text_body_template", c.get("text"));
        }
        Exchange done = producer.send("direct:" + mode, e -> e.getMessage().setBody(mapper.writeValueAsString(entity)));
        Map<String, String> result = new LinkedHashMap<>();
        if (done.getException() != null) {
            result.put("error", done.getException().getMessage());
            return result;
        }
        Path eml = dir.resolve(mode).resolve(String.format("%05d-%s.eml", 1, id));
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            result.put("subject", message.getSubject() == null ? "" : message.getSubject());
            Object content = message.getContent();
            if (content instanceof MimeMultipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    result.put(part.isMimeType("text/html") ? "body" : "text", (String) part.getContent());
                }
            } else {
                result.put("body", (String) content);
            }
        }
        Files.delete(eml);
        return result;
    }

    /** Null when the mail matches what Jinja2 rendered, else what differs. */
    private static String compare(Map<String, Object> c, Map<String, String> jinja2, Map<String, String> ours) {
        if (jinja2.containsKey("error") || ours.containsKey("error")) {
            if (jinja2.containsKey("error") && ours.containsKey("error")) {
                return null;
            }
            return "Jinja2 " + describe(jinja2) + " | ours " + describe(ours);
        }
        List<String> parts = new ArrayList<>(List.of("subject", "body"));
        if (c.containsKey("text")) {
            parts.add("text");
        }
        for (String part : parts) {
            String want = normalise(jinja2.get(part));
            String got = normalise(ours.get(part));
            if (!want.equals(got)) {
                return part + ": Jinja2 " + quote(want) + " | ours " + quote(got);
            }
        }
        return null;
    }

    private static String describe(Map<String, String> result) {
        return result.containsKey("error")
                ? "fails: " + result.get("error")
                : "renders " + quote(normalise(result.get("body")));
    }

    private static String normalise(String part) {
        return part == null ? "" : part.replace("\r\n", "\n");
    }

    private static String quote(String text) {
        return "'" + text.replace("\n", "\\n") + "'";
    }

    private static String report(Map<String, int[]> byCategory, int matched, int total, List<String> differences) {
        StringBuilder out = new StringBuilder("Jinja2 differential test: renders identical to Jinja2, by category\n");
        byCategory.forEach((category, c) ->
                out.append(String.format("  %-16s %4d / %4d  %5.1f%%%n", category, c[0], c[1], 100.0 * c[0] / c[1])));
        out.append(String.format("  %-16s %4d / %4d  %5.1f%%%n", "all", matched, total, 100.0 * matched / total));
        differences.forEach(d -> out.append("  differs: ").append(d).append('\n'));
        return out.toString();
    }

    private List<Map<String, Object>> cases() throws Exception {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                cases.add(mapper.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
            }
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> entityOf(Map<String, Object> c) throws Exception {
        if (c.containsKey("entity")) {
            return (Map<String, Object>) c.get("entity");
        }
        return mapper.readValue(DEFAULT_ENTITY.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
