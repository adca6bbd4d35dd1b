package io.github.camelsmtpsystem.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelsmtpsystem.internal.template.MailTemplates;
import io.github.camelsmtpsystem.mail.UnhandledVariable;

/**
 * How long one render of a template takes, in microseconds: a short subject-like template and an order body with a
 * loop, filters and rounding, in the default (debug) mode; the median of the rounds in wall time and in the thread's
 * CPU time (steadier when other processes share the machine). The templates use only what renders without error both
 * before and after the Jinja2-compatibility work, so that the two can be compared. Run by hand, with the classpath
 * of camel-smtp-system ({@code mvn dependency:build-classpath}):
 * {@code java -cp <classes>:<classpath> io.github.camelsmtpsystem.benchmarks.TemplateBenchmark [rounds]}.
 */
public final class TemplateBenchmark {

    private static final String SHORT = "Order {{ order_no }} for {{ name }}";
    private static final String ORDER = """
            <h1>Order {{ order_no }}</h1>
            <p>Dear {{ name|title }},</p>
            <table>{% for l in lines %}<tr><td>{{ loop.index }}</td><td>{{ l.sku|upper }}</td><td>{{ l.qty }}</td>\
            <td>{{ (l.price * l.qty)|round(2) }}</td></tr>{% endfor %}</table>
            <p>Total: {{ lines|sum(attribute='price')|round(2) }}{% if paid %} (paid){% endif %}</p>
            """;
    private static final int RENDERS_PER_ROUND = 20_000;

    private TemplateBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("_id", "o-1");
        entity.put("order_no", "A-17");
        entity.put("name", "åse ærlig");
        entity.put("paid", true);
        entity.put(
                "lines",
                List.of(
                        Map.of("sku", "b", "qty", 2, "price", 9.5),
                        Map.of("sku", "a", "qty", 3, "price", 20),
                        Map.of("sku", "c", "qty", 1, "price", 4.25)));
        MailTemplates templates = new MailTemplates(UnhandledVariable.DEBUG, 1_000_000, Duration.ofSeconds(2));
        report("short template", templates, SHORT, entity, rounds);
        report("order body", templates, ORDER, entity, rounds);
    }

    private static void report(
            String name, MailTemplates templates, String template, Map<String, Object> entity, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] microseconds = new double[rounds];
        double[] cpuMicroseconds = new double[rounds];
        int sink = 0;
        for (int warmup = 0; warmup < 3; warmup++) {
            for (int i = 0; i < RENDERS_PER_ROUND; i++) {
                sink += templates.render(template, entity).length();
            }
        }
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < RENDERS_PER_ROUND; i++) {
                sink += templates.render(template, entity).length();
            }
            microseconds[round] = (System.nanoTime() - start) / 1000.0 / RENDERS_PER_ROUND;
            cpuMicroseconds[round] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / RENDERS_PER_ROUND;
        }
        Arrays.sort(microseconds);
        Arrays.sort(cpuMicroseconds);
        // the thread's CPU time is what a render costs even when other processes share the cores; wall time is not
        System.out.printf(
                "%-15s median %6.2f us/render, %6.2f us CPU/render  (wall min %6.2f, max %6.2f; %d rounds of %d; %d"
                        + " chars)%n",
                name,
                microseconds[rounds / 2],
                cpuMicroseconds[rounds / 2],
                microseconds[0],
                microseconds[rounds - 1],
                rounds,
                RENDERS_PER_ROUND,
                sink);
    }
}
