package io.github.camelsmtpsystem.internal.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.tree.Node;
import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A template is parsed once per distinct text, and rendering from the kept tree changes nothing a render does. */
class ParsedTemplatesTest {

    private final Jinjava jinjava = new Jinjava();

    @Test
    void keepsTheTreeOfATemplateThatParsed() {
        ParsedTemplates parsed = new ParsedTemplates();
        Node tree = parsed.parse("Hi {{ name }}\n", jinjava.newInterpreter());

        assertThat(parsed.get("Hi {{ name }}\n")).isSameAs(tree);
        assertThat(parsed.get("Hi {{ name }}")).as("another text").isNull();
    }

    @Test
    void keepsNoTreeOfATemplateWhoseParseReportedAnError() {
        ParsedTemplates parsed = new ParsedTemplates();
        parsed.parse("{% if name %}no end", jinjava.newInterpreter());

        assertThat(parsed.get("{% if name %}no end")).isNull();
    }

    @Test
    void keepsAtMostItsBound() {
        ParsedTemplates parsed = new ParsedTemplates();
        int texts = ParsedTemplates.MAX_TEMPLATES + 200;
        for (int i = 0; i < texts; i++) {
            parsed.parse("template " + i, jinjava.newInterpreter());
        }
        long kept = 0;
        for (int i = 0; i < texts; i++) {
            kept += parsed.get("template " + i) == null ? 0 : 1;
        }

        assertThat(kept).isPositive().isLessThanOrEqualTo(ParsedTemplates.MAX_TEMPLATES);
    }

    @Test
    void aTemplateWithAnErrorFailsAlikeEveryTime() {
        MailTemplates templates = new MailTemplates(UnhandledVariable.DEBUG, 10_000, Duration.ofSeconds(2));
        String missingEnd = "{% for x in items %}{{ x }}";

        String first = failure(() -> templates.render(missingEnd, Map.of("items", List.of(1))));
        String second = failure(() -> templates.render(missingEnd, Map.of("items", List.of(1))));

        assertThat(first).contains("endfor");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theBoundsHoldWhenTheTreeIsKept() {
        MailTemplates templates = new MailTemplates(UnhandledVariable.DEBUG, 1_000, Duration.ofSeconds(2));
        String tooLong = "{% for i in range(n) %}{{ 'x' * 100 }}{% endfor %}";

        assertThat(templates.render(tooLong, Map.of("n", 2))).hasSize(200);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> templates.render(tooLong, Map.of("n", 50)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxRenderedLength");
        }
        assertThat(templates.render(tooLong, Map.of("n", 3))).hasSize(300);
    }

    @Test
    void threadsRenderTheSameTreeEachWithItsOwnValues() throws Exception {
        MailTemplates templates = new MailTemplates(UnhandledVariable.DEBUG, 100_000, Duration.ofSeconds(5));
        String template = "{% for i in range(n) %}{{ loop.index }}{% if not loop.last %},{% endif %}{% endfor %}";
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int n = 3 + t;
                results.add(threads.submit(() -> {
                    String expected = String.join(
                            ",",
                            java.util.stream.IntStream.rangeClosed(1, n)
                                    .mapToObj(String::valueOf)
                                    .toList());
                    for (int i = 0; i < 2_000; i++) {
                        if (!templates.render(template, Map.of("n", n)).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String failure(Runnable render) {
        try {
            render.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the render did not fail");
    }
}
