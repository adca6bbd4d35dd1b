package io.github.camelsmtpsystem.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One Sesam SMTP system ({@code "type": "system:smtp"}): where to send mail, as whom, and how many messages an hour.
 * Immutable; build one with {@link #builder(String)}. The password, the OAuth2 client secret and the refresh token
 * never appear in {@link #toString()}.
 */
public final class SmtpSystem {

    /** How {@code smtp_oauth2_token_url} names a {@code SmtpAccessTokenProvider} bean instead of a token endpoint. */
    public static final String TOKEN_PROVIDER_BEAN = "bean:";

    private static final String HIDDEN = "******";

    /** The Sesam type of an SMTP system. */
    public static final String TYPE = "system:smtp";

    private final String id;
    private final String name;
    /** Every key's value, its default where none was set; {@code null} for an unset key without a default. */
    private final Map<SystemKey, Object> values;

    private final ConfigSource source;
    /** The keys whose values came from a {@code $SECRET}: never shown, whatever they are. */
    private final Set<SystemKey> fromSecrets;

    private SmtpSystem(Builder b) {
        this.id = b.id;
        this.name = b.name;
        Map<SystemKey, Object> all = new EnumMap<>(SystemKey.class);
        for (SystemKey key : SystemKey.values()) {
            Object value = b.values.getOrDefault(key, key.defaultValue());
            if (value != null) {
                all.put(key, value);
            }
        }
        all.put(SystemKey.ID, id);
        this.values = Collections.unmodifiableMap(all);
        this.source = b.source;
        this.fromSecrets = b.fromSecrets.isEmpty()
                ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(b.fromSecrets));
    }

    /** Starts a definition of the system {@code id}, with Sesam's defaults for everything not set. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String getId() {
        return id;
    }

    /** The human-readable name, or the id when none was given. */
    public String getName() {
        return name != null ? name : id;
    }

    public String getSmtpServer() {
        return (String) values.get(SystemKey.SMTP_SERVER);
    }

    public int getSmtpPort() {
        return (Integer) values.get(SystemKey.SMTP_PORT);
    }

    public String getSmtpUsername() {
        return (String) values.get(SystemKey.SMTP_USERNAME);
    }

    /** The password, for the mail session only: never log it. */
    public String getSmtpPassword() {
        return (String) values.get(SystemKey.SMTP_PASSWORD);
    }

    public boolean isUseTls() {
        return (Boolean) values.get(SystemKey.USE_TLS);
    }

    public int getMaxPerHour() {
        return (Integer) values.get(SystemKey.MAX_PER_HOUR);
    }

    /** The OAuth2 token endpoint, or {@code bean:<name>} of a token provider; {@code null} for password sign-in. */
    public String getSmtpOauth2TokenUrl() {
        return (String) values.get(SystemKey.SMTP_OAUTH2_TOKEN_URL);
    }

    public String getSmtpOauth2ClientId() {
        return (String) values.get(SystemKey.SMTP_OAUTH2_CLIENT_ID);
    }

    /** The OAuth2 client secret, for the token endpoint only: never log it. */
    public String getSmtpOauth2ClientSecret() {
        return (String) values.get(SystemKey.SMTP_OAUTH2_CLIENT_SECRET);
    }

    public String getSmtpOauth2Scope() {
        return (String) values.get(SystemKey.SMTP_OAUTH2_SCOPE);
    }

    /** The OAuth2 refresh token, for the token endpoint only: never log it. */
    public String getSmtpOauth2RefreshToken() {
        return (String) values.get(SystemKey.SMTP_OAUTH2_REFRESH_TOKEN);
    }

    /** How the client authenticates to the token endpoint: {@code post} (client_secret_post) or {@code basic}. */
    public String getSmtpOauth2ClientAuth() {
        return (String) values.get(SystemKey.SMTP_OAUTH2_CLIENT_AUTH);
    }

    /** Whether the system signs in with SASL XOAUTH2 and an OAuth2 access token instead of a password. */
    public boolean usesOAuth2() {
        return getSmtpOauth2TokenUrl() != null;
    }

    /** The name of the token provider bean {@code smtp_oauth2_token_url} names, or {@code null} for a token endpoint. */
    public String tokenProviderBean() {
        String tokenUrl = getSmtpOauth2TokenUrl();
        return tokenUrl != null && tokenUrl.startsWith(TOKEN_PROVIDER_BEAN)
                ? tokenUrl.substring(TOKEN_PROVIDER_BEAN.length())
                : null;
    }

    /** Whether the server is asked to authenticate the sender (a username is set). */
    public boolean isAuthenticated() {
        return getSmtpUsername() != null;
    }

    public ConfigSource getSource() {
        return source;
    }

    /** The value of {@code key}: what was set, else its default; {@code null} when neither exists. */
    public Object get(SystemKey key) {
        return values.get(key);
    }

    /** Whether two definitions send the same way; where they were written and the display name do not count. */
    public boolean sameSettingsAs(SmtpSystem other) {
        return values.equals(other.values);
    }

    /** Whether the value of {@code key} came from a {@code $SECRET(...)}: then it is shown nowhere. */
    public boolean isFromSecret(SystemKey key) {
        return fromSecrets.contains(key);
    }

    /**
     * The value of {@code key} as logs, messages and health details may show it: {@code ******} when it came from
     * a {@code $SECRET(...)} (a user name or host may be one), as it is otherwise.
     */
    public String shown(SystemKey key, Object value) {
        return value != null && isFromSecret(key) ? HIDDEN : String.valueOf(value);
    }

    /**
     * {@code text} (a server's reply, an exception message) with every value that must not be shown replaced by
     * {@code ******}: the password, the OAuth2 client secret and refresh token, and every value from a
     * {@code $SECRET(...)}.
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (Map.Entry<SystemKey, Object> entry : values.entrySet()) {
            SystemKey key = entry.getKey();
            if (entry.getValue() instanceof String secret
                    && !secret.isEmpty()
                    && (key.isSecret() || isFromSecret(key))) {
                redacted = redacted.replace(secret, HIDDEN);
            }
        }
        return redacted;
    }

    /** The set keys in their Camel names; secrets as {@code ******}, OAuth2 keys only when the system uses OAuth2. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SmtpSystem[id=").append(id);
        for (SystemKey key : SystemKey.values()) {
            if (key == SystemKey.ID || key == SystemKey.TYPE || key.isOAuth2() && !usesOAuth2()) {
                continue;
            }
            Object value = values.get(key);
            text.append(", ").append(key.camelName()).append('=');
            text.append(key.isSecret() ? (value != null ? HIDDEN : "null") : shown(key, value));
        }
        return text.append(", source=").append(source).append(']').toString();
    }

    /** Collects the keys of one system; {@link #build()} checks them. A {@code null} means "use the default". */
    public static final class Builder {
        private final String id;
        private String name;
        private final Map<SystemKey, Object> values = new EnumMap<>(SystemKey.class);
        private ConfigSource source = ConfigSource.camel("Java code");
        private final Map<SystemKey, ConfigSource> origins = new EnumMap<>(SystemKey.class);
        private final Set<SystemKey> fromSecrets = EnumSet.noneOf(SystemKey.class);

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder smtpServer(String smtpServer) {
            return set(SystemKey.SMTP_SERVER, smtpServer);
        }

        public Builder smtpPort(Integer smtpPort) {
            return set(SystemKey.SMTP_PORT, smtpPort);
        }

        public Builder smtpUsername(String smtpUsername) {
            return set(SystemKey.SMTP_USERNAME, smtpUsername);
        }

        public Builder smtpPassword(String smtpPassword) {
            return set(SystemKey.SMTP_PASSWORD, smtpPassword);
        }

        public Builder useTls(Boolean useTls) {
            return set(SystemKey.USE_TLS, useTls);
        }

        public Builder maxPerHour(Integer maxPerHour) {
            return set(SystemKey.MAX_PER_HOUR, maxPerHour);
        }

        /** The OAuth2 token endpoint (or {@code bean:<name>} of a token provider): sign in with XOAUTH2. */
        public Builder smtpOauth2TokenUrl(String smtpOauth2TokenUrl) {
            return set(SystemKey.SMTP_OAUTH2_TOKEN_URL, smtpOauth2TokenUrl);
        }

        public Builder smtpOauth2ClientId(String smtpOauth2ClientId) {
            return set(SystemKey.SMTP_OAUTH2_CLIENT_ID, smtpOauth2ClientId);
        }

        public Builder smtpOauth2ClientSecret(String smtpOauth2ClientSecret) {
            return set(SystemKey.SMTP_OAUTH2_CLIENT_SECRET, smtpOauth2ClientSecret);
        }

        public Builder smtpOauth2Scope(String smtpOauth2Scope) {
            return set(SystemKey.SMTP_OAUTH2_SCOPE, smtpOauth2Scope);
        }

        /** With a refresh token the refresh_token grant is used, else client_credentials. */
        public Builder smtpOauth2RefreshToken(String smtpOauth2RefreshToken) {
            return set(SystemKey.SMTP_OAUTH2_REFRESH_TOKEN, smtpOauth2RefreshToken);
        }

        /** {@code post} (client_secret_post, the default) or {@code basic} (client_secret_basic). */
        public Builder smtpOauth2ClientAuth(String smtpOauth2ClientAuth) {
            return set(SystemKey.SMTP_OAUTH2_CLIENT_AUTH, smtpOauth2ClientAuth);
        }

        /**
         * Sets {@code key} to {@code value}, or back to its default with {@code null}.
         *
         * @throws IllegalArgumentException when the value is not of the key's type
         */
        public Builder set(SystemKey key, Object value) {
            if (key == SystemKey.ID || key == SystemKey.TYPE) {
                throw new IllegalArgumentException(key + " is not set through the builder");
            }
            if (value != null && !key.type().isInstance(value)) {
                throw new IllegalArgumentException(key + " takes " + key.typeDescription() + ", not " + value);
            }
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        /** Where the definition was written, named in error messages. */
        public Builder source(ConfigSource source) {
            this.source = source;
            return this;
        }

        /**
         * Where one property was written (a file's line and column), and whether its value came from a
         * {@code $SECRET}: an error about the property then points there, and does not show the value.
         */
        public Builder origin(SystemKey property, ConfigSource where, boolean secret) {
            origins.put(property, where);
            if (secret) {
                fromSecrets.add(property);
            }
            return this;
        }

        /**
         * Checks the definition and makes it.
         *
         * @throws SmtpSystemConfigException naming the source, the property and the fix
         */
        public SmtpSystem build() {
            if (id == null || id.isBlank()) {
                throw invalid(
                        SystemKey.ID,
                        "is missing",
                        "Give every system a unique id, for example \"_id\": \"our-smtp-server\".");
            }
            if (id.contains("/")) {
                throw invalid(
                        SystemKey.ID,
                        "is '" + id + "', which contains '/'",
                        "Use an id without '/', for example '" + id.replace('/', '-') + "'.");
            }
            if (text(SystemKey.SMTP_SERVER) != null
                    && text(SystemKey.SMTP_SERVER).isBlank()) {
                throw invalid(
                        SystemKey.SMTP_SERVER,
                        "is empty",
                        "Set it to the host name of the SMTP server, or leave it out to use 'localhost'.");
            }
            if (number(SystemKey.SMTP_PORT) != null
                    && (number(SystemKey.SMTP_PORT) < 1 || number(SystemKey.SMTP_PORT) > 65535)) {
                throw invalid(
                        SystemKey.SMTP_PORT,
                        "is " + shown(SystemKey.SMTP_PORT, number(SystemKey.SMTP_PORT)),
                        "Use a port from 1 to 65535 (25, 465 or 587 are usual), or leave it out to use 25.");
            }
            if (number(SystemKey.MAX_PER_HOUR) != null && number(SystemKey.MAX_PER_HOUR) < 0) {
                throw invalid(
                        SystemKey.MAX_PER_HOUR,
                        "is " + shown(SystemKey.MAX_PER_HOUR, number(SystemKey.MAX_PER_HOUR)),
                        "Use 0 or more (0 discards every message), or leave it out to use 1000.");
            }
            if (text(SystemKey.SMTP_OAUTH2_TOKEN_URL) != null) {
                checkOAuth2();
            } else {
                checkNoOAuth2Settings();
            }
            if (text(SystemKey.SMTP_USERNAME) != null
                    && text(SystemKey.SMTP_PASSWORD) == null
                    && text(SystemKey.SMTP_OAUTH2_TOKEN_URL) == null) {
                throw invalid(
                        SystemKey.SMTP_PASSWORD,
                        "is missing while " + source.nameOf(SystemKey.SMTP_USERNAME) + " is set",
                        "Set " + source.nameOf(SystemKey.SMTP_PASSWORD)
                                + " (for example \"$SECRET(smtp-password)\"), or remove "
                                + source.nameOf(SystemKey.SMTP_USERNAME)
                                + " to send without authentication.");
            }
            return new SmtpSystem(this);
        }

        private void checkOAuth2() {
            String tokenUrl = source.nameOf(SystemKey.SMTP_OAUTH2_TOKEN_URL);
            if (text(SystemKey.SMTP_PASSWORD) != null) {
                throw invalid(
                        SystemKey.SMTP_PASSWORD,
                        "is set while " + tokenUrl + " is set",
                        "Remove " + source.nameOf(SystemKey.SMTP_PASSWORD) + ": with " + tokenUrl
                                + " the system signs in with an OAuth2 access token (XOAUTH2), not a password. Or remove "
                                + tokenUrl + " to sign in with the password.");
            }
            if (text(SystemKey.SMTP_USERNAME) == null) {
                throw invalid(
                        SystemKey.SMTP_USERNAME,
                        "is missing while " + tokenUrl + " is set",
                        "Set it to the mailbox the system signs in as with XOAUTH2, for example noreply@example.com.");
            }
            if (text(SystemKey.SMTP_OAUTH2_TOKEN_URL).startsWith(TOKEN_PROVIDER_BEAN)) {
                if (text(SystemKey.SMTP_OAUTH2_TOKEN_URL).length() == TOKEN_PROVIDER_BEAN.length()) {
                    throw invalid(
                            SystemKey.SMTP_OAUTH2_TOKEN_URL,
                            "is '" + TOKEN_PROVIDER_BEAN + "' with no bean name",
                            "Write " + TOKEN_PROVIDER_BEAN + "<name of a SmtpAccessTokenProvider bean>.");
                }
                return;
            }
            checkTokenUrl(tokenUrl);
            if (text(SystemKey.SMTP_OAUTH2_CLIENT_ID) == null) {
                throw invalid(
                        SystemKey.SMTP_OAUTH2_CLIENT_ID,
                        "is missing while " + tokenUrl + " is set",
                        "Set it to the OAuth2 client (application) id the token endpoint knows.");
            }
            if (text(SystemKey.SMTP_OAUTH2_CLIENT_SECRET) == null
                    && text(SystemKey.SMTP_OAUTH2_REFRESH_TOKEN) == null) {
                throw invalid(
                        SystemKey.SMTP_OAUTH2_CLIENT_SECRET,
                        "is missing while " + tokenUrl + " is set",
                        "Set it (for example \"$SECRET(smtp-oauth2-client-secret)\") for the client_credentials grant, or set "
                                + source.nameOf(SystemKey.SMTP_OAUTH2_REFRESH_TOKEN)
                                + " for the refresh_token grant.");
            }
            if (!"post".equals(text(SystemKey.SMTP_OAUTH2_CLIENT_AUTH))
                    && !"basic".equals(text(SystemKey.SMTP_OAUTH2_CLIENT_AUTH))
                    && text(SystemKey.SMTP_OAUTH2_CLIENT_AUTH) != null) {
                throw invalid(
                        SystemKey.SMTP_OAUTH2_CLIENT_AUTH,
                        "is "
                                + shown(
                                        SystemKey.SMTP_OAUTH2_CLIENT_AUTH,
                                        "'" + text(SystemKey.SMTP_OAUTH2_CLIENT_AUTH) + "'"),
                        "Use post (client_secret_post, the default) or basic (client_secret_basic).");
            }
        }

        /** https, or http to this machine only: the client secret and the tokens must not cross a network in clear. */
        private void checkTokenUrl(String tokenUrl) {
            URI uri;
            try {
                uri = new URI(text(SystemKey.SMTP_OAUTH2_TOKEN_URL));
            } catch (URISyntaxException e) {
                uri = null;
            }
            String scheme =
                    uri != null && uri.getScheme() != null ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
            if (uri == null || uri.getHost() == null || !scheme.equals("https") && !scheme.equals("http")) {
                throw invalid(
                        SystemKey.SMTP_OAUTH2_TOKEN_URL,
                        "is "
                                + shown(
                                        SystemKey.SMTP_OAUTH2_TOKEN_URL,
                                        "'" + text(SystemKey.SMTP_OAUTH2_TOKEN_URL) + "'")
                                + ", not an https:// address",
                        "Set it to the token endpoint, for example https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw invalid(
                        SystemKey.SMTP_OAUTH2_TOKEN_URL,
                        "is "
                                + shown(
                                        SystemKey.SMTP_OAUTH2_TOKEN_URL,
                                        "'" + text(SystemKey.SMTP_OAUTH2_TOKEN_URL) + "'")
                                + ", plain http to another machine, which would send the client secret in clear text",
                        "Use the https:// address of the token endpoint; http:// is accepted only for localhost.");
            }
        }

        private static boolean isLoopback(String host) {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (bare.equalsIgnoreCase("localhost")) {
                return true;
            }
            // only an IP literal: a name could resolve elsewhere later
            if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false;
            }
            try {
                return InetAddress.getByName(bare).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private void checkNoOAuth2Settings() {
            Stream.of(SystemKey.values())
                    .filter(key -> key.isOAuth2() && key != SystemKey.SMTP_OAUTH2_TOKEN_URL && values.get(key) != null)
                    .findFirst()
                    .ifPresent(key -> {
                        throw invalid(
                                key,
                                "is set while " + source.nameOf(SystemKey.SMTP_OAUTH2_TOKEN_URL) + " is not",
                                "Set " + source.nameOf(SystemKey.SMTP_OAUTH2_TOKEN_URL)
                                        + " to the OAuth2 token endpoint to sign in with XOAUTH2, or remove "
                                        + source.nameOf(key) + ".");
                    });
        }

        private String shown(SystemKey property, Object value) {
            return fromSecrets.contains(property) ? "(a value from $SECRET, not shown)" : String.valueOf(value);
        }

        private String text(SystemKey key) {
            return (String) values.get(key);
        }

        private Integer number(SystemKey key) {
            return (Integer) values.get(key);
        }

        private SmtpSystemConfigException invalid(SystemKey property, String problem, String fix) {
            String system = id == null || id.isBlank() ? "An SMTP system" : "SMTP system '" + id + "'";
            ConfigSource where = origins.getOrDefault(property, source);
            return new SmtpSystemConfigException(
                    system + " in " + where + ": " + source.nameOf(property) + " " + problem + ". " + fix);
        }
    }
}
