package io.github.camelsmtpsystem.springboot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelsmtpsystem.SmtpSystemConfiguration;
import io.github.camelsmtpsystem.system.SecretResolver;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The smtp-system component's options, and SMTP systems defined in Spring properties, under
 * {@code camel.component.smtp-system}. Options left unset keep the component's defaults.
 */
@ConfigurationProperties(prefix = SmtpSystemComponentProperties.PREFIX)
public class SmtpSystemComponentProperties {

    /** The prefix of every key. */
    public static final String PREFIX = "camel.component.smtp-system";

    /**
     * Whether to enable auto configuration of the smtp-system component. This is enabled by default.
     */
    private Boolean enabled;

    /**
     * SMTP systems, by their _id. For instance 'camel.component.smtp-system.systems.our-smtp-server.smtp-server=smtp.example.com'.
     * Write an id that holds a dot in brackets: 'systems[our.smtp].smtp-server'.
     */
    private final Map<String, SystemDefinitionProperties> systems = new LinkedHashMap<>();

    /**
     * Comma-separated Sesam JSON files of SMTP systems (one object or an array each), as classpath: or file:
     * resources. For instance 'classpath:smtp-systems.json'.
     */
    private String systemsLocation;

    /**
     * A directory of secret files: $SECRET(name) in a systems file reads the file 'name' there when no property or
     * environment variable has it. For instance '/run/secrets'.
     */
    private String secretsDirectory;

    /**
     * Resolves $SECRET(name) in systems files instead of the default (Camel property, environment variable, secrets
     * directory). A reference to a bean, for instance '#bean:vaultSecrets'.
     */
    private SecretResolver secretResolver;

    /**
     * How long to wait for the SMTP server to accept a connection.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * How long to wait for each reply of the SMTP server.
     */
    private Duration readTimeout = Duration.ofSeconds(30);

    /**
     * How long one write to the SMTP server may block.
     */
    private Duration writeTimeout = Duration.ofSeconds(30);

    /**
     * How long to wait for the SMTP server's reply to the end of a mail's data: 10 minutes, as RFC 5321 asks. A mail
     * whose reply does not come in time may have been delivered: it fails as uncertain and is not sent again.
     */
    private Duration finalReplyTimeout = Duration.ofMinutes(10);

    /**
     * The period of max-per-hour: one hour. For tests only; a change needs a restart.
     */
    private Duration capPeriod = Duration.ofHours(1);

    /**
     * Where the hourly budgets (max-per-hour) live: memory (per JVM, the default); file:directory (survives restarts
     * of this application); redis://[[user]:password@]host:port[/db] or rediss://... (TLS); jdbc:url (PostgreSQL, with
     * cap-store-username and cap-store-password); or #bean, a javax.sql.DataSource or an HourlyCapStore. A shared
     * store is keyed by the system _id: every application on it shares one budget per system. A store that fails
     * makes mails fail, never pass uncapped. May hold $ENV(name) and $SECRET(name).
     */
    private String capStore = "memory";

    /**
     * What the store's key of a system's budget starts with, before the system _id.
     */
    private String capStoreKeyPrefix = "smtp-system:";

    /**
     * The database user of a jdbc: cap store.
     */
    private String capStoreUsername;

    /**
     * The database password of a jdbc: cap store. May hold $SECRET(name).
     */
    private String capStorePassword;

    /**
     * The table of a jdbc: or DataSource cap store, created if missing, with a second table and a function named
     * after it: table_keys and table_take.
     */
    private String capStoreTable = "smtp_system_cap";

    /**
     * How long the health check of a system reuses its last result before it connects to the server again; 0
     * connects on every check.
     */
    private Duration healthCheckCacheTime = Duration.ofSeconds(30);

    /**
     * Trust (and key) material for TLS, for servers whose certificate a private CA signed: a reference to a Camel
     * SSLContextParameters bean, for instance '#bean:mailTls'.
     */
    private SSLContextParameters sslContextParameters;

    /**
     * Use Camel's global SSL context parameters when ssl-context-parameters is not set.
     */
    private Boolean useGlobalSslContextParameters = false;

    /**
     * Comma-separated ports on which use-tls means TLS from the first byte; on any other port it means STARTTLS,
     * required.
     */
    private String implicitTlsPorts = "465";

    /**
     * Allow a system with a username and use-tls false to authenticate to a server that is not on this machine,
     * sending the password in clear text. Only for trusted networks.
     */
    private Boolean allowPlaintextAuth = false;

    /**
     * How many times a transient failure (connection refused, dropped or timed out, SMTP 4xx) is retried; 0 for
     * never.
     */
    private Integer maximumRedeliveries = 3;

    /**
     * The delay before the first retry; each next one is back-off-multiplier times longer.
     */
    private Duration redeliveryDelay = Duration.ofSeconds(1);

    /**
     * How much longer each retry waits than the one before.
     */
    private Double backOffMultiplier = 2.0;

    /**
     * The longest wait between two retries.
     */
    private Duration maximumRedeliveryDelay = Duration.ofSeconds(30);

    /**
     * Whether a mail whose outcome is uncertain (its end of data went to the server, no final reply came) is retried
     * too, at the risk of a second copy. For instance, 'true' where a duplicate is better than a gap.
     */
    private Boolean retryUncertain = false;

    /**
     * How many SMTP connections each system keeps open and reuses; 0 opens a new connection for every message, as
     * camel-mail does.
     */
    private Integer connectionPoolSize = 2;

    /**
     * How many messages one connection carries before it is closed and a new one opened.
     */
    private Integer maxMessagesPerConnection = 100;

    /**
     * How long an unused connection stays open; servers drop idle clients after a few minutes.
     */
    private Duration connectionIdleTimeout = Duration.ofSeconds(60);

    /**
     * Whether pooled connections pipeline commands (RFC 2920) when the server offers PIPELINING: a message then takes
     * two round trips instead of four, and mails waiting for a connection go together in runs, each mail's end with
     * the next mail's commands. Turn it off for a server that offers it but gets it wrong.
     */
    private Boolean pipelining = true;

    /**
     * Whether mails go with BDAT (RFC 3030) when the server offers CHUNKING: on a pooled, pipelining connection a mail
     * to one recipient then takes one round trip. Turn it off for a server that offers it but gets it wrong.
     */
    private Boolean chunking = true;

    /**
     * Whether a mail with an address outside ASCII (åse@example.com) goes with SMTPUTF8 (RFC 6531) and UTF-8 headers
     * when the server offers it. Such a mail fails, naming the address, when the server does not offer it or this is
     * off; other mails are sent as before.
     */
    private Boolean smtputf8 = true;

    /**
     * Whether text bodies outside ASCII go unencoded, as 8bit with BODY=8BITMIME (RFC 6152), when the server offers
     * 8BITMIME, rather than quoted-printable or base64.
     */
    private Boolean eightBitMime = true;

    /**
     * Whether mails waiting for one of a system's connections go together, in a run on the next free one, each mail's
     * end pipelined with the next mail's commands (with pipelining on). Off, each mail waits for a connection of its
     * own.
     */
    private Boolean mailRuns = true;

    /**
     * The largest mail, in bytes as it goes to the server, attachments included; a larger mail fails its entity before
     * anything is sent. 0 sets no limit of its own; a server's EHLO SIZE limit holds either way.
     */
    private Long maxMailSize = 0L;

    /**
     * Default endpoint options, copied to every endpoint: a reference to a SmtpSystemConfiguration bean, for instance
     * '#bean:mailDefaults'. The options below override single values.
     */
    private SmtpSystemConfiguration configuration;

    /**
     * The sender address of every mail, for instance 'noreply@example.com'.
     */
    private String mailFrom;

    /**
     * Fixed recipients, comma-separated. When not set, each entity's recipients-property gives them.
     */
    private String recipients;

    /**
     * The entity property that holds the recipients: a comma-separated string or a JSON list.
     */
    private String recipientsProperty;

    /**
     * The Jinja template of the subject. 'resource:classpath:mail/subject.j2' loads it from a file; in an inline
     * template write [[ x ]] for {{ x }}.
     */
    private String subjectTemplate;

    /**
     * The entity property that holds the subject template (when subject-template is not set).
     */
    private String subjectTemplateProperty;

    /**
     * The Jinja template of the body (HTML when text-body-template is set too). 'resource:classpath:mail/body.j2'
     * loads it from a file; in an inline template write [[ x ]] for {{ x }}.
     */
    private String bodyTemplate;

    /**
     * The entity property that holds the body template (when body-template is not set).
     */
    private String bodyTemplateProperty;

    /**
     * The Jinja template of the plain-text alternative. 'resource:...' loads it; in an inline template write [[ x ]]
     * for {{ x }}.
     */
    private String textBodyTemplate;

    /**
     * The entity property that holds the text body template (when text-body-template is not set).
     */
    private String textBodyTemplateProperty;

    /**
     * What a variable the entity lacks renders to: 'debug' keeps the literal {{name}}, 'empty_string' renders
     * nothing, 'strict' fails the entity.
     */
    private String unhandledTemplateVariableReplacement;

    /**
     * A Sesam mail sink (or a pipe with a sink) as JSON with Sesam's snake_case names, for instance
     * 'resource:classpath:mail-sink.json'. Options set on the endpoint win over it.
     */
    private String sinkConfig;

    /**
     * Send mails for deleted entities (_deleted: true) too, instead of skipping them.
     */
    private Boolean sendDeleted = false;

    /**
     * Send the entities of a batch one at a time, each waiting for its reply, instead of in pipelined runs; a batch then
     * stops at its first failure.
     */
    private Boolean sendOneByOne = false;

    /**
     * An endpoint that also receives each mail discarded over max-per-hour (the body is the MimeMessage). For
     * instance 'log:discarded' or 'seda:discarded'.
     */
    private String discardedUri;

    /**
     * Render and check every mail and log it, but send nothing.
     */
    private Boolean dryRun = false;

    /**
     * With dry-run: also write each mail as an .eml file in this directory.
     */
    private String dryRunDirectory;

    /**
     * Fixed attachments of every mail: a JSON list of objects with filename, content_type, content_id and one of
     * base64, text or resource, or 'resource:classpath:mail/attachments.json' naming a file that holds that list. When
     * not set, each entity's attachments-property gives them.
     */
    private String attachments;

    /**
     * The entity property that holds the mail's attachments (when attachments is not set), 'attachments' by default.
     */
    private String attachmentsProperty;

    /**
     * Whether an entity's attachments may name a resource (resource:file:... or resource:classpath:...). Off: an
     * entity could attach any file the JVM can read. Turn it on only for entities from a trusted source.
     */
    private Boolean entityAttachmentResources = false;

    /**
     * The most characters one template may render to; longer fails the entity.
     */
    private Long maxRenderedLength = 1_000_000L;

    /**
     * How long one template may take to render; longer fails the entity.
     */
    private Duration renderTimeout = Duration.ofSeconds(2);

    /**
     * Defines the system on every endpoint: the SMTP server's host name. Prefer systems.<id>.smtp-server.
     */
    private String smtpServer;

    /**
     * Defines the system on every endpoint: the SMTP server's port. Prefer systems.<id>.smtp-port.
     */
    private Integer smtpPort;

    /**
     * Defines the system on every endpoint: the user to authenticate as. Prefer systems.<id>.smtp-username.
     */
    private String smtpUsername;

    /**
     * Defines the system on every endpoint: the password, required with smtp-username. Prefer
     * systems.<id>.smtp-password.
     */
    private String smtpPassword;

    /**
     * Defines the system on every endpoint: use TLS (implicit on port 465, required STARTTLS on any other port).
     * Prefer systems.<id>.use-tls.
     */
    private Boolean useTls;

    /**
     * Defines the system on every endpoint: the most mails sent in any hour; the rest are logged and discarded.
     * Prefer systems.<id>.max-per-hour.
     */
    private Integer maxPerHour;

    /**
     * Defines the system on every endpoint: the OAuth2 token endpoint; sign in with XOAUTH2. Prefer
     * systems.<id>.smtp-oauth2-token-url.
     */
    private String smtpOauth2TokenUrl;

    /**
     * Defines the system on every endpoint: the OAuth2 client id. Prefer systems.<id>.smtp-oauth2-client-id.
     */
    private String smtpOauth2ClientId;

    /**
     * Defines the system on every endpoint: the OAuth2 client secret. Prefer systems.<id>.smtp-oauth2-client-secret.
     */
    private String smtpOauth2ClientSecret;

    /**
     * Defines the system on every endpoint: the OAuth2 scope. Prefer systems.<id>.smtp-oauth2-scope.
     */
    private String smtpOauth2Scope;

    /**
     * Defines the system on every endpoint: the OAuth2 refresh token. Prefer systems.<id>.smtp-oauth2-refresh-token.
     */
    private String smtpOauth2RefreshToken;

    /**
     * Defines the system on every endpoint: 'post' (client_secret_post) or 'basic' (client_secret_basic). Prefer
     * systems.<id>.smtp-oauth2-client-auth.
     */
    private String smtpOauth2ClientAuth;

    /**
     * Whether the producer should be started lazy (on the first message), so that a producer that fails to start
     * fails the message rather than the route's start.
     */
    private Boolean lazyStartProducer = false;

    /**
     * Whether autowiring is enabled: options marked as autowired are set from a single matching bean in the registry.
     */
    private Boolean autowiredEnabled = true;

    // Cc, Bcc, Reply-To, extra headers, bounce address and delivery status notifications

    /**
     * Fixed Cc addresses, comma-separated; may be a template, for instance '[[ manager_email ]]'. When not set, each
     * entity's cc-property gives them.
     */
    private String cc;

    /**
     * The entity property that holds the Cc addresses: a comma-separated string or a JSON list.
     */
    private String ccProperty;

    /**
     * Fixed Bcc addresses, comma-separated; may be a template. They go in the SMTP envelope only, never in a header.
     * When not set, each entity's bcc-property gives them.
     */
    private String bcc;

    /**
     * The entity property that holds the Bcc addresses: a comma-separated string or a JSON list.
     */
    private String bccProperty;

    /**
     * Fixed Reply-To addresses, comma-separated; may be a template, for instance 'support@example.com'. When not set,
     * each entity's reply-to-property gives them.
     */
    private String replyTo;

    /**
     * The entity property that holds the Reply-To addresses: a comma-separated string or a JSON list.
     */
    private String replyToProperty;

    /**
     * More headers for every mail, by name, each value a template rendered from the entity; for instance
     * 'headers[List-Unsubscribe]=<https://example.com/unsubscribe/[[ _id ]]>'. Headers the component writes itself
     * (From, To, Cc, Bcc, Reply-To, Subject, Date, Message-ID, MIME-Version, Content-*) are refused.
     */
    private Map<String, String> headers;

    /**
     * The bounce address: the SMTP envelope sender (MAIL FROM) when it is not mail-from, for instance
     * 'bounces@example.com'; may be a template.
     */
    private String envelopeFrom;

    /**
     * Delivery status notifications (RFC 3461) asked for each recipient when the server offers DSN: 'never', or a
     * comma-separated list of 'success', 'failure' and 'delay'. Reports go to envelope-from (else mail-from).
     */
    private String dsnNotify;

    /**
     * What a delivery status notification returns of the mail, when the server offers DSN: 'full' or 'headers'.
     */
    private String dsnRet;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, SystemDefinitionProperties> getSystems() {
        return systems;
    }

    public String getSystemsLocation() {
        return systemsLocation;
    }

    public void setSystemsLocation(String systemsLocation) {
        this.systemsLocation = systemsLocation;
    }

    public String getSecretsDirectory() {
        return secretsDirectory;
    }

    public void setSecretsDirectory(String secretsDirectory) {
        this.secretsDirectory = secretsDirectory;
    }

    public SecretResolver getSecretResolver() {
        return secretResolver;
    }

    public void setSecretResolver(SecretResolver secretResolver) {
        this.secretResolver = secretResolver;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public Duration getCapPeriod() {
        return capPeriod;
    }

    public void setCapPeriod(Duration capPeriod) {
        this.capPeriod = capPeriod;
    }

    public String getCapStore() {
        return capStore;
    }

    public void setCapStore(String capStore) {
        this.capStore = capStore;
    }

    public String getCapStoreKeyPrefix() {
        return capStoreKeyPrefix;
    }

    public void setCapStoreKeyPrefix(String capStoreKeyPrefix) {
        this.capStoreKeyPrefix = capStoreKeyPrefix;
    }

    public String getCapStoreUsername() {
        return capStoreUsername;
    }

    public void setCapStoreUsername(String capStoreUsername) {
        this.capStoreUsername = capStoreUsername;
    }

    public String getCapStorePassword() {
        return capStorePassword;
    }

    public void setCapStorePassword(String capStorePassword) {
        this.capStorePassword = capStorePassword;
    }

    public String getCapStoreTable() {
        return capStoreTable;
    }

    public void setCapStoreTable(String capStoreTable) {
        this.capStoreTable = capStoreTable;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Boolean getUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(Boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public String getImplicitTlsPorts() {
        return implicitTlsPorts;
    }

    public void setImplicitTlsPorts(String implicitTlsPorts) {
        this.implicitTlsPorts = implicitTlsPorts;
    }

    public Boolean getAllowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) {
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    public Integer getMaximumRedeliveries() {
        return maximumRedeliveries;
    }

    public void setMaximumRedeliveries(Integer maximumRedeliveries) {
        this.maximumRedeliveries = maximumRedeliveries;
    }

    public Duration getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(Duration redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public Double getBackOffMultiplier() {
        return backOffMultiplier;
    }

    public void setBackOffMultiplier(Double backOffMultiplier) {
        this.backOffMultiplier = backOffMultiplier;
    }

    public Duration getMaximumRedeliveryDelay() {
        return maximumRedeliveryDelay;
    }

    public void setMaximumRedeliveryDelay(Duration maximumRedeliveryDelay) {
        this.maximumRedeliveryDelay = maximumRedeliveryDelay;
    }

    public Duration getFinalReplyTimeout() {
        return finalReplyTimeout;
    }

    public void setFinalReplyTimeout(Duration finalReplyTimeout) {
        this.finalReplyTimeout = finalReplyTimeout;
    }

    public Boolean getRetryUncertain() {
        return retryUncertain;
    }

    public void setRetryUncertain(Boolean retryUncertain) {
        this.retryUncertain = retryUncertain;
    }

    public Integer getConnectionPoolSize() {
        return connectionPoolSize;
    }

    public void setConnectionPoolSize(Integer connectionPoolSize) {
        this.connectionPoolSize = connectionPoolSize;
    }

    public Integer getMaxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    public void setMaxMessagesPerConnection(Integer maxMessagesPerConnection) {
        this.maxMessagesPerConnection = maxMessagesPerConnection;
    }

    public Duration getConnectionIdleTimeout() {
        return connectionIdleTimeout;
    }

    public void setConnectionIdleTimeout(Duration connectionIdleTimeout) {
        this.connectionIdleTimeout = connectionIdleTimeout;
    }

    public Boolean getPipelining() {
        return pipelining;
    }

    public void setPipelining(Boolean pipelining) {
        this.pipelining = pipelining;
    }

    public Boolean getChunking() {
        return chunking;
    }

    public void setChunking(Boolean chunking) {
        this.chunking = chunking;
    }

    public Boolean getSmtputf8() {
        return smtputf8;
    }

    public void setSmtputf8(Boolean smtputf8) {
        this.smtputf8 = smtputf8;
    }

    public Boolean getEightBitMime() {
        return eightBitMime;
    }

    public void setEightBitMime(Boolean eightBitMime) {
        this.eightBitMime = eightBitMime;
    }

    public Boolean getMailRuns() {
        return mailRuns;
    }

    public void setMailRuns(Boolean mailRuns) {
        this.mailRuns = mailRuns;
    }

    public Long getMaxMailSize() {
        return maxMailSize;
    }

    public void setMaxMailSize(Long maxMailSize) {
        this.maxMailSize = maxMailSize;
    }

    public Duration getHealthCheckCacheTime() {
        return healthCheckCacheTime;
    }

    public void setHealthCheckCacheTime(Duration healthCheckCacheTime) {
        this.healthCheckCacheTime = healthCheckCacheTime;
    }

    public SmtpSystemConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmtpSystemConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getMailFrom() {
        return mailFrom;
    }

    public void setMailFrom(String mailFrom) {
        this.mailFrom = mailFrom;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getRecipientsProperty() {
        return recipientsProperty;
    }

    public void setRecipientsProperty(String recipientsProperty) {
        this.recipientsProperty = recipientsProperty;
    }

    public String getSubjectTemplate() {
        return subjectTemplate;
    }

    public void setSubjectTemplate(String subjectTemplate) {
        this.subjectTemplate = subjectTemplate;
    }

    public String getSubjectTemplateProperty() {
        return subjectTemplateProperty;
    }

    public void setSubjectTemplateProperty(String subjectTemplateProperty) {
        this.subjectTemplateProperty = subjectTemplateProperty;
    }

    public String getBodyTemplate() {
        return bodyTemplate;
    }

    public void setBodyTemplate(String bodyTemplate) {
        this.bodyTemplate = bodyTemplate;
    }

    public String getBodyTemplateProperty() {
        return bodyTemplateProperty;
    }

    public void setBodyTemplateProperty(String bodyTemplateProperty) {
        this.bodyTemplateProperty = bodyTemplateProperty;
    }

    public String getTextBodyTemplate() {
        return textBodyTemplate;
    }

    public void setTextBodyTemplate(String textBodyTemplate) {
        this.textBodyTemplate = textBodyTemplate;
    }

    public String getTextBodyTemplateProperty() {
        return textBodyTemplateProperty;
    }

    public void setTextBodyTemplateProperty(String textBodyTemplateProperty) {
        this.textBodyTemplateProperty = textBodyTemplateProperty;
    }

    public String getUnhandledTemplateVariableReplacement() {
        return unhandledTemplateVariableReplacement;
    }

    public void setUnhandledTemplateVariableReplacement(String unhandledTemplateVariableReplacement) {
        this.unhandledTemplateVariableReplacement = unhandledTemplateVariableReplacement;
    }

    public String getSinkConfig() {
        return sinkConfig;
    }

    public void setSinkConfig(String sinkConfig) {
        this.sinkConfig = sinkConfig;
    }

    public Boolean getSendOneByOne() {
        return sendOneByOne;
    }

    public void setSendOneByOne(Boolean sendOneByOne) {
        this.sendOneByOne = sendOneByOne;
    }

    public Boolean getSendDeleted() {
        return sendDeleted;
    }

    public void setSendDeleted(Boolean sendDeleted) {
        this.sendDeleted = sendDeleted;
    }

    public String getDiscardedUri() {
        return discardedUri;
    }

    public void setDiscardedUri(String discardedUri) {
        this.discardedUri = discardedUri;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getDryRunDirectory() {
        return dryRunDirectory;
    }

    public void setDryRunDirectory(String dryRunDirectory) {
        this.dryRunDirectory = dryRunDirectory;
    }

    public String getAttachments() {
        return attachments;
    }

    public void setAttachments(String attachments) {
        this.attachments = attachments;
    }

    public String getAttachmentsProperty() {
        return attachmentsProperty;
    }

    public void setAttachmentsProperty(String attachmentsProperty) {
        this.attachmentsProperty = attachmentsProperty;
    }

    public Boolean getEntityAttachmentResources() {
        return entityAttachmentResources;
    }

    public void setEntityAttachmentResources(Boolean entityAttachmentResources) {
        this.entityAttachmentResources = entityAttachmentResources;
    }

    public Long getMaxRenderedLength() {
        return maxRenderedLength;
    }

    public void setMaxRenderedLength(Long maxRenderedLength) {
        this.maxRenderedLength = maxRenderedLength;
    }

    public Duration getRenderTimeout() {
        return renderTimeout;
    }

    public void setRenderTimeout(Duration renderTimeout) {
        this.renderTimeout = renderTimeout;
    }

    public String getSmtpServer() {
        return smtpServer;
    }

    public void setSmtpServer(String smtpServer) {
        this.smtpServer = smtpServer;
    }

    public Integer getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(Integer smtpPort) {
        this.smtpPort = smtpPort;
    }

    public String getSmtpUsername() {
        return smtpUsername;
    }

    public void setSmtpUsername(String smtpUsername) {
        this.smtpUsername = smtpUsername;
    }

    public String getSmtpPassword() {
        return smtpPassword;
    }

    public void setSmtpPassword(String smtpPassword) {
        this.smtpPassword = smtpPassword;
    }

    public Boolean getUseTls() {
        return useTls;
    }

    public void setUseTls(Boolean useTls) {
        this.useTls = useTls;
    }

    public Integer getMaxPerHour() {
        return maxPerHour;
    }

    public void setMaxPerHour(Integer maxPerHour) {
        this.maxPerHour = maxPerHour;
    }

    public String getSmtpOauth2TokenUrl() {
        return smtpOauth2TokenUrl;
    }

    public void setSmtpOauth2TokenUrl(String smtpOauth2TokenUrl) {
        this.smtpOauth2TokenUrl = smtpOauth2TokenUrl;
    }

    public String getSmtpOauth2ClientId() {
        return smtpOauth2ClientId;
    }

    public void setSmtpOauth2ClientId(String smtpOauth2ClientId) {
        this.smtpOauth2ClientId = smtpOauth2ClientId;
    }

    public String getSmtpOauth2ClientSecret() {
        return smtpOauth2ClientSecret;
    }

    public void setSmtpOauth2ClientSecret(String smtpOauth2ClientSecret) {
        this.smtpOauth2ClientSecret = smtpOauth2ClientSecret;
    }

    public String getSmtpOauth2Scope() {
        return smtpOauth2Scope;
    }

    public void setSmtpOauth2Scope(String smtpOauth2Scope) {
        this.smtpOauth2Scope = smtpOauth2Scope;
    }

    public String getSmtpOauth2RefreshToken() {
        return smtpOauth2RefreshToken;
    }

    public void setSmtpOauth2RefreshToken(String smtpOauth2RefreshToken) {
        this.smtpOauth2RefreshToken = smtpOauth2RefreshToken;
    }

    public String getSmtpOauth2ClientAuth() {
        return smtpOauth2ClientAuth;
    }

    public void setSmtpOauth2ClientAuth(String smtpOauth2ClientAuth) {
        this.smtpOauth2ClientAuth = smtpOauth2ClientAuth;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public String getCc() {
        return cc;
    }

    public void setCc(String cc) {
        this.cc = cc;
    }

    public String getCcProperty() {
        return ccProperty;
    }

    public void setCcProperty(String ccProperty) {
        this.ccProperty = ccProperty;
    }

    public String getBcc() {
        return bcc;
    }

    public void setBcc(String bcc) {
        this.bcc = bcc;
    }

    public String getBccProperty() {
        return bccProperty;
    }

    public void setBccProperty(String bccProperty) {
        this.bccProperty = bccProperty;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getReplyToProperty() {
        return replyToProperty;
    }

    public void setReplyToProperty(String replyToProperty) {
        this.replyToProperty = replyToProperty;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public String getEnvelopeFrom() {
        return envelopeFrom;
    }

    public void setEnvelopeFrom(String envelopeFrom) {
        this.envelopeFrom = envelopeFrom;
    }

    public String getDsnNotify() {
        return dsnNotify;
    }

    public void setDsnNotify(String dsnNotify) {
        this.dsnNotify = dsnNotify;
    }

    public String getDsnRet() {
        return dsnRet;
    }

    public void setDsnRet(String dsnRet) {
        this.dsnRet = dsnRet;
    }
}
