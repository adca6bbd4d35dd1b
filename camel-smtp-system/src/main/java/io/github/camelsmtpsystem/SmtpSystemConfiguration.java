package io.github.camelsmtpsystem;

import java.util.Map;

import io.github.camelsmtpsystem.internal.mail.MailSink;
import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.github.camelsmtpsystem.system.SystemProperty;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an smtp-system endpoint: Sesam's mail sink, in camelCase, and optionally the SMTP system itself.
 */
@UriParams
public class SmtpSystemConfiguration implements Cloneable {

    @UriParam(label = "system", defaultValue = "localhost")
    private String smtpServer;

    @UriParam(label = "system", defaultValue = "25")
    private Integer smtpPort;

    @UriParam(label = "system,security", secret = true)
    private String smtpUsername;

    @UriParam(label = "system,security", secret = true)
    private String smtpPassword;

    @UriParam(label = "system", defaultValue = "false")
    private Boolean useTls;

    @UriParam(label = "system", defaultValue = "1000")
    private Integer maxPerHour;

    @UriParam(label = "system,security")
    private String smtpOauth2TokenUrl;

    @UriParam(label = "system,security")
    private String smtpOauth2ClientId;

    @UriParam(label = "system,security", secret = true)
    private String smtpOauth2ClientSecret;

    @UriParam(label = "system,security")
    private String smtpOauth2Scope;

    @UriParam(label = "system,security", secret = true)
    private String smtpOauth2RefreshToken;

    @UriParam(label = "system,security", defaultValue = "post", enums = "post,basic")
    private String smtpOauth2ClientAuth;

    @UriParam
    private String mailFrom;

    @UriParam
    private String recipients;

    @UriParam(defaultValue = MailSink.DEFAULT_RECIPIENTS_PROPERTY)
    private String recipientsProperty;

    @UriParam
    private String subjectTemplate;

    @UriParam(defaultValue = MailSink.DEFAULT_SUBJECT_TEMPLATE_PROPERTY)
    private String subjectTemplateProperty;

    @UriParam
    private String bodyTemplate;

    @UriParam(defaultValue = MailSink.DEFAULT_BODY_TEMPLATE_PROPERTY)
    private String bodyTemplateProperty;

    @UriParam
    private String textBodyTemplate;

    @UriParam(defaultValue = MailSink.DEFAULT_TEXT_BODY_TEMPLATE_PROPERTY)
    private String textBodyTemplateProperty;

    @UriParam(defaultValue = "debug", enums = "debug,empty_string,strict")
    private String unhandledTemplateVariableReplacement;

    @UriParam
    private String sinkConfig;

    @UriParam(defaultValue = "false")
    private boolean sendDeleted;

    @UriParam
    private String discardedUri;

    @UriParam(defaultValue = "false")
    private boolean sendOneByOne;

    @UriParam(defaultValue = "false")
    private boolean dryRun;

    @UriParam
    private String dryRunDirectory;

    @UriParam(label = "advanced", defaultValue = "1000000")
    private long maxRenderedLength = 1_000_000;

    @UriParam(label = "advanced", defaultValue = "2000", javaType = "java.time.Duration")
    private long renderTimeout = 2000;

    /** Whether any of the system options is set, so that this endpoint defines its system itself. */
    public boolean definesSystem() {
        return smtpServer != null
                || smtpPort != null
                || smtpUsername != null
                || smtpPassword != null
                || useTls != null
                || maxPerHour != null
                || smtpOauth2TokenUrl != null
                || smtpOauth2ClientId != null
                || smtpOauth2ClientSecret != null
                || smtpOauth2Scope != null
                || smtpOauth2RefreshToken != null
                || smtpOauth2ClientAuth != null;
    }

    /**
     * The system these options define. Text options may hold {@code $ENV(name)} and {@code $SECRET(name)}, so that a
     * password never has to stand in a URI: Camel's own DEBUG and TRACE logs show endpoint parameters.
     */
    public SmtpSystemConfig toSystem(String systemId, String endpoint, ConfigValueResolver values) {
        ConfigSource source = ConfigSource.camel("the options of endpoint " + endpoint);
        SmtpSystemConfig.Builder builder = SmtpSystemConfig.builder(systemId);
        Map.of(
                        SystemProperty.SMTP_SERVER, String.valueOf(smtpServer),
                        SystemProperty.SMTP_USERNAME, String.valueOf(smtpUsername),
                        SystemProperty.SMTP_PASSWORD, String.valueOf(smtpPassword),
                        SystemProperty.SMTP_OAUTH2_TOKEN_URL, String.valueOf(smtpOauth2TokenUrl),
                        SystemProperty.SMTP_OAUTH2_CLIENT_ID, String.valueOf(smtpOauth2ClientId),
                        SystemProperty.SMTP_OAUTH2_CLIENT_SECRET, String.valueOf(smtpOauth2ClientSecret),
                        SystemProperty.SMTP_OAUTH2_SCOPE, String.valueOf(smtpOauth2Scope),
                        SystemProperty.SMTP_OAUTH2_REFRESH_TOKEN, String.valueOf(smtpOauth2RefreshToken),
                        SystemProperty.SMTP_OAUTH2_CLIENT_AUTH, String.valueOf(smtpOauth2ClientAuth))
                .forEach((property, raw) -> {
                    // a value from $SECRET is shown nowhere, whichever property it is
                    if (raw.contains("$SECRET(")) {
                        builder.origin(property, source, true);
                    }
                });
        return builder.smtpServer(resolve(values, smtpServer, SystemProperty.SMTP_SERVER, systemId, source))
                .smtpPort(smtpPort)
                .smtpUsername(resolve(values, smtpUsername, SystemProperty.SMTP_USERNAME, systemId, source))
                .smtpPassword(resolve(values, smtpPassword, SystemProperty.SMTP_PASSWORD, systemId, source))
                .useTls(useTls)
                .maxPerHour(maxPerHour)
                .smtpOauth2TokenUrl(
                        resolve(values, smtpOauth2TokenUrl, SystemProperty.SMTP_OAUTH2_TOKEN_URL, systemId, source))
                .smtpOauth2ClientId(
                        resolve(values, smtpOauth2ClientId, SystemProperty.SMTP_OAUTH2_CLIENT_ID, systemId, source))
                .smtpOauth2ClientSecret(resolve(
                        values, smtpOauth2ClientSecret, SystemProperty.SMTP_OAUTH2_CLIENT_SECRET, systemId, source))
                .smtpOauth2Scope(resolve(values, smtpOauth2Scope, SystemProperty.SMTP_OAUTH2_SCOPE, systemId, source))
                .smtpOauth2RefreshToken(resolve(
                        values, smtpOauth2RefreshToken, SystemProperty.SMTP_OAUTH2_REFRESH_TOKEN, systemId, source))
                .smtpOauth2ClientAuth(
                        resolve(values, smtpOauth2ClientAuth, SystemProperty.SMTP_OAUTH2_CLIENT_AUTH, systemId, source))
                .source(source)
                .build();
    }

    private static String resolve(
            ConfigValueResolver values, String value, SystemProperty property, String systemId, ConfigSource source) {
        if (value == null || !ConfigValueResolver.hasToken(value)) {
            return value;
        }
        try {
            return values.resolve(value).value();
        } catch (IllegalArgumentException e) {
            throw new SmtpSystemConfigException(
                    "SMTP system '" + systemId + "' in " + source + ": " + source.nameOf(property) + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** A copy whose changes do not reach this one. */
    public SmtpSystemConfiguration copy() {
        try {
            return (SmtpSystemConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getSmtpServer() {
        return smtpServer;
    }

    /** Defines the system on the endpoint itself: the SMTP server's host name. */
    public void setSmtpServer(String smtpServer) {
        this.smtpServer = smtpServer;
    }

    public Integer getSmtpPort() {
        return smtpPort;
    }

    /** Defines the system on the endpoint itself: the SMTP server's port. */
    public void setSmtpPort(Integer smtpPort) {
        this.smtpPort = smtpPort;
    }

    public String getSmtpUsername() {
        return smtpUsername;
    }

    /** Defines the system on the endpoint itself: the user to authenticate as; none means no authentication. */
    public void setSmtpUsername(String smtpUsername) {
        this.smtpUsername = smtpUsername;
    }

    public String getSmtpPassword() {
        return smtpPassword;
    }

    /**
     * Defines the system on the endpoint itself: the password, required with smtpUsername. Write $SECRET(name) here,
     * never the password itself: Camel logs endpoint parameters at DEBUG.
     */
    public void setSmtpPassword(String smtpPassword) {
        this.smtpPassword = smtpPassword;
    }

    public Boolean getUseTls() {
        return useTls;
    }

    /**
     * Defines the system on the endpoint itself: use TLS, implicit on port 465 and required STARTTLS on any other
     * port.
     */
    public void setUseTls(Boolean useTls) {
        this.useTls = useTls;
    }

    public Integer getMaxPerHour() {
        return maxPerHour;
    }

    /**
     * Defines the system on the endpoint itself: the most mails sent in any rolling hour; the rest are logged and
     * discarded. 0 discards every mail.
     */
    public void setMaxPerHour(Integer maxPerHour) {
        this.maxPerHour = maxPerHour;
    }

    public String getSmtpOauth2TokenUrl() {
        return smtpOauth2TokenUrl;
    }

    /**
     * Defines the system on the endpoint itself: the OAuth2 token endpoint (https, or http on localhost only). When
     * set, the system signs in with SASL XOAUTH2 as smtpUsername, with an access token from there, and smtpPassword
     * must not be set. bean:name names a SmtpAccessTokenProvider bean instead.
     */
    public void setSmtpOauth2TokenUrl(String smtpOauth2TokenUrl) {
        this.smtpOauth2TokenUrl = smtpOauth2TokenUrl;
    }

    public String getSmtpOauth2ClientId() {
        return smtpOauth2ClientId;
    }

    /** Defines the system on the endpoint itself: the OAuth2 client (application) id. */
    public void setSmtpOauth2ClientId(String smtpOauth2ClientId) {
        this.smtpOauth2ClientId = smtpOauth2ClientId;
    }

    public String getSmtpOauth2ClientSecret() {
        return smtpOauth2ClientSecret;
    }

    /** Defines the system on the endpoint itself: the OAuth2 client secret. Write $SECRET(name) here, never the secret. */
    public void setSmtpOauth2ClientSecret(String smtpOauth2ClientSecret) {
        this.smtpOauth2ClientSecret = smtpOauth2ClientSecret;
    }

    public String getSmtpOauth2Scope() {
        return smtpOauth2Scope;
    }

    /**
     * Defines the system on the endpoint itself: the OAuth2 scope to ask for, for instance
     * https://outlook.office365.com/.default (Microsoft 365) or https://mail.google.com/ (Google).
     */
    public void setSmtpOauth2Scope(String smtpOauth2Scope) {
        this.smtpOauth2Scope = smtpOauth2Scope;
    }

    public String getSmtpOauth2RefreshToken() {
        return smtpOauth2RefreshToken;
    }

    /**
     * Defines the system on the endpoint itself: an OAuth2 refresh token; when set the refresh_token grant is used,
     * else client_credentials. Write $SECRET(name) here, never the token.
     */
    public void setSmtpOauth2RefreshToken(String smtpOauth2RefreshToken) {
        this.smtpOauth2RefreshToken = smtpOauth2RefreshToken;
    }

    public String getSmtpOauth2ClientAuth() {
        return smtpOauth2ClientAuth;
    }

    /**
     * Defines the system on the endpoint itself: how the client authenticates to the token endpoint, post
     * (client_secret_post) or basic (client_secret_basic).
     */
    public void setSmtpOauth2ClientAuth(String smtpOauth2ClientAuth) {
        this.smtpOauth2ClientAuth = smtpOauth2ClientAuth;
    }

    public String getMailFrom() {
        return mailFrom;
    }

    /** The sender address of every mail. Required. */
    public void setMailFrom(String mailFrom) {
        this.mailFrom = mailFrom;
    }

    public String getRecipients() {
        return recipients;
    }

    /** Fixed recipients, comma-separated. When not set, each entity's recipientsProperty gives them. */
    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getRecipientsProperty() {
        return recipientsProperty;
    }

    /** The entity property that holds the recipients: a comma-separated string or a JSON list. */
    public void setRecipientsProperty(String recipientsProperty) {
        this.recipientsProperty = recipientsProperty;
    }

    public String getSubjectTemplate() {
        return subjectTemplate;
    }

    /**
     * The Jinja template of the subject. A value starting with resource: (resource:classpath:mail/subject.j2 or
     * resource:file:/etc/mail/subject.j2) loads it; inline, write double square brackets where Jinja has double
     * curly braces, which Camel would take as a property placeholder.
     */
    public void setSubjectTemplate(String subjectTemplate) {
        this.subjectTemplate = subjectTemplate;
    }

    public String getSubjectTemplateProperty() {
        return subjectTemplateProperty;
    }

    /** The entity property that holds the subject template (when subjectTemplate is not set). */
    public void setSubjectTemplateProperty(String subjectTemplateProperty) {
        this.subjectTemplateProperty = subjectTemplateProperty;
    }

    public String getBodyTemplate() {
        return bodyTemplate;
    }

    /**
     * The Jinja template of the body, HTML when textBodyTemplate is set too. resource: loads it; inline, write double
     * square brackets for Jinja's double curly braces.
     */
    public void setBodyTemplate(String bodyTemplate) {
        this.bodyTemplate = bodyTemplate;
    }

    public String getBodyTemplateProperty() {
        return bodyTemplateProperty;
    }

    /** The entity property that holds the body template (when bodyTemplate is not set). */
    public void setBodyTemplateProperty(String bodyTemplateProperty) {
        this.bodyTemplateProperty = bodyTemplateProperty;
    }

    public String getTextBodyTemplate() {
        return textBodyTemplate;
    }

    /**
     * The Jinja template of the plain-text alternative. resource: loads it; inline, write double square brackets for
     * Jinja's double curly braces.
     */
    public void setTextBodyTemplate(String textBodyTemplate) {
        this.textBodyTemplate = textBodyTemplate;
    }

    public String getTextBodyTemplateProperty() {
        return textBodyTemplateProperty;
    }

    /** The entity property that holds the text body template (when textBodyTemplate is not set). */
    public void setTextBodyTemplateProperty(String textBodyTemplateProperty) {
        this.textBodyTemplateProperty = textBodyTemplateProperty;
    }

    public String getUnhandledTemplateVariableReplacement() {
        return unhandledTemplateVariableReplacement;
    }

    /**
     * What a template variable the entity lacks renders to: debug keeps the variable's tag as text, empty_string
     * renders nothing, strict fails the entity.
     */
    public void setUnhandledTemplateVariableReplacement(String unhandledTemplateVariableReplacement) {
        this.unhandledTemplateVariableReplacement = unhandledTemplateVariableReplacement;
    }

    public String getSinkConfig() {
        return sinkConfig;
    }

    /**
     * A Sesam mail sink, or a pipe with a sink, as JSON with Sesam's snake_case names, loaded from
     * resource:classpath:... or resource:file:... Options set on the endpoint win over it.
     */
    public void setSinkConfig(String sinkConfig) {
        this.sinkConfig = sinkConfig;
    }

    public boolean isSendDeleted() {
        return sendDeleted;
    }

    /** Send mails for deleted entities (_deleted is true) too, instead of skipping them. */
    public void setSendDeleted(boolean sendDeleted) {
        this.sendDeleted = sendDeleted;
    }

    public boolean isSendOneByOne() {
        return sendOneByOne;
    }

    /**
     * Send the entities of a batch one at a time, each waiting for its reply, as before batches went in pipelined runs;
     * a batch then stops at its first failure.
     */
    public void setSendOneByOne(boolean sendOneByOne) {
        this.sendOneByOne = sendOneByOne;
    }

    public String getDiscardedUri() {
        return discardedUri;
    }

    /** An endpoint that also receives each mail discarded over max_per_hour (the body is the MimeMessage). */
    public void setDiscardedUri(String discardedUri) {
        this.discardedUri = discardedUri;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** Render and check every mail and log it, but send nothing. */
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getDryRunDirectory() {
        return dryRunDirectory;
    }

    /** With dryRun: also write each mail as an .eml file in this directory. */
    public void setDryRunDirectory(String dryRunDirectory) {
        this.dryRunDirectory = dryRunDirectory;
    }

    public long getMaxRenderedLength() {
        return maxRenderedLength;
    }

    /** The most characters one template may render to; longer fails the entity. */
    public void setMaxRenderedLength(long maxRenderedLength) {
        this.maxRenderedLength = maxRenderedLength;
    }

    public long getRenderTimeout() {
        return renderTimeout;
    }

    /** How long one template may take to render, in milliseconds; longer fails the entity. */
    public void setRenderTimeout(long renderTimeout) {
        this.renderTimeout = renderTimeout;
    }
}
