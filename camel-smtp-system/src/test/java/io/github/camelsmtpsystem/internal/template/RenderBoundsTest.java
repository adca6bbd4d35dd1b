package io.github.camelsmtpsystem.internal.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bounds of a render (see {@code hostile.HostileTemplatesTest} for the templates written to break them, in a small
 * JVM): what stays within them renders as before, what goes one step beyond fails with the bound's name.
 */
class RenderBoundsTest {

    private static final MailTemplates TEMPLATES =
            new MailTemplates(UnhandledVariable.STRICT, 1_000_000, Duration.ofSeconds(2));

    private static String render(String template) {
        return TEMPLATES.render(template, Map.of("_id", "e1", "items", List.of("a", "b")));
    }

    @Test
    void nestingUpToTheBoundRenders() {
        assertThat(render("{{ " + "(".repeat(100) + "1" + ")".repeat(100) + " }}"))
                .isEqualTo("1");
        assertThat(render("{% if true %}".repeat(100) + "x" + "{% endif %}".repeat(100)))
                .isEqualTo("x");
        assertThatThrownBy(() -> render("{{ " + "(".repeat(101) + "1" + ")".repeat(101) + " }}"))
                .hasMessageContaining("nest more than 100 levels");
        assertThatThrownBy(() -> render("{% for i in items %}".repeat(101) + "x" + "{% endfor %}".repeat(101)))
                .hasMessageContaining("nest more than 100 levels");
    }

    @Test
    void bracketsInTextsCommentsAndRawBlocksAreNotNesting() {
        String brackets = "(".repeat(300) + "[".repeat(300);
        assertThat(render("{{ '" + brackets + "'|length }}")).isEqualTo("600");
        assertThat(render("{# " + brackets + " #}ok")).isEqualTo("ok");
        assertThat(render("{% raw %}{{ " + brackets + " }}{% endraw %}")).isEqualTo("{{ " + brackets + " }}");
        assertThat(render("<style>" + "a { b: c; ".repeat(300) + "</style>"))
                .isEqualTo("<style>" + "a { b: c; ".repeat(300) + "</style>");
        assertThat(render("{{ {'a': {'b': 1} } }}")).isEqualTo("{'a': {'b': 1}}");
        assertThat(render("{% set x %}" + "{% if true %}".repeat(99) + "y" + "{% endif %}".repeat(99)
                        + "{% endset %}{{ x }}"))
                .isEqualTo("y");
    }

    @Test
    void aListOrDictInsideItselfPrintsAsPythonPrintsIt() {
        assertThat(render("{% set d = {} %}{% do d.update({'a': d}) %}{{ d }} {{ d|string }}"))
                .isEqualTo("{'a': {...}} {'a': {...}}");
        assertThatThrownBy(() -> render("{% set d = {} %}{% do d.update({'a': d}) %}{{ d|tojson }}"))
                .hasMessageContaining("nest more than 100 levels");
    }

    @Test
    void aTemplateLongerThanMaxRenderedLengthIsRefusedBeforeItIsParsed() {
        MailTemplates small = new MailTemplates(UnhandledVariable.STRICT, 100, Duration.ofSeconds(2));

        assertThat(small.render("x".repeat(100), Map.of())).hasSize(100);
        assertThatThrownBy(() -> small.render("x".repeat(101), Map.of()))
                .hasMessageContaining("101 characters long")
                .hasMessageContaining("maxRenderedLength");
    }

    @Test
    void theMemoryBudgetIsSixteenTimesMaxRenderedLength() {
        MailTemplates small = new MailTemplates(UnhandledVariable.STRICT, 1000, Duration.ofSeconds(2));

        // 15 texts of 1000 characters: within 16,000
        assertThat(small.render("{% for i in range(15) %}{% set x = 'y' * 1000 %}{% endfor %}ok", Map.of()))
                .isEqualTo("ok");
        assertThatThrownBy(
                        () -> small.render("{% for i in range(17) %}{% set x = 'y' * 1000 %}{% endfor %}ok", Map.of()))
                .hasMessageContaining("more than 16000 characters")
                .hasMessageContaining("maxRenderedLength");
        // a list holding one text many times is weighed before a filter works on it
        assertThatThrownBy(() -> small.render("{% set l = ['y' * 1000] * 17 %}{{ l|join|length }}", Map.of()))
                .hasMessageContaining("the filter 'join' was given more than 16000 characters");
        assertThat(small.render("{% set l = ['y' * 1000] * 17 %}{{ l|length }} {{ l|first|length }}", Map.of()))
                .isEqualTo("17 1000");
    }

    @Test
    void aBoundHitInsideALoopStopsTheLoop() {
        MailTemplates small = new MailTemplates(UnhandledVariable.STRICT, 1000, Duration.ofSeconds(2));
        long start = System.nanoTime();

        assertThatThrownBy(() -> small.render("{% for i in range(100000) %}{{ 'y' * 2000 }}{% endfor %}", Map.of()))
                .hasMessageContaining("2000 characters or items")
                .hasMessageContaining("maxRenderedLength");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
