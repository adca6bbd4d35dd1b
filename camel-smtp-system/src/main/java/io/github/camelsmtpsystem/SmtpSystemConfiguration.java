package io.github.camelsmtpsystem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.github.camelsmtpsystem.system.SystemKey;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an smtp-system endpoint: Sesam's mail sink, in camelCase, and optionally the SMTP system itself.
 */
@UriParams
public class SmtpSystemConfiguration implements Cloneable {

    /** The entity property that holds the recipients when {@code recipientsProperty} is not set. */
    public static final String DEFAULT_RECIPIENTS_PROPERTY = "recipients";
    /** The entity property that holds the subject template when {@code subjectTemplateProperty} is not set. */
    public static final String DEFAULT_SUBJECT_TEMPLATE_PROPERTY = "subject_template";
    /** The entity property that holds the HTML body template when {@code bodyTemplateProperty} is not set. */
    public static final String DEFAULT_BODY_TEMPLATE_PROPERTY = "body_template";
    /** The entity property that holds the text body template when {@code textBodyTemplateProperty} is not set. */
    public static final String DEFAULT_TEXT_BODY_TEMPLATE_PROPERTY = "text_body_template";
    /** The entity property that holds the attachments when {@code attachmentsProperty} is not set. */
    public static final String DEFAULT_ATTACHMENTS_PROPERTY = "attachments";
    /** The entity property that holds the Cc addresses when {@code ccProperty} is not set. */
    public static final String DEFAULT_CC_PROPERTY = "cc";
    /** The entity property that holds the Bcc addresses when {@code bccProperty} is not set. */
    public static final String DEFAULT_BCC_PROPERTY = "bcc";
    /** The entity property that holds the Reply-To addresses when {@code replyToProperty} is not set. */
    public static final String DEFAULT_REPLY_TO_PROPERTY = "reply_to";

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

    @UriParam(defaultValue = DEFAULT_RECIPIENTS_PROPERTY)
    private String recipientsProperty;

    @UriParam
    private String subjectTemplate;

    @UriParam(defaultValue = DEFAULT_SUBJECT_TEMPLATE_PROPERTY)
    private String subjectTemplateProperty;

    @UriParam
    private String bodyTemplate;

    @UriParam(defaultValue = DEFAULT_BODY_TEMPLATE_PROPERTY)
    private String bodyTemplateProperty;

    @UriParam
    private String textBodyTemplate;

    @UriParam(defaultValue = DEFAULT_TEXT_BODY_TEMPLATE_PROPERTY)
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

    // attachments (issue 25)
    @UriParam
    private String attachments;

    @UriParam(defaultValue = DEFAULT_ATTACHMENTS_PROPERTY)
    private String attachmentsProperty;

    @UriParam(label = "security", defaultValue = "false")
    private boolean entityAttachmentResources;

    // Cc, Bcc, Reply-To, extra headers, bounce address and DSN (MailAddressing)

    @UriParam(label = "addressing")
    private String cc;

    @UriParam(label = "addressing", defaultValue = DEFAULT_CC_PROPERTY)
    private String ccProperty;

    @UriParam(label = "addressing")
    private String bcc;

    @UriParam(label = "addressing", defaultValue = DEFAULT_BCC_PROPERTY)
    private String bccProperty;

    @UriParam(label = "addressing")
    private String replyTo;

    @UriParam(label = "addressing", defaultValue = DEFAULT_REPLY_TO_PROPERTY)
    private String replyToProperty;

    @UriParam(label = "addressing", prefix = "header.", multiValue = true)
    private Map<String, Object> headers;

    @UriParam(label = "addressing")
    private String envelopeFrom;

    @UriParam(label = "addressing", enums = "never,success,failure,delay")
    private String dsnNotify;

    @UriParam(label = "addressing", enums = "full,headers")
    private String dsnRet;

    /** Whether any of the system options is set, so that this endpoint defines its system itself. */
    public boolean definesSystem() {
        return Stream.of(SystemKey.values()).anyMatch(key -> systemOption(key) != null);
    }

    /**
     * The system these options define. Text options may hold {@code $ENV(name)} and {@code $SECRET(name)}, so that a
     * password never has to stand in a URI: Camel's own DEBUG and TRACE logs show endpoint parameters.
     */
    public SmtpSystem toSystem(String systemId, String endpoint, ConfigValueResolver values) {
        ConfigSource source = ConfigSource.camel("the options of endpoint " + endpoint);
        SmtpSystem.Builder builder = SmtpSystem.builder(systemId).source(source);
        for (SystemKey key : SystemKey.values()) {
            Object value = systemOption(key);
            if (value instanceof String text && ConfigValueResolver.hasToken(text)) {
                // a value from $SECRET is shown nowhere, whichever key it is
                builder.origin(key, source, text.contains("$SECRET("));
                value = resolve(values, text, key, systemId, source);
            }
            if (value != null) {
                builder.set(key, value);
            }
        }
        return builder.build();
    }

    /**
     * The option of {@code key}, read through its getter (named after {@link SystemKey#camelName()}), so that a key is
     * declared once, in {@link SystemKey}; {@code null} when the key has no option or the option is not set.
     */
    private Object systemOption(SystemKey key) {
        if (key == SystemKey.ID || key == SystemKey.TYPE) {
            return null; // the id is the endpoint's path; the type is implied
        }
        String name = key.camelName();
        try {
            return getClass()
                    .getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1))
                    .invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The system key " + key + " has no endpoint option " + name, e);
        }
    }

    private static String resolve(
            ConfigValueResolver values, String value, SystemKey key, String systemId, ConfigSource source) {
        try {
            return values.resolve(value).value();
        } catch (IllegalArgumentException e) {
            throw new SmtpSystemConfigException(
                    "SMTP system '" + systemId + "' in " + source + ": " + source.nameOf(key) + ": " + e.getMessage(),
                    e);
        }
    }

    /** A copy whose changes do not reach this one. */
    public SmtpSystemConfiguration copy() {
        try {
            SmtpSystemConfiguration copy = (SmtpSystemConfiguration) clone();
            // the one collection: an endpoint's header.* options must not reach the component's or another endpoint's
            copy.headers = headers != null ? new LinkedHashMap<>(headers) : null;
            return copy;
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

    public String getAttachments() {
        return attachments;
    }

    /**
     * Fixed attachments of every mail: a JSON list of objects with filename, content_type, content_id and one of
     * base64, text or resource, or resource:... naming a file that holds that list. When not set, each entity's
     * attachmentsProperty gives them.
     */
    public void setAttachments(String attachments) {
        this.attachments = attachments;
    }

    public String getAttachmentsProperty() {
        return attachmentsProperty;
    }

    /** The entity property that holds the mail's attachments: a list of objects as in attachments. */
    public void setAttachmentsProperty(String attachmentsProperty) {
        this.attachmentsProperty = attachmentsProperty;
    }

    public boolean isEntityAttachmentResources() {
        return entityAttachmentResources;
    }

    /**
     * Whether an entity's attachments may name a resource (resource:file:... or resource:classpath:...). Off by
     * default: an entity could attach any file the JVM can read. Turn it on only for entities from a trusted source;
     * attachments fixed in the sink may always name resources.
     */
    public void setEntityAttachmentResources(boolean entityAttachmentResources) {
        this.entityAttachmentResources = entityAttachmentResources;
    }

    public String getCc() {
        return cc;
    }

    /**
     * Fixed Cc addresses, comma-separated; may be a Jinja template rendered from the entity. When not set, each
     * entity's ccProperty gives them.
     */
    public void setCc(String cc) {
        this.cc = cc;
    }

    public String getCcProperty() {
        return ccProperty;
    }

    /** The entity property that holds the Cc addresses: a comma-separated string or a JSON list. */
    public void setCcProperty(String ccProperty) {
        this.ccProperty = ccProperty;
    }

    public String getBcc() {
        return bcc;
    }

    /**
     * Fixed Bcc addresses, comma-separated; may be a Jinja template. They are in the SMTP envelope only, never in a
     * header. When not set, each entity's bccProperty gives them.
     */
    public void setBcc(String bcc) {
        this.bcc = bcc;
    }

    public String getBccProperty() {
        return bccProperty;
    }

    /** The entity property that holds the Bcc addresses: a comma-separated string or a JSON list. */
    public void setBccProperty(String bccProperty) {
        this.bccProperty = bccProperty;
    }

    public String getReplyTo() {
        return replyTo;
    }

    /**
     * Fixed Reply-To addresses, comma-separated; may be a Jinja template. When not set, each entity's replyToProperty
     * gives them.
     */
    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getReplyToProperty() {
        return replyToProperty;
    }

    /** The entity property that holds the Reply-To addresses: a comma-separated string or a JSON list. */
    public void setReplyToProperty(String replyToProperty) {
        this.replyToProperty = replyToProperty;
    }

    public Map<String, Object> getHeaders() {
        return headers;
    }

    /**
     * More headers for every mail, by name; each value may be a Jinja template rendered from the entity (inline, write
     * double square brackets for Jinja's double curly braces). On the URI one option per header:
     * header.List-Unsubscribe=... Headers the component writes itself (From, To, Cc, Bcc, Reply-To, Subject, Date,
     * Message-ID, MIME-Version, Content-*) are refused.
     */
    public void setHeaders(Map<String, Object> headers) {
        // a copy: endpoints get a shallow copy of the component's configuration
        this.headers = headers != null ? new LinkedHashMap<>(headers) : null;
    }

    public String getEnvelopeFrom() {
        return envelopeFrom;
    }

    /**
     * The bounce address: the SMTP envelope sender (MAIL FROM) when it is not mailFrom, for instance a mailbox a
     * pipeline reads; may be a Jinja template (a per-entity VERP address).
     */
    public void setEnvelopeFrom(String envelopeFrom) {
        this.envelopeFrom = envelopeFrom;
    }

    public String getDsnNotify() {
        return dsnNotify;
    }

    /**
     * Delivery status notifications (RFC 3461) asked for each recipient when the server offers DSN: never, or a
     * comma-separated list of success, failure and delay. Reports go to envelopeFrom (else mailFrom) and carry the
     * entity _id as the envelope id.
     */
    public void setDsnNotify(String dsnNotify) {
        this.dsnNotify = dsnNotify;
    }

    public String getDsnRet() {
        return dsnRet;
    }

    /** What a delivery status notification returns of the mail, when the server offers DSN: full or headers. */
    public void setDsnRet(String dsnRet) {
        this.dsnRet = dsnRet;
    }
}
