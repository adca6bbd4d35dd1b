package io.github.camelsmtpsystem.internal.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renders reuse interpreters, and each still starts as Jinja2's does, from nothing but its entity: what one render
 * set, defined, kept or failed in is not there for the next (one thread, so the next render gets the same
 * interpreter).
 */
class ReusableInterpreterTest {

    private final MailTemplates templates = new MailTemplates(UnhandledVariable.STRICT, 100_000, Duration.ofSeconds(2));

    @Test
    void anEntitysPropertiesAreNotThereForTheNextEntity() {
        assertThat(templates.render("{{ name }}", Map.of("name", "Åse"))).isEqualTo("Åse");

        assertThatThrownBy(() -> templates.render("{{ name }}", Map.of("other", 1)))
                .hasMessageContaining("'name'");
    }

    @Test
    void whatATemplateSetIsNotThereForTheNext() {
        assertThat(templates.render("{% set greeting = 'hi' %}{{ greeting }}", Map.of()))
                .isEqualTo("hi");

        assertThatThrownBy(() -> templates.render("{{ greeting }}", Map.of())).hasMessageContaining("'greeting'");
    }

    @Test
    void aMacroIsNotThereForTheNextTemplate() {
        assertThat(templates.render("{% macro m() %}x{% endmacro %}{{ m() }}", Map.of()))
                .isEqualTo("x");

        assertThatThrownBy(() -> templates.render("{{ m() }}", Map.of())).hasMessageContaining("m");
    }

    @Test
    void aBlockOfTheSameNameRendersItsOwnContent() {
        assertThat(templates.render("{% block b %}one{% endblock %}", Map.of())).isEqualTo("one");

        assertThat(templates.render("{% block b %}two{% endblock %}", Map.of())).isEqualTo("two");
    }

    @Test
    void aRenderThatFailedInsideALoopLeavesNothingForTheNext() {
        assertThatThrownBy(() -> templates.render(
                        "{% for x in items %}{{ x }}{{ missing }}{% endfor %}", Map.of("items", List.of(1, 2))))
                .hasMessageContaining("'missing'");

        assertThat(templates.render("{% for x in items %}{{ loop.index }}{% endfor %}", Map.of("items", List.of(7, 8))))
                .isEqualTo("12");
        assertThatThrownBy(() -> templates.render("{{ x }}", Map.of())).hasMessageContaining("'x'");
    }
}
