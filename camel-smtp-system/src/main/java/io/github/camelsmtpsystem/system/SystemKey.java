package io.github.camelsmtpsystem.system;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of a Sesam {@code system:smtp}, with their Sesam (JSON), Camel (URI) and Spring names, types and defaults.
 * This is the one place a key is declared: the JSON reader, {@link SmtpSystem}, the endpoint options' conversion and
 * the Spring Boot starter all go through it (a test checks that every key has an endpoint option and a Spring
 * property).
 */
public enum SystemKey {
    ID("_id", "systemId", String.class, null),
    TYPE("type", null, String.class, SmtpSystem.TYPE),
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

    SystemKey(String sesamName, String camelName, Class<?> type, Object defaultValue) {
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

    /** The Spring Boot property name: {@code smtp-port}. */
    public String springName() {
        return sesamName.replaceFirst("^_", "").replace('_', '-');
    }

    /** Whether the key belongs to OAuth2 sign-in (XOAUTH2), meaningful only with a token URL. */
    public boolean isOAuth2() {
        return name().startsWith("SMTP_OAUTH2_");
    }

    /** Whether the value is a credential, never to be shown. */
    public boolean isSecret() {
        return this == SMTP_PASSWORD || this == SMTP_OAUTH2_CLIENT_SECRET || this == SMTP_OAUTH2_REFRESH_TOKEN;
    }

    public static Optional<SystemKey> bySesamName(String name) {
        return Arrays.stream(values()).filter(p -> p.sesamName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return sesamName.toLowerCase(Locale.ROOT);
    }
}
