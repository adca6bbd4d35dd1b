package io.github.camelsmtpsystem.springboot;

import java.util.function.ToDoubleFunction;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of one SMTP system, read from its {@link SystemCounters}: {@code smtp.system.sent},
 * {@code .discarded}, {@code .failed} and {@code .skipped} counters, and the gauges {@code smtp.system.sends.last.hour}
 * and {@code smtp.system.max.per.hour}, all tagged {@code system=<id>}.
 */
public class SmtpSystemMeterBinder implements MeterBinder {

    /** The tag that names the system. */
    public static final String SYSTEM_TAG = "system";

    private final SystemCounters counters;

    public SmtpSystemMeterBinder(SystemCounters counters) {
        this.counters = counters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of(SYSTEM_TAG, counters.getSystemId());
        counter(registry, tags, "smtp.system.sent", "Mails the SMTP server accepted", SystemCounters::getSent);
        counter(
                registry,
                tags,
                "smtp.system.discarded",
                "Mails over max_per_hour, logged and discarded",
                SystemCounters::getDiscarded);
        counter(registry, tags, "smtp.system.failed", "Mails whose sending failed", SystemCounters::getFailed);
        counter(
                registry,
                tags,
                "smtp.system.uncertain",
                "Failed mails that may have been delivered: their end of data went out, no final reply came",
                SystemCounters::getUncertain);
        counter(
                registry,
                tags,
                "smtp.system.skipped",
                "Entities skipped by rule (deleted entities)",
                SystemCounters::getSkipped);
        Gauge.builder("smtp.system.sends.last.hour", counters, SystemCounters::getSendsInLastHour)
                .tags(tags)
                .description("Sends (including failed ones) in the last hour, which max_per_hour caps")
                .register(registry);
        Gauge.builder("smtp.system.max.per.hour", counters, SystemCounters::getMaxPerHour)
                .tags(tags)
                .description("The system's max_per_hour")
                .register(registry);
    }

    private void counter(
            MeterRegistry registry,
            Tags tags,
            String name,
            String description,
            ToDoubleFunction<SystemCounters> count) {
        FunctionCounter.builder(name, counters, count)
                .tags(tags)
                .description(description)
                .register(registry);
    }
}
