package io.github.camelsmtpsystem.internal.system;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;

/**
 * The SMTP systems a component knows, by id. A system may be defined more than once (say, by two endpoint URIs) only
 * with the same settings.
 */
public final class SmtpSystems {

    private final Map<String, SmtpSystem> byId = new ConcurrentHashMap<>();

    /**
     * Adds a definition.
     *
     * @return                           the definition in force: the earlier one when both say the same
     * @throws SmtpSystemConfigException when the id is already defined with other settings
     */
    public SmtpSystem define(SmtpSystem system) {
        SmtpSystem known = byId.putIfAbsent(system.getId(), system);
        if (known == null) {
            return system;
        }
        if (!known.sameSettingsAs(system)) {
            throw new SmtpSystemConfigException(
                    "SMTP system '" + system.getId() + "' is defined twice with different settings: in "
                            + known.getSource() + " and in " + system.getSource()
                            + ". Keep one definition, or give the systems different ids.");
        }
        return known;
    }

    /** Adds every definition in {@code systems}. */
    public void defineAll(List<SmtpSystem> systems) {
        systems.forEach(this::define);
    }

    public Optional<SmtpSystem> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<SmtpSystem> all() {
        return List.copyOf(byId.values());
    }
}
