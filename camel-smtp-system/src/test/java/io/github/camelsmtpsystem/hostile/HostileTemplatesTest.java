package io.github.camelsmtpsystem.hostile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.Mailbox;
import io.github.camelsmtpsystem.SmtpSystemComponent;
import io.github.camelsmtpsystem.mail.EntityMailException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates and entities written to take the JVM down, each rendered with the component's default options
 * ({@code renderTimeout} 2000 ms, {@code maxRenderedLength} 1,000,000) in a JVM of at most 256 MB of heap (the
 * surefire execution {@code hostile-input} runs this class, alone, with {@code -Xmx256m}): each fails its own entity within
 * {@code renderTimeout} and a little more, with an {@link EntityMailException} naming the entity and the bound, no
 * {@link Error} reaches the caller, and a normal entity sent next renders and arrives.
 */
@EnabledIfSystemProperty(named = "smtp-system.hostile-input", matches = "true")
class HostileTemplatesTest {

    /** renderTimeout (2 s by default) and a margin for a slow, shared machine. */
    private static final long MAX_MILLIS = 2000 + 1500;

    private static final String ONE_MB = "{% set s = 'x' * 1000000 %}{% set l = [s] * 10000 %}";

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeAll
    static void startCamel() throws Exception {
        context = new DefaultCamelContext();
        context.addComponent("smtp-system", new SmtpSystemComponent());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in")
                        .to("smtp-system:hostile?smtpServer=127.0.0.1&smtpPort="
                                + greenMail.getSmtp().getPort()
                                + "&mailFrom=sender@example.com&recipients=to@example.com");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stopCamel() {
        context.stop();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void runsWithAtMost256MegabytesOfHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L * 1024 * 1024);
    }

    static Stream<Arguments> hostileTemplates() {
        return Stream.of(
                Arguments.of(
                        "doubling",
                        "{% set ns = namespace(s='x'*999999) %}{% for i in range(40) %}"
                                + "{% set ns.s = '{}{}'.format(ns.s, ns.s) %}{% endfor %}{{ ns.s|length }}",
                        "maxRenderedLength"),
                Arguments.of("join", ONE_MB + "{{ l|join }}", "maxRenderedLength"),
                Arguments.of("tojson", ONE_MB + "{{ l|tojson }}", "maxRenderedLength"),
                Arguments.of("string", ONE_MB + "{{ l|string }}", "maxRenderedLength"),
                Arguments.of("map-upper", ONE_MB + "{{ l|map('upper')|join }}", "maxRenderedLength"),
                Arguments.of("sort", ONE_MB + "{{ l|sort|sort|sort|sort|sort|length }}", "maxRenderedLength"),
                Arguments.of(
                        "append",
                        "{% set l = [] %}{% for i in range(10000) %}{% do l.append('x' * 999990 ~ i) %}{% endfor %}"
                                + "{{ l|length }}",
                        "maxRenderedLength"),
                Arguments.of("long-template", "{{ 1 }}".repeat(7_200_000), "maxRenderedLength"),
                Arguments.of(
                        "self-containing-dict", "{% set d = {} %}{% do d.update({'a': d}) %}{{ d|tojson }}", "nest"),
                Arguments.of("parentheses", "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}", "nest"),
                Arguments.of("brackets", "{{ " + "[".repeat(5000) + "1" + "]".repeat(5000) + " }}", "nest"),
                Arguments.of("ifs", "{% if true %}".repeat(5000) + "x" + "{% endif %}".repeat(5000), "nest"),
                Arguments.of(
                        "endless-loop",
                        "{% for i in range(100000) %}{% for j in range(100000) %}"
                                + "{% set x = i * j %}{% endfor %}{% endfor %}",
                        "renderTimeout"),
                // regular expressions that take quadratic time on such text: stopped as they read it
                Arguments.of("striptags", "{{ ('<' * 900000)|striptags|length }}", "renderTimeout"),
                Arguments.of("percent-format", "{{ ('%(' * 450000) % {} }}", "renderTimeout"),
                Arguments.of(
                        "new-texts-in-a-loop",
                        "{% for i in range(100000) %}{{ ('x' * 100000)|replace('x', 'yy')|length }}" + "{% endfor %}",
                        "maxRenderedLength"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTemplates")
    void aHostileTemplateFailsItsEntityAndTheNextOneIsSent(String name, String body, String bound) throws Exception {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", name);
        entity.put("subject_template", "Hostile");
        entity.put("body_template", body);

        assertFailsInTime(entity, name, bound);
        assertNormalEntityIsSent();
    }

    @Test
    void aDeeplyNestedEntityFailsAndTheNextOneIsSent() throws Exception {
        // 990 levels: under Jackson's own limit of 1000
        String json =
                "{\"_id\": \"deep\", \"subject_template\": \"Deep\", \"body_template\": \"{{ deep }}\", \"deep\": "
                        + "{\"a\": ".repeat(990) + "1" + "}".repeat(990) + "}";

        assertFailsInTime(json, "deep", "nest");
        assertNormalEntityIsSent();
    }

    @Test
    void aSelfContainingDictPrintsAsPythonPrintsIt() {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "cycle");
        entity.put("subject_template", "Cycle");
        entity.put("body_template", "{% set d = {} %}{% do d.update({'a': d}) %}{{ d }}");

        Exchange exchange = template.send("direct:in", e -> e.getMessage().setBody(entity));

        assertThat(exchange.getException()).isNull();
        assertThat(Mailbox.received(greenMail, 1)[0])
                .satisfies(m -> assertThat(((String) m.getContent()).strip()).isEqualTo("{'a': {...}}"));
    }

    @Test
    void longRunsOfSpacesAreFoldedInLinearTime() throws Exception {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "spaces");
        entity.put("subject_template", "{{ ' ' * 400000 }}x{{ ' ' * 400000 }}\n{{ ' ' * 100000 }}y");
        entity.put("body_template", "<p>{{ ' ' * 400000 }}x{{ ' ' * 400000 }}</p>");

        long start = System.nanoTime();
        Exchange exchange = template.send("direct:in", e -> e.getMessage().setBody(entity));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(exchange.getException()).isNull();
        assertThat(Mailbox.subject(Mailbox.received(greenMail, 1)[0]))
                .startsWith("x ")
                .endsWith(" y");
        assertThat(millis).isLessThan(MAX_MILLIS);
    }

    private static void assertFailsInTime(Object body, String id, String bound) {
        long start = System.nanoTime();
        Exchange exchange = template.send("direct:in", e -> e.getMessage().setBody(body));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "HOSTILE %s: stopped after %d ms, heap used %d MB: %s%n",
                id,
                millis,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024),
                exchange.getException() == null
                        ? null
                        : abbreviate(exchange.getException().getMessage()));

        assertThat(exchange.getException()).isInstanceOf(EntityMailException.class);
        EntityMailException failure = (EntityMailException) exchange.getException();
        assertThat(failure.getEntityId()).isEqualTo(id);
        assertThat(failure.getMessage())
                .contains("'" + id + "'")
                .contains(bound)
                .hasSizeLessThan(2000);
        assertThat(millis).isLessThan(MAX_MILLIS);
    }

    private static void assertNormalEntityIsSent() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        Map<String, Object> entity = Map.of(
                "_id",
                "normal",
                "name",
                "Åse",
                "subject_template",
                "Hello {{ name }}",
                "body_template",
                "{% for i in range(3) %}{{ i }}{% endfor %} {{ name|upper }}");
        Exchange exchange = template.send("direct:in", e -> e.getMessage().setBody(entity));
        assertThat(exchange.getException()).isNull();
        assertThat(Mailbox.subject(Mailbox.received(greenMail, 1)[0])).isEqualTo("Hello Åse");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
