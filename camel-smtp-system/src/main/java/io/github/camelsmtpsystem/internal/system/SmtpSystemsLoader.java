package io.github.camelsmtpsystem.internal.system;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.internal.mail.ResourceText;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.DefaultSecretResolver;
import io.github.camelsmtpsystem.system.SecretResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import org.apache.camel.CamelContext;

/**
 * The SMTP systems of one component: read once, on first use, from the systems files and the
 * {@link SmtpSystem} beans; endpoints that define a system inline add to them. Resolves {@code $ENV(...)} and
 * {@code $SECRET(...)} in their definitions.
 */
public final class SmtpSystemsLoader {

    private final CamelContext camelContext;
    private final String systemsLocation;
    private final SecretResolver secretResolver;
    private final String secretsDirectory;
    private final ObjectMapper mapper;
    private final SmtpSystems systems = new SmtpSystems();
    private volatile boolean loaded;

    /**
     * @param systemsLocation  comma-separated systems files, or {@code null}
     * @param secretResolver   resolves {@code $SECRET(name)}, or {@code null} for the default
     * @param secretsDirectory where the default resolver finds secret files, or {@code null}
     */
    public SmtpSystemsLoader(
            CamelContext camelContext,
            String systemsLocation,
            SecretResolver secretResolver,
            String secretsDirectory,
            ObjectMapper mapper) {
        this.camelContext = camelContext;
        this.systemsLocation = systemsLocation;
        this.secretResolver = secretResolver;
        this.secretsDirectory = secretsDirectory;
        this.mapper = mapper;
    }

    /** The systems; the first call reads the systems files and beans. */
    public SmtpSystems systems() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    load();
                    loaded = true;
                }
            }
        }
        return systems;
    }

    private void load() {
        SmtpSystemsReader reader = new SmtpSystemsReader(mapper, valueResolver());
        if (systemsLocation != null) {
            for (String location : systemsLocation.split(",")) {
                String trimmed = location.trim();
                if (!trimmed.isEmpty()) {
                    systems.defineAll(reader.read(readLocation(trimmed), trimmed));
                }
            }
        }
        camelContext
                .getRegistry()
                .findByTypeWithName(SmtpSystem.class)
                .forEach((name, system) -> systems.define(system));
    }

    private String readLocation(String location) {
        try {
            return ResourceText.read(camelContext, location).orElseThrow(() -> missing(location));
        } catch (FileNotFoundException e) {
            // a file: resource that does not exist throws rather than giving no stream
            throw missing(location);
        } catch (IOException e) {
            throw new SmtpSystemConfigException("Cannot read the systems file " + location + ": " + e.getMessage(), e);
        }
    }

    private static SmtpSystemConfigException missing(String location) {
        return new SmtpSystemConfigException("The systems file " + location + " (from systemsLocation) does not exist. "
                + "Write classpath:path/systems.json or file:/path/systems.json.");
    }

    /** {@code $ENV(name)}: the Camel property, else the operating system's environment variable. */
    private Optional<String> environment(String name) {
        Optional<String> property = camelContext.getPropertiesComponent().resolveProperty(name);
        return property.isPresent() ? property : Optional.ofNullable(System.getenv(name));
    }

    private SecretResolver secretResolver() {
        if (secretResolver != null) {
            return secretResolver;
        }
        return new DefaultSecretResolver(
                this::camelPropertyQuietly,
                System::getenv,
                secretsDirectory != null ? Path.of(secretsDirectory) : null);
    }

    /** A Camel property read without the properties component's DEBUG and TRACE lines, which show the value. */
    private Optional<String> camelPropertyQuietly(String name) {
        Object value = camelContext
                .getPropertiesComponent()
                .loadProperties(name::equals)
                .get(name);
        return Optional.ofNullable(value).map(Object::toString);
    }

    /** Resolves {@code $ENV(...)} and {@code $SECRET(...)} in system definitions. */
    public ConfigValueResolver valueResolver() {
        return new ConfigValueResolver(this::environment, secretResolver());
    }
}
