package io.github.camelsmtpsystem.springboot;

import io.github.camelsmtpsystem.system.ConfigSource;
import io.github.camelsmtpsystem.system.ConfigValueResolver;
import io.github.camelsmtpsystem.system.SmtpSystemConfig;
import io.github.camelsmtpsystem.system.SmtpSystemConfigException;

/**
 * One SMTP system in Spring properties, {@code camel.component.smtp-system.systems.<id>.*}: Sesam's
 * {@code system:smtp} with kebab-case names. Unset values take Sesam's defaults; an empty text counts as unset, so
 * that {@code smtp-username: ${SMTP_USERNAME:}} means "no login" when the variable is not set.
 */
public class SmtpSystemProperties {

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
     * The system with this id, checked as every other definition is.
     *
     * @throws SmtpSystemConfigException naming the property and the fix
     */
    public SmtpSystemConfig toConfig(String id) {
        String where = SmtpSystemComponentProperties.PREFIX + ".systems." + id;
        ConfigSource source = ConfigSource.spring("Spring property " + where);
        rejectSesamToken(id, source, "smtp-server", smtpServer);
        rejectSesamToken(id, source, "smtp-username", smtpUsername);
        rejectSesamToken(id, source, "smtp-password", smtpPassword);
        rejectSesamToken(id, source, "smtp-oauth2-token-url", smtpOauth2TokenUrl);
        rejectSesamToken(id, source, "smtp-oauth2-client-id", smtpOauth2ClientId);
        rejectSesamToken(id, source, "smtp-oauth2-client-secret", smtpOauth2ClientSecret);
        rejectSesamToken(id, source, "smtp-oauth2-refresh-token", smtpOauth2RefreshToken);
        return SmtpSystemConfig.builder(id)
                .name(unsetIfEmpty(name))
                .smtpServer(unsetIfEmpty(smtpServer))
                .smtpPort(smtpPort)
                .smtpUsername(unsetIfEmpty(smtpUsername))
                .smtpPassword(unsetIfEmpty(smtpPassword))
                .useTls(useTls)
                .maxPerHour(maxPerHour)
                .smtpOauth2TokenUrl(unsetIfEmpty(smtpOauth2TokenUrl))
                .smtpOauth2ClientId(unsetIfEmpty(smtpOauth2ClientId))
                .smtpOauth2ClientSecret(unsetIfEmpty(smtpOauth2ClientSecret))
                .smtpOauth2Scope(unsetIfEmpty(smtpOauth2Scope))
                .smtpOauth2RefreshToken(unsetIfEmpty(smtpOauth2RefreshToken))
                .smtpOauth2ClientAuth(unsetIfEmpty(smtpOauth2ClientAuth))
                .source(source)
                .build();
    }

    private static String unsetIfEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Sesam's tokens would otherwise be taken literally, say as a password. */
    private static void rejectSesamToken(String id, ConfigSource source, String property, String value) {
        if (value != null && ConfigValueResolver.hasToken(value)) {
            throw new SmtpSystemConfigException("SMTP system '" + id + "' in " + source + ": " + property
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
