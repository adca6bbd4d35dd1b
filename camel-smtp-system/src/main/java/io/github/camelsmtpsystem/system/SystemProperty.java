package io.github.camelsmtpsystem.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The properties of a Sesam {@code system:smtp}, with their Sesam (JSON) and Camel (URI) names, types and defaults.
 */
public enum SystemProperty {
    ID("_id", "systemId", String.class, null),
    TYPE("type", null, String.class, SmtpSystemConfig.TYPE),
    SMTP_SERVER("smtp_server", "smtpServer", String.class, "localhost"),
    SMTP_PORT("smtp_port", "smtpPort", Integer.class, 25),
    SMTP_USERNAME("smtp_username", "smtpUsername", String.class, null),
    SMTP_PASSWORD("smtp_password", "smtpPassword", String.class, null),
    USE_TLS("use_tls", "useTls", Boolean.class, false),
    MAX_PER_HOUR("max_per_hour", "maxPerHour", Integer.class, 1000),
    SMTP_OAUTH2_TOKEN_URL("smtp_oauth2_token_url", "smtpOauth2TokenUrl", String.class, null),
    SMTP_OAUTH2_CLIENT_ID("smtp_oauth2_client_id", "smtpOauth2ClientId", String.class, null),
    SMTP_OAUTH2_CLIENT_SECRET("smtp_oauth2_client_secret", "smtpOauth2ClientSecret", String.class, null),
    SMTP_OAUTH2_SCOPE("smtp_oauth2_scope", "smtpOauth2Scope", String.class, null),
    SMTP_OAUTH2_REFRESH_TOKEN("smtp_oauth2_refresh_token", "smtpOauth2RefreshToken", String.class, null),
    SMTP_OAUTH2_CLIENT_AUTH("smtp_oauth2_client_auth", "smtpOauth2ClientAuth", String.class, "post");

    private final String sesamName;
    private final String camelName;
    private final Class<?> type;
    private final Object defaultValue;

    SystemProperty(String sesamName, String camelName, Class<?> type, Object defaultValue) {
        this.sesamName = sesamName;
        this.camelName = camelName;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** The JSON name, as in Sesam's documentation. */
    public String sesamName() {
        return sesamName;
    }

    /** The endpoint option name, or the JSON name when there is no such option. */
    public String camelName() {
        return camelName != null ? camelName : sesamName;
    }

    public Class<?> type() {
        return type;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    /** How the type is said in an error message. */
    public String typeDescription() {
        if (type == Integer.class) {
            return "a whole number";
        }
        return type == Boolean.class ? "true or false" : "a string";
    }

    /** Whether the value is a credential, never to be shown. */
    public boolean isSecret() {
        return this == SMTP_PASSWORD || this == SMTP_OAUTH2_CLIENT_SECRET || this == SMTP_OAUTH2_REFRESH_TOKEN;
    }

    public static Optional<SystemProperty> bySesamName(String name) {
        return Arrays.stream(values()).filter(p -> p.sesamName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return sesamName.toLowerCase(Locale.ROOT);
    }
}
