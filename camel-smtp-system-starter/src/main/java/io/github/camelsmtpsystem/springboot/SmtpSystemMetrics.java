package io.github.camelsmtpsystem.springboot;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Binds the meters of each SMTP system when the component starts it, that is, when its {@link SystemCounters} join
 * the Camel context's services; systems may start after the application has.
 */
public class SmtpSystemMetrics implements CamelContextConfiguration {

    private final MeterRegistry registry;
    private final Set<SystemCounters> bound = ConcurrentHashMap.newKeySet();

    public SmtpSystemMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext context, Service service, Route route) {
                if (service instanceof SystemCounters counters) {
                    bind(counters);
                }
            }
        });
        camelContext.hasServices(SystemCounters.class).forEach(this::bind);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        camelContext.hasServices(SystemCounters.class).forEach(this::bind);
    }

    private void bind(SystemCounters counters) {
        if (bound.add(counters)) {
            new SmtpSystemMeterBinder(counters).bindTo(registry);
        }
    }
}
