package io.github.camelsmtpsystem.internal.health;

import io.github.camelsmtpsystem.internal.smtp.SmtpSystemMailSender;
import io.github.camelsmtpsystem.system.SmtpSystem;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Adds the check of a system to the Camel context's health check registry, when there is one (camel-health is on
 * the class path). Without camel-health this class loads none of its classes.
 */
public final class SmtpSystemHealthChecks {

    private SmtpSystemHealthChecks() {}

    /**
     * Registers the check of {@code system}, unless the context has no health check registry.
     *
     * @return whether a check was registered
     */
    public static boolean register(
            CamelContext context, SmtpSystem system, SmtpSystemMailSender sender, long cacheMillis) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            return false;
        }
        SmtpSystemHealthCheck check =
                new SmtpSystemHealthCheck(system, new SmtpConnectionProbe(system, sender), cacheMillis);
        check.setCamelContext(context);
        return registry.register(check);
    }
}
