package io.github.camelsmtpsystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.delivery.SmtpSystemMailSender;
import io.github.camelsmtpsystem.delivery.SmtpTimeouts;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.delivery.SystemRoute;
import io.github.camelsmtpsystem.health.SmtpSystemHealthChecks;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.DefaultSecretResolver;
import io.github.camelsmtpsystem.system.SecretResolver;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.github.camelsmtpsystem.system.SmtpSystems;
import io.github.camelsmtpsystem.system.SmtpSystemsReader;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Sends email from entities through Sesam SMTP systems. Knows the systems (from {@code systemsLocation},
 * {@link SmtpSystemConfig} beans and endpoint options) and runs one throttled sending route per system.
 */
@Component("smtp-system")
public class SmtpSystemComponent extends DefaultComponent {

    @Metadata(description = "Default endpoint options, copied to every endpoint")
    private SmtpSystemConfiguration configuration = new SmtpSystemConfiguration();
    @Metadata
    private String systemsLocation;
    @Metadata(label = "security")
    private String secretsDirectory;
    @Metadata(label = "security,advanced")
    private SecretResolver secretResolver;
    @Metadata(defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10_000;
    @Metadata(defaultValue = "30000", javaType = "java.time.Duration")
    private long readTimeout = 30_000;
    @Metadata(defaultValue = "30000", javaType = "java.time.Duration")
    private long writeTimeout = 30_000;
    @Metadata(label = "advanced", defaultValue = "3600000", javaType = "java.time.Duration")
    private long capPeriod = 3_600_000;
    @Metadata(label = "health", defaultValue = "30000", javaType = "java.time.Duration")
    private long healthCheckCacheTime = 30_000;

    private final SmtpSystems systems = new SmtpSystems();
    private final Map<String, SystemCounters> running = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final ObjectMapper mapper = new ObjectMapper();
    private volatile boolean loaded;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("The endpoint " + uri + " names no system. Write smtp-system:<systemId>, "
                                               + "with the _id of an SMTP system.");
        }
        SmtpSystemEndpoint endpoint = new SmtpSystemEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        SmtpSystemConfiguration options = endpoint.getConfiguration();
        if (options.definesSystem()) {
            systems().define(options.toSystem(remaining, endpoint.getEndpointBaseUri()));
        }
        used.add(remaining);
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitialized(CamelContext context) {
                // the routes are built by now: add the system routes of the endpoints they use, to start with them
                used.forEach(id -> systems().find(id).ifPresent(SmtpSystemComponent.this::startSystem));
            }
        });
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a broken systems file fails the start, even when no route uses it yet
        systems();
    }

    /** The systems this component knows; the first call reads the systems files and beans. */
    SmtpSystems systems() {
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

    /**
     * The system with this id.
     *
     * @throws SmtpSystemConfigException when no source defines it
     */
    public SmtpSystemConfig getSystem(String systemId) {
        return systems().find(systemId).orElseThrow(() -> new SmtpSystemConfigException(
                "No SMTP system has the id '" + systemId + "'. Define it in a file named by the component's systemsLocation, "
                                                                                    + "as a SmtpSystemConfig bean, or with smtpServer (and the other system options) on the endpoint."));
    }

    /** The counters of a system that endpoints have started, if any. */
    public Optional<SystemCounters> getCounters(String systemId) {
        return Optional.ofNullable(running.get(systemId));
    }

    /** Starts the system's routes on first use; every endpoint of the system shares them. */
    SystemCounters startSystem(SmtpSystemConfig system) {
        return running.computeIfAbsent(system.getId(), id -> {
            try {
                SystemCounters counters = new SystemCounters(id, system.getMaxPerHour(), capPeriod);
                getCamelContext().addService(counters);
                registerHealthCheck(system);
                SystemRoute routes = new SystemRoute(system, mailEndpoint(system), counters, capPeriod);
                CamelContext context = getCamelContext();
                context.addRoutes(routes);
                if (!context.isStarted()) {
                    // a context that is not started yet only records added routes; register them to start with it
                    ((ModelCamelContext) context).startRouteDefinitions(routes.getRouteCollection().getRoutes());
                }
                return counters;
            } catch (Exception e) {
                throw RuntimeCamelException.wrapRuntimeException(e);
            }
        });
    }

    /** With camel-health on the class path: a check that connects, says EHLO, authenticates and quits. */
    private void registerHealthCheck(SmtpSystemConfig system) {
        SmtpSystemHealthChecks.register(getCamelContext(), system,
                new SmtpSystemMailSender(system, new SmtpTimeouts(connectTimeout, readTimeout, writeTimeout)), healthCheckCacheTime);
    }

    private Endpoint mailEndpoint(SmtpSystemConfig system) {
        String protocol = SmtpSystemMailSender.protocolOf(system);
        // no credentials in the URI: they live in the sender, so they never show where Camel lists endpoints
        String uri = protocol + "://" + system.getSmtpServer() + ":" + system.getSmtpPort();
        MailConfiguration mail = new MailConfiguration(getCamelContext());
        mail.configure(URI.create(uri));
        mail.setJavaMailSender(new SmtpSystemMailSender(system, new SmtpTimeouts(connectTimeout, readTimeout, writeTimeout)));
        MailEndpoint endpoint = new MailEndpoint(uri, getCamelContext().getComponent(protocol, MailComponent.class), mail);
        endpoint.setCamelContext(getCamelContext());
        return endpoint;
    }

    private void load() {
        ConfigValueResolver values = new ConfigValueResolver(this::environment, secretResolver());
        SmtpSystemsReader reader = new SmtpSystemsReader(mapper, values);
        if (systemsLocation != null) {
            for (String location : systemsLocation.split(",")) {
                String trimmed = location.trim();
                if (!trimmed.isEmpty()) {
                    systems.defineAll(reader.read(readLocation(trimmed), trimmed));
                }
            }
        }
        getCamelContext().getRegistry().findByTypeWithName(SmtpSystemConfig.class)
                .forEach((name, system) -> systems.define(system));
    }

    private String readLocation(String location) {
        try {
            return ResourceText.read(getCamelContext(), location).orElseThrow(() -> new SmtpSystemConfigException(
                    "The systems file " + location + " (from systemsLocation) does not exist. "
                                                                                           + "Write classpath:path/systems.json or file:/path/systems.json."));
        } catch (IOException e) {
            throw new SmtpSystemConfigException("Cannot read the systems file " + location + ": " + e.getMessage(), e);
        }
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** {@code $ENV(name)}: the Camel property, else the operating system's environment variable. */
    private Optional<String> environment(String name) {
        Optional<String> property = getCamelContext().getPropertiesComponent().resolveProperty(name);
        return property.isPresent() ? property : Optional.ofNullable(System.getenv(name));
    }

    private SecretResolver secretResolver() {
        if (secretResolver != null) {
            return secretResolver;
        }
        return new DefaultSecretResolver(name -> getCamelContext().getPropertiesComponent().resolveProperty(name),
                System::getenv, secretsDirectory != null ? Path.of(secretsDirectory) : null);
    }

    public SmtpSystemConfiguration getConfiguration() {
        return configuration;
    }

    /** Default endpoint options, copied to every endpoint. */
    public void setConfiguration(SmtpSystemConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getSystemsLocation() {
        return systemsLocation;
    }

    /**
     * Comma-separated Sesam JSON files of SMTP systems (one object or an array each), as {@code classpath:} or
     * {@code file:} resources.
     */
    public void setSystemsLocation(String systemsLocation) {
        this.systemsLocation = systemsLocation;
    }

    public String getSecretsDirectory() {
        return secretsDirectory;
    }

    /** A directory of secret files: {@code $SECRET(name)} reads the file {@code name} there when no property or variable has it. */
    public void setSecretsDirectory(String secretsDirectory) {
        this.secretsDirectory = secretsDirectory;
    }

    public SecretResolver getSecretResolver() {
        return secretResolver;
    }

    /** Resolves {@code $SECRET(name)} instead of the default (Camel property, environment variable, secrets directory). */
    public void setSecretResolver(SecretResolver secretResolver) {
        this.secretResolver = secretResolver;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** How long to wait for the SMTP server to accept a connection, in milliseconds. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReadTimeout() {
        return readTimeout;
    }

    /** How long to wait for each reply of the SMTP server, in milliseconds. */
    public void setReadTimeout(long readTimeout) {
        this.readTimeout = readTimeout;
    }

    public long getWriteTimeout() {
        return writeTimeout;
    }

    /** How long one write to the SMTP server may block, in milliseconds. */
    public void setWriteTimeout(long writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public long getCapPeriod() {
        return capPeriod;
    }

    /** The period of max_per_hour, in milliseconds: one hour. For tests only; a change needs a restart. */
    public void setCapPeriod(long capPeriod) {
        this.capPeriod = capPeriod;
    }

    public long getHealthCheckCacheTime() {
        return healthCheckCacheTime;
    }

    /**
     * How long the health check of a system reuses its last result before it connects to the server again, in
     * milliseconds; 0 connects on every check.
     */
    public void setHealthCheckCacheTime(long healthCheckCacheTime) {
        this.healthCheckCacheTime = healthCheckCacheTime;
    }
}
