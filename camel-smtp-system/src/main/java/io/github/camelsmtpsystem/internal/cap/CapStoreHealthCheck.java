package io.github.camelsmtpsystem.internal.cap;

import java.util.Map;

import io.github.camelsmtpsystem.cap.CapStoreException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Whether the shared store of a system's hourly budget answers: UP with the sends in the last period, or DOWN with
 * the reason, never a secret. A readiness check: while it is down the system's mails fail.
 */
public class CapStoreHealthCheck extends AbstractHealthCheck {

    private final CapGate gate;

    public CapStoreHealthCheck(CapGate gate) {
        super("smtp-system", idOf(gate.systemId()));
        this.gate = gate;
    }

    /** The id of the check of this system's store: {@code smtp-system-cap-store:<systemId>}. */
    public static String idOf(String systemId) {
        return "smtp-system-cap-store:" + systemId;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("system", gate.systemId());
        builder.detail("store", gate.storeName());
        try {
            builder.detail("sends.last.hour", gate.sendsInPeriod());
            builder.up();
        } catch (CapStoreException e) {
            builder.detail("reason", e.getMessage());
            builder.message(e.getMessage());
            builder.down();
        }
    }
}
