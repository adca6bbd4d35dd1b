package io.github.camelsmtpsystem.internal.health;

import java.util.Map;

import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether an SMTP system's server takes us: connect, EHLO, STARTTLS or TLS as configured, authenticate, QUIT. The
 * result is kept for {@code cacheMillis}, so that frequent probes do not hammer the server. A DOWN result says why
 * in the {@code reason} detail, never with a secret. A readiness check only: an unreachable mail server is no reason
 * to restart the application.
 */
public class SmtpSystemHealthCheck extends AbstractHealthCheck {

    /** The group of every SMTP system check. */
    public static final String GROUP = "smtp-system";

    private final SmtpSystem system;
    private final SmtpConnectionProbe probe;
    private final long cacheNanos;
    private SmtpConnectionProbe.Outcome last;
    private long lastAt;

    /**
     * @param system      the system to check
     * @param probe       how to reach its server
     * @param cacheMillis how long a result is reused before the server is asked again; 0 asks every time
     */
    public SmtpSystemHealthCheck(SmtpSystem system, SmtpConnectionProbe probe, long cacheMillis) {
        super(GROUP, idOf(system.getId()));
        this.system = system;
        this.probe = probe;
        this.cacheNanos = cacheMillis * 1_000_000;
    }

    /** The id of the check of this system: {@code smtp-system:<systemId>}. */
    public static String idOf(String systemId) {
        return GROUP + ":" + systemId;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // AbstractHealthCheck.call holds a lock around this: one probe at a time, the others wait and reuse it
        SmtpConnectionProbe.Outcome outcome = outcome();
        builder.detail("system", system.getId());
        // a host or user name from $SECRET is shown nowhere, not even here
        builder.detail(
                "server",
                system.shown(SystemKey.SMTP_SERVER, system.getSmtpServer()) + ":"
                        + system.shown(SystemKey.SMTP_PORT, system.getSmtpPort()));
        builder.detail("tls", probe.tlsMode());
        builder.detail("checked.at", outcome.at().toString());
        if (outcome.up()) {
            builder.up();
        } else {
            String reason = system.redact(outcome.reason());
            builder.detail("reason", reason);
            builder.message(reason);
            builder.down();
        }
    }

    private SmtpConnectionProbe.Outcome outcome() {
        long now = System.nanoTime();
        if (last == null || now - lastAt >= cacheNanos) {
            last = probe.probe();
            lastAt = System.nanoTime();
        }
        return last;
    }
}
