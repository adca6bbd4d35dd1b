package io.github.camelsmtpsystem.springboot;

import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SmtpSystem;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;
import io.github.camelsmtpsystem.system.SystemKey;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * One SMTP system in Spring properties, {@code camel.component.smtp-system.systems.<id>.*}: Sesam's
 * {@code system:smtp} with kebab-case names. Unset values take Sesam's defaults; an empty text counts as unset, so
 * that {@code smtp-username: ${SMTP_USERNAME:}} means "no login" when the variable is not set.
 */
public class SystemDefinitionProperties {

    /**
     * A human-readable name of the system. Defaults to its id.
     */
    private String name;

    /**
     * SMTP server host. For instance 'smtp.example.com'. Default 'localhost'.
     */
    private String smtpServer;

    /**
     * SMTP server port. Default 25; with use-tls, 465 means implicit TLS and any other port STARTTLS.
     */
    private Integer smtpPort;

    /**
     * Login user of the SMTP server. None means no authentication.
     */
    private String smtpUsername;

    /**
     * Login password of the SMTP server, required with smtp-username. Give it as a placeholder, for instance
     * '${SMTP_PASSWORD}'.
     */
    private String smtpPassword;

    /**
     * Whether to use TLS: implicit TLS on port 465, required STARTTLS on any other port. Default false.
     */
    private Boolean useTls;

    /**
     * The most mails sent in any hour; the rest are logged and discarded. Default 1000; 0 discards every mail.
     */
    private Integer maxPerHour;

    /**
     * OAuth2 token endpoint. When set, the system signs in with SASL XOAUTH2 as smtp-username, with an access token
     * from there, and smtp-password must not be set. For instance
     * 'https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token'; http only on localhost. 'bean:<name>' names a
     * SmtpAccessTokenProvider bean instead.
     */
    private String smtpOauth2TokenUrl;

    /**
     * OAuth2 client (application) id.
     */
    private String smtpOauth2ClientId;

    /**
     * OAuth2 client secret. Give it as a placeholder, for instance '${SMTP_OAUTH2_CLIENT_SECRET}'.
     */
    private String smtpOauth2ClientSecret;

    /**
     * OAuth2 scope to ask for. For instance 'https://outlook.office365.com/.default' (Microsoft 365) or
     * 'https://mail.google.com/' (Google).
     */
    private String smtpOauth2Scope;

    /**
     * OAuth2 refresh token: when set the refresh_token grant is used, else client_credentials. Give it as a
     * placeholder, for instance '${SMTP_OAUTH2_REFRESH_TOKEN}'.
     */
    private String smtpOauth2RefreshToken;

    /**
     * How the client authenticates to the token endpoint: 'post' (client_secret_post) or 'basic'
     * (client_secret_basic). Default 'post'.
     */
    private String smtpOauth2ClientAuth;

    /**
     * The system these properties define, checked.
     *
     * @throws SmtpSystemConfigException naming the Spring property and the fix
     */
    public SmtpSystem toSystem(String id) {
        String where = SmtpSystemComponentProperties.PREFIX + ".systems." + id;
        ConfigSource source = ConfigSource.spring("Spring property " + where);
        SmtpSystem.Builder builder =
                SmtpSystem.builder(id).name(unsetIfEmpty(name)).source(source);
        // the keys are declared once, in SystemKey; their bean properties here carry the Spring metadata
        BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(this);
        for (SystemKey key : SystemKey.values()) {
            if (key == SystemKey.ID || key == SystemKey.TYPE) {
                continue;
            }
            Object value = bean.getPropertyValue(key.camelName());
            if (value instanceof String text) {
                rejectSesamToken(id, source, key, text);
                value = unsetIfEmpty(text);
            }
            builder.set(key, value);
        }
        return builder.build();
    }

    private static String unsetIfEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void rejectSesamToken(String id, ConfigSource source, SystemKey key, String value) {
        if (ConfigValueResolver.hasToken(value)) {
            throw new SmtpSystemConfigException("SMTP system '" + id + "' in " + source + ": " + key.springName()
                    + " holds $ENV(...) or $SECRET(...), which only systems JSON files resolve. "
                    + "In Spring properties write a placeholder such as ${SMTP_PASSWORD}, which reads "
                    + "any Spring property source or environment variable.");
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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
}
