package io.github.camelsmtpsystem.internal.runtime;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The one timer thread that every SMTP connection of a component shares: it closes idle pooled connections and runs
 * write timeouts, where Angus Mail would start a thread per connection. Created on first use, shut down on stop.
 */
public final class SharedScheduler extends ServiceSupport {

    private final CamelContext camelContext;
    private final Object owner;
    private ScheduledExecutorService executor;

    /**
     * @param owner names the thread in Camel's thread pool profile (the component)
     */
    public SharedScheduler(CamelContext camelContext, Object owner) {
        this.camelContext = camelContext;
        this.owner = owner;
    }

    /** The scheduler, started on the first call. */
    public synchronized ScheduledExecutorService get() {
        if (executor == null) {
            executor = camelContext
                    .getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(owner, "SmtpSystemConnectionEvictor");
        }
        return executor;
    }

    @Override
    protected synchronized void doStop() {
        if (executor != null) {
            camelContext.getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
    }
}
