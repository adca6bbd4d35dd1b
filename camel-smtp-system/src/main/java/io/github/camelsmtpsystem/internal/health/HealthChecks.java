package io.github.camelsmtpsystem.internal.health;

import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Adds the component's checks (an SMTP system's connection, a shared cap store) to the Camel context's health check
 * registry, when there is one (camel-health is on the class path). Without camel-health no check class is loaded:
 * the check is made only once a registry exists.
 */
public final class HealthChecks {

    private HealthChecks() {}

    /**
     * Registers the check {@code check} makes, unless the context has no health check registry.
     *
     * @return whether a check was registered
     */
    public static boolean register(CamelContext context, Supplier<? extends HealthCheck> check) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry == null) {
            return false;
        }
        HealthCheck made = check.get();
        CamelContextAware.trySetCamelContext(made, context);
        return registry.register(made);
    }

    /** The message of {@code e}, followed by its root cause's when that says more: what a check or error reports. */
    public static String withRootCause(Throwable e) {
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable root = rootCause(e);
        if (root != e && root.getMessage() != null && !why.contains(root.getMessage())) {
            why += " (" + root.getMessage() + ")";
        }
        return why.strip();
    }

    /** The innermost cause of {@code e}, or {@code e} itself. */
    public static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
