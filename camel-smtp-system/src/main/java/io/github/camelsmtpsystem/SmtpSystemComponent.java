package io.github.camelsmtpsystem;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelsmtpsystem.delivery.SystemCounters;
import io.github.camelsmtpsystem.internal.cap.CapStores;
import io.github.camelsmtpsystem.internal.oauth2.OAuth2Tokens;
import io.github.camelsmtpsystem.internal.runtime.SharedScheduler;
import io.github.camelsmtpsystem.internal.runtime.SmtpRetry;
import io.github.camelsmtpsystem.internal.runtime.SmtpSystemRuntime;
import io.github.camelsmtpsystem.internal.smtp.SmtpConnectionSettings;
import io.github.camelsmtpsystem.internal.system.SmtpSystemsLoader;
import io.github.camelsmtpsystem.oauth2.SmtpAccessTokenProvider;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SecretResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import org.apache.camel.Endpoint;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.PropertiesHelper;

/**
 * Sends email from entities through Sesam SMTP systems. Knows the systems (from {@code systemsLocation},
 * {@link SmtpSystem} beans and endpoint options) and runs one throttled sending route per system.
 */
@Component("smtp-system")
public class SmtpSystemComponent extends DefaultComponent implements SSLContextParametersAware {

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

    @Metadata(defaultValue = "600000", javaType = "java.time.Duration")
    private long finalReplyTimeout = 600_000;

    @Metadata(label = "advanced", defaultValue = "3600000", javaType = "java.time.Duration")
    private long capPeriod = 3_600_000;

    @Metadata(defaultValue = "memory")
    private String capStore = "memory";

    @Metadata(label = "advanced", defaultValue = "smtp-system:")
    private String capStoreKeyPrefix = "smtp-system:";

    @Metadata(label = "security")
    private String capStoreUsername;

    @Metadata(label = "security", secret = true)
    private String capStorePassword;

    @Metadata(label = "advanced", defaultValue = "smtp_system_cap")
    private String capStoreTable = "smtp_system_cap";

    @Metadata(label = "security")
    private SSLContextParameters sslContextParameters;

    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    @Metadata(label = "security", defaultValue = "465")
    private String implicitTlsPorts = "465";

    @Metadata(label = "security", defaultValue = "false")
    private boolean allowPlaintextAuth;

    @Metadata(defaultValue = "3")
    private int maximumRedeliveries = 3;

    @Metadata(defaultValue = "1000", javaType = "java.time.Duration")
    private long redeliveryDelay = 1000;

    @Metadata(defaultValue = "2")
    private double backOffMultiplier = 2;

    @Metadata(defaultValue = "30000", javaType = "java.time.Duration")
    private long maximumRedeliveryDelay = 30_000;

    @Metadata(defaultValue = "false")
    private boolean retryUncertain;

    @Metadata(label = "advanced", defaultValue = "2")
    private int connectionPoolSize = 2;

    @Metadata(label = "advanced", defaultValue = "100")
    private int maxMessagesPerConnection = 100;

    @Metadata(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration")
    private long connectionIdleTimeout = 60_000;

    @Metadata(label = "advanced", defaultValue = "true")
    private boolean pipelining = true;

    @Metadata(label = "advanced", defaultValue = "true")
    private boolean chunking = true;

    @Metadata(label = "advanced", defaultValue = "true")
    private boolean smtputf8 = true;

    @Metadata(label = "advanced", defaultValue = "true")
    private boolean eightBitMime = true;

    @Metadata(label = "advanced", defaultValue = "true")
    private boolean mailRuns = true;

    @Metadata(defaultValue = "0")
    private long maxMailSize;

    @Metadata(label = "health", defaultValue = "30000", javaType = "java.time.Duration")
    private long healthCheckCacheTime = 30_000;

    private final Map<String, SmtpSystemRuntime> running = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private SmtpSystemsLoader loader;
    private SharedScheduler scheduler;
    private CapStores capStores;
    private SmtpSystemRuntime.Settings runtimeSettings;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("The endpoint " + uri
                    + " names no system. Write smtp-system:<systemId>, " + "with the _id of an SMTP system.");
        }
        SmtpSystemEndpoint endpoint = new SmtpSystemEndpoint(uri, this, remaining, configuration.copy());
        // header.<Name>=value: one option per extra header, over the component's headers
        Map<String, Object> headers = PropertiesHelper.extractProperties(parameters, "header.");
        setProperties(endpoint, parameters);
        if (!headers.isEmpty()) {
            Map<String, Object> all = new LinkedHashMap<>();
            if (endpoint.getConfiguration().getHeaders() != null) {
                all.putAll(endpoint.getConfiguration().getHeaders());
            }
            all.putAll(headers);
            endpoint.getConfiguration().setHeaders(all);
        }
        SmtpSystemConfiguration options = endpoint.getConfiguration();
        if (options.definesSystem()) {
            SmtpSystemsLoader loader = loader();
            loader.systems().define(options.toSystem(remaining, endpoint.getEndpointBaseUri(), loader.valueResolver()));
        }
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a broken systems file or cap store fails the start, even when no route uses it yet
        loader().systems();
        capStores();
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(scheduler);
        runtimeSettings = null;
        if (capStores != null) {
            capStores.close();
            capStores = null;
        }
        super.doStop();
    }

    /** The systems this component knows, read from the systems files and beans on first use. */
    private synchronized SmtpSystemsLoader loader() {
        if (loader == null) {
            loader =
                    new SmtpSystemsLoader(getCamelContext(), systemsLocation, secretResolver, secretsDirectory, mapper);
        }
        return loader;
    }

    /** The store of the hourly budgets that capStore names, opened on first use. */
    private synchronized CapStores capStores() {
        if (capStores == null) {
            ConfigValueResolver resolver = loader().valueResolver();
            try {
                capStores = CapStores.open(
                        resolver.resolve(capStore).value(),
                        getCamelContext(),
                        new CapStores.Settings(
                                capStoreKeyPrefix,
                                capStoreUsername,
                                capStorePassword == null
                                        ? null
                                        : resolver.resolve(capStorePassword).value(),
                                capStoreTable,
                                connectTimeout,
                                readTimeout));
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                throw new SmtpSystemConfigException(
                        message.startsWith("capStore") ? message : "capStore: " + message, e);
            }
        }
        return capStores;
    }

    /**
     * The system with this id.
     *
     * @throws SmtpSystemConfigException when no source defines it
     */
    public SmtpSystem getSystem(String systemId) {
        return loader().systems()
                .find(systemId)
                .orElseThrow(() -> new SmtpSystemConfigException(
                        "No SMTP system has the id '" + systemId + "'. Define it in a file named by the component's "
                                + "systemsLocation, as a SmtpSystem bean, or with smtpServer (and the other system options) "
                                + "on the endpoint."));
    }

    /** The counters of a system that endpoints have started, if any. */
    public Optional<SystemCounters> getCounters(String systemId) {
        return Optional.ofNullable(running.get(systemId)).map(SmtpSystemRuntime::counters);
    }

    /** The systems that endpoints have started, by id. */
    List<SmtpSystemRuntime> runningSystems() {
        return running.values().stream()
                .sorted(Comparator.comparing(r -> r.system().getId()))
                .toList();
    }

    /** The system's runtime, added to the context (which starts it) on first use; every endpoint of it shares it. */
    SmtpSystemRuntime runtimeOf(SmtpSystem system) {
        return running.computeIfAbsent(system.getId(), id -> {
            SmtpSystemRuntime runtime = new SmtpSystemRuntime(getCamelContext(), system, runtimeSettings());
            try {
                getCamelContext().addService(runtime, true, true);
                return runtime;
            } catch (Exception e) {
                throw RuntimeCamelException.wrapRuntimeException(e);
            }
        });
    }

    /** The settings every system shares, made once: the TLS context and the OAuth2 token caches are the component's. */
    private synchronized SmtpSystemRuntime.Settings runtimeSettings() {
        if (runtimeSettings != null) {
            return runtimeSettings;
        }
        try {
            runtimeSettings = new SmtpSystemRuntime.Settings(
                    capPeriod,
                    new SmtpRetry(
                            maximumRedeliveries,
                            redeliveryDelay,
                            backOffMultiplier,
                            maximumRedeliveryDelay,
                            retryUncertain),
                    connectionSettings(),
                    connectionPoolSize,
                    maxMessagesPerConnection,
                    connectionIdleTimeout,
                    healthCheckCacheTime,
                    allowPlaintextAuth,
                    capStores());
            return runtimeSettings;
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeException(e);
        }
    }

    private SmtpConnectionSettings connectionSettings() throws Exception {
        SSLContextParameters ssl = sslContextParameters;
        if (ssl == null && useGlobalSslContextParameters) {
            ssl = retrieveGlobalSslContextParameters();
        }
        Set<Integer> implicit = new HashSet<>();
        for (String port : implicitTlsPorts.split(",")) {
            if (!port.isBlank()) {
                try {
                    implicit.add(Integer.parseInt(port.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "implicitTlsPorts is '" + implicitTlsPorts + "'. Give port numbers "
                                    + "separated by commas, for example 465.",
                            e);
                }
            }
        }
        SSLContext tls = ssl != null ? ssl.createSSLContext(getCamelContext()) : null;
        // token endpoints are reached with the same trust and timeouts as the SMTP servers
        OAuth2Tokens oauth2 = new OAuth2Tokens(
                tls,
                Duration.ofMillis(connectTimeout),
                Duration.ofMillis(readTimeout),
                name -> getCamelContext().getRegistry().lookupByNameAndType(name, SmtpAccessTokenProvider.class));
        return new SmtpConnectionSettings(
                connectTimeout,
                readTimeout,
                writeTimeout,
                finalReplyTimeout,
                implicit,
                tls != null ? tls.getSocketFactory() : null,
                scheduler().get(),
                pipelining && connectionPoolSize > 0,
                chunking,
                smtputf8,
                eightBitMime,
                mailRuns,
                oauth2);
    }

    private synchronized SharedScheduler scheduler() {
        if (scheduler == null) {
            scheduler = new SharedScheduler(getCamelContext(), this);
        }
        return scheduler;
    }

    ObjectMapper mapper() {
        return mapper;
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
     * Comma-separated Sesam JSON files of SMTP systems (one object or an array each), as classpath: or file:
     * resources.
     */
    public void setSystemsLocation(String systemsLocation) {
        this.systemsLocation = systemsLocation;
    }

    public String getSecretsDirectory() {
        return secretsDirectory;
    }

    /** A directory of secret files: $SECRET(name) reads the file called name there when no property or variable has it. */
    public void setSecretsDirectory(String secretsDirectory) {
        this.secretsDirectory = secretsDirectory;
    }

    public SecretResolver getSecretResolver() {
        return secretResolver;
    }

    /** Resolves $SECRET(name) instead of the default, which reads a Camel property, an environment variable or a secrets file. */
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

    public long getFinalReplyTimeout() {
        return finalReplyTimeout;
    }

    /**
     * How long to wait for the SMTP server's reply to the end of a mail's data, in milliseconds: 10 minutes, as RFC 5321
     * (4.5.3.2.6) asks, since servers check the whole mail before they answer. A mail whose reply does not come in time
     * may have been delivered: it fails as uncertain and is not sent again (see retryUncertain).
     */
    public void setFinalReplyTimeout(long finalReplyTimeout) {
        this.finalReplyTimeout = finalReplyTimeout;
    }

    public boolean isRetryUncertain() {
        return retryUncertain;
    }

    /**
     * Whether a mail whose outcome is uncertain (the end of its data went to the server, and the connection was lost or
     * the final reply did not come) is retried like a transient failure. Off by default: such a mail may have been
     * delivered, and a retry may deliver a second copy. Turn it on where a duplicate is better than a gap.
     */
    public void setRetryUncertain(boolean retryUncertain) {
        this.retryUncertain = retryUncertain;
    }

    public long getCapPeriod() {
        return capPeriod;
    }

    /** The period of max_per_hour, in milliseconds: one hour. For tests only; a change needs a restart. */
    public void setCapPeriod(long capPeriod) {
        this.capPeriod = capPeriod;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** Trust (and key) material for TLS, for servers whose certificate a private CA signed. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    /** Use Camel's global SSL context parameters when sslContextParameters is not set. */
    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public String getImplicitTlsPorts() {
        return implicitTlsPorts;
    }

    /** Comma-separated ports on which use_tls means TLS from the first byte; on any other port it means STARTTLS, required. */
    public void setImplicitTlsPorts(String implicitTlsPorts) {
        this.implicitTlsPorts = implicitTlsPorts;
    }

    public boolean isAllowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    /**
     * Allow a system with a username and use_tls false to authenticate to a server that is not on this machine,
     * sending the password in clear text. Only for trusted networks.
     */
    public void setAllowPlaintextAuth(boolean allowPlaintextAuth) {
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    public int getMaximumRedeliveries() {
        return maximumRedeliveries;
    }

    /** How many times a transient failure (connection refused, dropped or timed out, SMTP 4xx) is retried; 0 for never. */
    public void setMaximumRedeliveries(int maximumRedeliveries) {
        this.maximumRedeliveries = maximumRedeliveries;
    }

    public long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    /** The delay before the first retry, in milliseconds; each next one is backOffMultiplier times longer. */
    public void setRedeliveryDelay(long redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public double getBackOffMultiplier() {
        return backOffMultiplier;
    }

    /** How much longer each retry waits than the one before. */
    public void setBackOffMultiplier(double backOffMultiplier) {
        this.backOffMultiplier = backOffMultiplier;
    }

    public long getMaximumRedeliveryDelay() {
        return maximumRedeliveryDelay;
    }

    /** The longest wait between two retries, in milliseconds. */
    public void setMaximumRedeliveryDelay(long maximumRedeliveryDelay) {
        this.maximumRedeliveryDelay = maximumRedeliveryDelay;
    }

    public int getConnectionPoolSize() {
        return connectionPoolSize;
    }

    /**
     * How many SMTP connections each system keeps open and reuses; 0 opens a new connection for every message, as
     * camel-mail does.
     */
    public void setConnectionPoolSize(int connectionPoolSize) {
        this.connectionPoolSize = connectionPoolSize;
    }

    public int getMaxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    /** How many messages one connection carries before it is closed and a new one opened. */
    public void setMaxMessagesPerConnection(int maxMessagesPerConnection) {
        this.maxMessagesPerConnection = maxMessagesPerConnection;
    }

    public long getConnectionIdleTimeout() {
        return connectionIdleTimeout;
    }

    /** How long an unused connection stays open, in milliseconds; servers drop idle clients after a few minutes. */
    public void setConnectionIdleTimeout(long connectionIdleTimeout) {
        this.connectionIdleTimeout = connectionIdleTimeout;
    }

    public boolean isPipelining() {
        return pipelining;
    }

    /**
     * Whether pooled connections pipeline commands (RFC 2920) when the server offers PIPELINING: a message then takes
     * two round trips instead of four, and mails waiting for a connection go together in runs, each mail's end with
     * the next mail's commands. Turn it off for a server that offers it but gets it wrong.
     */
    public void setPipelining(boolean pipelining) {
        this.pipelining = pipelining;
    }

    public boolean isChunking() {
        return chunking;
    }

    /**
     * Whether mails go with BDAT (RFC 3030) when the server offers CHUNKING: on a pooled, pipelining connection a mail
     * to one recipient then takes one round trip. Turn it off for a server that offers it but gets it wrong.
     */
    public void setChunking(boolean chunking) {
        this.chunking = chunking;
    }

    public boolean isSmtputf8() {
        return smtputf8;
    }

    /**
     * Whether a mail with an address outside ASCII (one with letters such as å or ø before or after the at sign) goes
     * with SMTPUTF8 (RFC 6531) and UTF-8 headers when the server offers it. Such a mail fails, naming the address, when
     * the server does not offer it or this is off; other mails are sent as before.
     */
    public void setSmtputf8(boolean smtputf8) {
        this.smtputf8 = smtputf8;
    }

    public boolean isEightBitMime() {
        return eightBitMime;
    }

    /**
     * Whether text bodies outside ASCII go unencoded, as 8bit with BODY=8BITMIME (RFC 6152), when the server offers
     * 8BITMIME, rather than quoted-printable or base64.
     */
    public void setEightBitMime(boolean eightBitMime) {
        this.eightBitMime = eightBitMime;
    }

    public boolean isMailRuns() {
        return mailRuns;
    }

    /**
     * Whether mails waiting for one of a system's connections go together, in a run on the next free one, each mail's
     * end pipelined with the next mail's commands (with pipelining on). Off, each mail waits for a connection of its
     * own.
     */
    public void setMailRuns(boolean mailRuns) {
        this.mailRuns = mailRuns;
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

    public String getCapStore() {
        return capStore;
    }

    /**
     * Where the hourly budgets (max_per_hour) live: memory (per JVM, the default); file:directory (survives restarts of
     * this application); redis://host:port (a Redis URI, with user:password and a /db number where Redis URIs have
     * them) or rediss://... (TLS); jdbc:url (PostgreSQL; with capStoreUsername and capStorePassword); or #bean, a
     * javax.sql.DataSource or an HourlyCapStore. A shared store is keyed by the system _id: every application on it
     * shares one budget per system. A store that fails makes mails fail, never pass uncapped. May hold $ENV(name) and
     * $SECRET(name).
     */
    public void setCapStore(String capStore) {
        this.capStore = capStore;
    }

    public String getCapStoreKeyPrefix() {
        return capStoreKeyPrefix;
    }

    /** What the store's key of a system's budget starts with, before the system _id. */
    public void setCapStoreKeyPrefix(String capStoreKeyPrefix) {
        this.capStoreKeyPrefix = capStoreKeyPrefix;
    }

    public String getCapStoreUsername() {
        return capStoreUsername;
    }

    /** The database user of a jdbc: cap store. */
    public void setCapStoreUsername(String capStoreUsername) {
        this.capStoreUsername = capStoreUsername;
    }

    public String getCapStorePassword() {
        return capStorePassword;
    }

    /** The database password of a jdbc: cap store. May hold $SECRET(name). */
    public void setCapStorePassword(String capStorePassword) {
        this.capStorePassword = capStorePassword;
    }

    public String getCapStoreTable() {
        return capStoreTable;
    }

    /**
     * The table of a jdbc: or DataSource cap store, created if missing, with a second table and a function named after
     * it: table_keys and table_take.
     */
    public void setCapStoreTable(String capStoreTable) {
        this.capStoreTable = capStoreTable;
    }

    public long getMaxMailSize() {
        return maxMailSize;
    }

    /**
     * The largest mail, in bytes as it goes to the server, attachments included; a larger mail fails its entity before
     * anything is sent. 0 sets no limit of its own; a server's EHLO SIZE limit holds either way.
     */
    public void setMaxMailSize(long maxMailSize) {
        this.maxMailSize = maxMailSize;
    }
}
