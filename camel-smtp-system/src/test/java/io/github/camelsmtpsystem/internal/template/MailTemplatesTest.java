package io.github.camelsmtpsystem.internal.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.camelsmtpsystem.mail.UnhandledVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Jinja sandbox on its own: what a template sees, the three unhandled-variable modes, and what a hostile template
 * cannot do (load files, reach Java classes or methods, produce unbounded output, run unbounded time).
 */
class MailTemplatesTest {

    private static final Map<String, Object> ENTITY = entity();

    private static Map<String, Object> entity() {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "e1");
        entity.put("name", "Åse Ærlig");
        entity.put("ns:title", "Dr.");
        entity.put("items", List.of("tea", "milk"));
        entity.put("customer", Map.of("city", "Tromsø"));
        entity.put("count", 3);
        return entity;
    }

    private static MailTemplates templates(UnhandledVariable mode) {
        return new MailTemplates(mode, 10_000, Duration.ofSeconds(2));
    }

    private static String render(UnhandledVariable mode, String template) {
        return templates(mode).render(template, ENTITY);
    }

    @Test
    void entityPropertiesAreTheVariables() {
        String out = render(
                UnhandledVariable.STRICT,
                "{{ _id }} {{ name }} {{ entity['ns:title'] }} {{ customer.city }} {{ items|join(', ') }} {{ count + 1 }}"
                        + "{% for i in items %} {{ loop.index }}={{ i|upper }}{% endfor %}");

        assertThat(out).isEqualTo("e1 Åse Ærlig Dr. Tromsø tea, milk 4 1=TEA 2=MILK");
    }

    @Test
    void jinjaConstructsTemplatesUseStillWork() {
        String out = render(UnhandledVariable.STRICT, """
                {%- macro line(x) %}[{{ x }}]{% endmacro -%}
                {%- set ns = namespace(total=0) -%}
                {%- for i in items %}{% set ns.total = ns.total + 1 %}{{ line(i) }}{{ loop.cycle('a', 'b') }}{% endfor -%}
                {%- for k, v in customer.items() %} {{ k }}={{ v }}{% endfor %} {{ ns.total }} {{ 3.14159|round(2) }}\
                 {{ 'x'|center(5) }}| {{ '%05d'|format(42) }} {{ (items|batch(1))|length }}""");

        assertThat(out).isEqualTo("[tea]a[milk]b city=Tromsø 2 3.14   x  | 00042 2");
    }

    @Test
    void theLoopVariableIsJinja2sAndJinjavasLoopControlsStillWork() {
        String out = render(
                UnhandledVariable.STRICT,
                "{% for i in items %}{{ loop.previtem|default('-') }}<{{ i }}>"
                        + "{{ loop.nextitem|default('-') }}{{ loop.changed(i) }} {% endfor %}|"
                        + "{% for i in items %}{% if loop.last %}{% break %}{% endif %}{{ i }}{% endfor %}|"
                        + "{% for i in items %}{% if loop.first %}{% continue %}{% endif %}{{ i }}{% endfor %}");

        assertThat(out).isEqualTo("-<tea>milkTrue tea<milk>-True |tea|milk");
    }

    @Test
    void filtersAndTestsOverListsOfDictsWork() {
        Map<String, Object> entity = Map.of(
                "_id",
                "x",
                "lines",
                List.of(
                        Map.of("sku", "b", "qty", 2, "kind", "tea"),
                        Map.of("sku", "a", "qty", 3, "kind", "milk"),
                        Map.of("sku", "c", "qty", 4, "kind", "tea")));

        String out = templates(UnhandledVariable.STRICT)
                .render(
                        "{{ lines|map(attribute='sku')|join }} {{ (lines|sort(false, false, 'sku')|first).sku }}"
                                + " {{ lines|selectattr('kind', 'equalto', 'tea')|map(attribute='qty')|sum }}"
                                + " {% for g in lines|groupby('kind') %}{{ g.grouper }}:{{ g.list|length }} {% endfor %}"
                                + "{{ 4 is divisibleby 2 }} {{ _id is string }} {{ lines[0].qty is number }} {{ 'x' in _id }}"
                                + " {% for k, v in lines[0]|dictsort %}{{ k }}{% endfor %}"
                                + " {{ '2024-01-02'|strtodate('yyyy-MM-dd')|datetimeformat('%d.%m.%Y') }}",
                        entity);

        assertThat(out).isEqualTo("bac a 6 milk:1 tea:2 True True True True kindqtysku 02.01.2024");
    }

    @Test
    void debugPrintsWhatJinja2sDebugUndefinedPrints() {
        String out = render(
                UnhandledVariable.DEBUG,
                "Hi {{name}}, {{missing}} {{ customer.zip }} {{ entity['ns:none'] }} {{ items[9] }}");

        assertThat(out)
                .isEqualTo("Hi Åse Ærlig, {{ missing }} {{ no such element: dict object['zip'] }}"
                        + " {{ no such element: dict object['ns:none'] }} {{ no such element: list object[9] }}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debug", "empty_string", "strict"})
    void anAttributeOfAnUndefinedValueFailsInEveryMode(String mode) {
        assertThatThrownBy(() -> render(UnhandledVariable.of(mode), "Hi {{ missing.street }}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'missing.street'");
        assertThatThrownBy(() -> render(UnhandledVariable.of(mode), "Hi {{ missing + 1 }}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'missing'");
    }

    @Test
    void debugStillLetsTemplatesTestForMissingValues() {
        String out = render(
                UnhandledVariable.DEBUG,
                "{{ missing|default('n/a') }} {% if missing %}yes{% else %}no{% endif %} {{ 'd' if missing is defined else 'u' }}");

        assertThat(out).isEqualTo("n/a no u");
    }

    @Test
    void emptyStringRendersNothing() {
        String out = render(
                UnhandledVariable.EMPTY_STRING, "Hi {{ name }}|{{ missing }}|{{ missing|upper }}|{{ customer.zip }}|");

        assertThat(out).isEqualTo("Hi Åse Ærlig||||");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{{ missing }}", "{{ missing.street }}", "{{ customer.zip }}", "{% if missing %}x{% endif %}"})
    void strictNamesTheVariable(String template) {
        String variable = template.replaceAll(".*?(missing(\\.street)?|customer\\.zip).*", "$1");

        assertThatThrownBy(() -> render(UnhandledVariable.STRICT, "Hello " + template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + variable + "'")
                .hasMessageContaining("does not have");
    }

    @ParameterizedTest
    @ValueSource(strings = {"debug", "empty_string", "strict"})
    void aNullValueIsPythonsNone(String mode) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "n");
        entity.put("note", null);
        entity.put("lines", List.of(Map.of("sku", "a"), new LinkedHashMap<>(Map.of("sku", "b")) {
            {
                put("qty", null);
            }
        }));

        assertThat(templates(UnhandledVariable.of(mode))
                        .render(
                                "[{{ note }}] {{ note is none }} {{ note is defined }} {{ note|default('-') }} {{ note|default('-', true) }}"
                                        + " {{ 'yes' if note else 'no' }} {{ lines[1].qty }} {{ lines[1] }}",
                                entity))
                .isEqualTo("[None] True True None - no None {'sku': 'b', 'qty': None}");
    }

    @Test
    void strictAcceptsDefaults() {
        assertThat(render(UnhandledVariable.STRICT, "{{ missing|default('n/a') }}"))
                .isEqualTo("n/a");
    }

    @Test
    void aValueHoldingTemplateSyntaxIsText() {
        Map<String, Object> entity =
                Map.of("_id", "x", "note", "{{ secret }} {% for i in range(9) %}!{% endfor %}", "secret", "s3");

        assertThat(templates(UnhandledVariable.STRICT).render("{{ note }}", entity))
                .isEqualTo("{{ secret }} {% for i in range(9) %}!{% endfor %}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{% include 'mail/body.j2' %}",
                "{% include '/etc/passwd' %}",
                "{% import 'm.j2' as m %}",
                "{% from 'm.j2' import x %}",
                "{% extends 'base.j2' %}"
            })
    void templatesCannotLoadFilesOrTemplates(String template) {
        assertThatThrownBy(() -> render(UnhandledVariable.EMPTY_STRING, template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disabled");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{ entity.getClass() }}",
                "{{ ''.getClass().forName('java.lang.Runtime') }}",
                "{{ name.getClass().getClassLoader() }}",
                "{{ items.getClass() }}",
                "{{ customer.getClass().getName() }}",
                "{{ name.repeat(100000000) }}",
                "{{ name.matches('(a+)+$') }}",
                "{{ name.getBytes() }}",
                "{{ name.toUpperCase() }}",
                "{{ count.getClass() }}"
            })
    void templatesCannotCallJavaMethods(String template) {
        assertThatThrownBy(() -> render(UnhandledVariable.EMPTY_STRING, template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(?s).*(Templates cannot call Java methods|Cannot find method 'getClass').*");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{% do ____int3rpr3t3r____.getContext().getParent().put('leak', name) %}",
                "{% do ____int3rpr3t3r____.context.getParent().put('leak', name) %}",
                "{% do ____int3rpr3t3r____.context.getGlobalContext().put('leak', name) %}",
                "{{ ____int3rpr3t3r____.context.put('leak', name) }}"
            })
    void oneRenderCannotLeaveDataForTheNext(String template) {
        MailTemplates templates = templates(UnhandledVariable.EMPTY_STRING);
        try {
            templates.render(template, ENTITY);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageMatching("(?s).*(Templates cannot call Java methods|Cannot find method).*");
        }

        assertThat(templates.render("[{{ leak }}]", Map.of("_id", "next"))).isEqualTo("[]");
        // the interpreter's properties are undefined, and reading on from an undefined value fails as in Jinja2
        assertThat(render(UnhandledVariable.EMPTY_STRING, "[{{ ____int3rpr3t3r____.config }}]"))
                .isEqualTo("[]");
        assertThatThrownBy(() ->
                        render(UnhandledVariable.EMPTY_STRING, "[{{ ____int3rpr3t3r____.config.maxOutputSize }}]"))
                .hasMessageContaining("does not have");
    }

    @Test
    void whatARenderDefinesIsGoneInTheNext() {
        MailTemplates templates = templates(UnhandledVariable.EMPTY_STRING);
        templates.render("{% set leak = name %}{% macro leaked() %}x{% endmacro %}{{ leak }}{{ leaked() }}", ENTITY);

        assertThat(templates.render("[{{ leak }}]", Map.of("_id", "next"))).isEqualTo("[]");
        assertThatThrownBy(() -> templates.render("{{ leaked() }}", Map.of("_id", "next")))
                .hasMessageContaining("Could not resolve function 'leaked'");
    }

    @Test
    void concurrentRendersEachSeeTheirOwnEntity() throws Exception {
        MailTemplates templates = templates(UnhandledVariable.STRICT);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> outputs = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                Map<String, Object> entity = Map.of("_id", "e" + i, "n", i, "items", List.of(i, i + 1));
                outputs.add(threads.submit(
                        () -> templates.render("{% set total = items|sum %}{{ _id }}:{{ n }}:{{ total }}", entity)));
            }
            for (int i = 0; i < outputs.size(); i++) {
                assertThat(outputs.get(i).get()).isEqualTo("e" + i + ":" + i + ":" + (2 * i + 1));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{ entity.class }}",
                "{{ name.class.name }}",
                "{{ ''.class.forName('java.lang.Runtime') }}",
                "{{ items.class.classLoader }}"
            })
    void classesAreNotReachableAsProperties(String template) {
        String out;
        try {
            out = render(UnhandledVariable.EMPTY_STRING, template);
        } catch (IllegalArgumentException refused) {
            // what Jinja2 does too: an attribute of an undefined value is an error
            assertThat(refused).hasMessageMatching("(?s).*(does not have|Templates cannot call Java methods).*");
            out = "";
        }
        assertThat(out).isEmpty();
    }

    @Test
    void pythonStringMethodsAreTheOnlyMethodsOfText() {
        assertThat(render(
                        UnhandledVariable.STRICT,
                        "{{ name.split(' ') }} {{ name.upper() }} {{ '{:>8.2f}|'.format(count) }}"
                                + " {{ name.startswith('Å') }} {{ '  x '.strip() }}"))
                .isEqualTo("['Åse', 'Ærlig'] ÅSE ÆRLIG     3.00| True x");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{ name.center(2000000000) }}",
                "{{ name.ljust(2000000000) }}",
                "{{ name.zfill(2000000000) }}",
                "{{ '{:>2000000000}'.format(name) }}",
                "{{ '%2000000000s' % name }}",
                "{{ name * 2000000000 }}",
                "{{ items * 2000000000 }}",
                "{{ name.replace('', name * 50) }}"
            })
    void pythonTextOperationsCannotAllocateWhatANumberAsksFor(String template) {
        MailTemplates small = new MailTemplates(UnhandledVariable.EMPTY_STRING, 1000, Duration.ofSeconds(2));

        assertThatThrownBy(() -> small.render(template, ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1000");
    }

    @Test
    void outputSizeIsBounded() {
        MailTemplates small = new MailTemplates(UnhandledVariable.EMPTY_STRING, 1000, Duration.ofSeconds(2));

        assertThat(small.render("{% for i in range(99) %}0123456789{% endfor %}", ENTITY))
                .hasSize(990);
        assertThatThrownBy(() -> small.render("{% for i in range(101) %}0123456789{% endfor %}", ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 1000 characters (maxRenderedLength)");
        assertThatThrownBy(() -> small.render(
                        "{% set s = '0123456789' %}{% for i in range(10) %}{% set s = s ~ s %}{% endfor %}{{ s|length }}",
                        ENTITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{{ name|center(2000000000) }}",
                "{{ name|center(width=2000000000) }}",
                "{{ name|indent(2000000000, true) }}",
                "{{ '%02000000000d'|format(1) }}",
                "{{ '%.2000000000f'|format(1.5) }}",
                "{{ items|batch(2000000000, 'x') }}",
                "{{ 1.5|round(2000000000) }}"
            })
    void filtersCannotAllocateWhatANumberAsksFor(String template) {
        MailTemplates small = new MailTemplates(UnhandledVariable.EMPTY_STRING, 1000, Duration.ofSeconds(2));

        assertThatThrownBy(() -> small.render(template, ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000000000")
                .hasMessageContaining("at most");
    }

    @Test
    void renderTimeIsBounded() {
        MailTemplates quick = new MailTemplates(UnhandledVariable.EMPTY_STRING, 10_000, Duration.ofMillis(200));
        String nested = "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
                + "{% endfor %}{% endfor %}{% endfor %}";

        long start = System.nanoTime();
        assertThatThrownBy(() -> quick.render(nested, ENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 200 ms to render (renderTimeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // the bound is per render: the next one has its own time
        assertThat(quick.render("{{ name }}", ENTITY)).isEqualTo("Åse Ærlig");
    }

    @Test
    void rangesAndRecursionAreBounded() {
        assertThat(render(UnhandledVariable.EMPTY_STRING, "{{ range(100000)|length }} {{ range(5, 100005)|length }}"))
                .isEqualTo("100000 100000");
        assertThatThrownBy(() -> render(UnhandledVariable.EMPTY_STRING, "{{ range(100001)|length }}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range() of 100001 items: templates may make ranges of at most 100000 items");
        assertThat(render(UnhandledVariable.EMPTY_STRING, "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}"))
                .isEmpty();
    }
}
