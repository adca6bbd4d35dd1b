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
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One Sesam SMTP system ({@code "type": "system:smtp"}): where to send mail, as whom, and how many messages an hour.
 * Immutable; build one with {@link #builder(String)}. The password, the OAuth2 client secret and the refresh token
 * never appear in {@link #toString()}.
 */
public final class SmtpSystemConfig {

    /** How {@code smtp_oauth2_token_url} names a {@code SmtpAccessTokenProvider} bean instead of a token endpoint. */
    public static final String TOKEN_PROVIDER_BEAN = "bean:";

    private static final String HIDDEN = "******";

    /** The Sesam type of an SMTP system. */
    public static final String TYPE = "system:smtp";

    private final String id;
    private final String name;
    private final String smtpServer;
    private final int smtpPort;
    private final String smtpUsername;
    private final String smtpPassword;
    private final boolean useTls;
    private final int maxPerHour;
    private final String smtpOauth2TokenUrl;
    private final String smtpOauth2ClientId;
    private final String smtpOauth2ClientSecret;
    private final String smtpOauth2Scope;
    private final String smtpOauth2RefreshToken;
    private final String smtpOauth2ClientAuth;
    private final ConfigSource source;
    /** The properties whose values came from a {@code $SECRET}: never shown, whatever they are. */
    private final Set<SystemProperty> fromSecrets;

    private SmtpSystemConfig(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.smtpServer = b.smtpServer != null ? b.smtpServer : (String) SystemProperty.SMTP_SERVER.defaultValue();
        this.smtpPort = b.smtpPort != null ? b.smtpPort : (Integer) SystemProperty.SMTP_PORT.defaultValue();
        this.smtpUsername = b.smtpUsername;
        this.smtpPassword = b.smtpPassword;
        this.useTls = b.useTls != null ? b.useTls : (Boolean) SystemProperty.USE_TLS.defaultValue();
        this.maxPerHour = b.maxPerHour != null ? b.maxPerHour : (Integer) SystemProperty.MAX_PER_HOUR.defaultValue();
        this.smtpOauth2TokenUrl = b.smtpOauth2TokenUrl;
        this.smtpOauth2ClientId = b.smtpOauth2ClientId;
        this.smtpOauth2ClientSecret = b.smtpOauth2ClientSecret;
        this.smtpOauth2Scope = b.smtpOauth2Scope;
        this.smtpOauth2RefreshToken = b.smtpOauth2RefreshToken;
        this.smtpOauth2ClientAuth = b.smtpOauth2ClientAuth != null
                ? b.smtpOauth2ClientAuth
                : (String) SystemProperty.SMTP_OAUTH2_CLIENT_AUTH.defaultValue();
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
        return smtpServer;
    }

    public int getSmtpPort() {
        return smtpPort;
    }

    public String getSmtpUsername() {
        return smtpUsername;
    }

    /** The password, for the mail session only: never log it. */
    public String getSmtpPassword() {
        return smtpPassword;
    }

    public boolean isUseTls() {
        return useTls;
    }

    public int getMaxPerHour() {
        return maxPerHour;
    }

    /** The OAuth2 token endpoint, or {@code bean:<name>} of a token provider; {@code null} for password sign-in. */
    public String getSmtpOauth2TokenUrl() {
        return smtpOauth2TokenUrl;
    }

    public String getSmtpOauth2ClientId() {
        return smtpOauth2ClientId;
    }

    /** The OAuth2 client secret, for the token endpoint only: never log it. */
    public String getSmtpOauth2ClientSecret() {
        return smtpOauth2ClientSecret;
    }

    public String getSmtpOauth2Scope() {
        return smtpOauth2Scope;
    }

    /** The OAuth2 refresh token, for the token endpoint only: never log it. */
    public String getSmtpOauth2RefreshToken() {
        return smtpOauth2RefreshToken;
    }

    /** How the client authenticates to the token endpoint: {@code post} (client_secret_post) or {@code basic}. */
    public String getSmtpOauth2ClientAuth() {
        return smtpOauth2ClientAuth;
    }

    /** Whether the system signs in with SASL XOAUTH2 and an OAuth2 access token instead of a password. */
    public boolean usesOAuth2() {
        return smtpOauth2TokenUrl != null;
    }

    /** The name of the token provider bean {@code smtp_oauth2_token_url} names, or {@code null} for a token endpoint. */
    public String tokenProviderBean() {
        return usesOAuth2() && smtpOauth2TokenUrl.startsWith(TOKEN_PROVIDER_BEAN)
                ? smtpOauth2TokenUrl.substring(TOKEN_PROVIDER_BEAN.length())
                : null;
    }

    /** Whether the server is asked to authenticate the sender (a username is set). */
    public boolean isAuthenticated() {
        return smtpUsername != null;
    }

    public ConfigSource getSource() {
        return source;
    }

    /** Whether two definitions send the same way; where they were written and the display name do not count. */
    public boolean sameSettingsAs(SmtpSystemConfig other) {
        return id.equals(other.id)
                && smtpServer.equals(other.smtpServer)
                && smtpPort == other.smtpPort
                && Objects.equals(smtpUsername, other.smtpUsername)
                && Objects.equals(smtpPassword, other.smtpPassword)
                && useTls == other.useTls
                && maxPerHour == other.maxPerHour
                && Objects.equals(smtpOauth2TokenUrl, other.smtpOauth2TokenUrl)
                && Objects.equals(smtpOauth2ClientId, other.smtpOauth2ClientId)
                && Objects.equals(smtpOauth2ClientSecret, other.smtpOauth2ClientSecret)
                && Objects.equals(smtpOauth2Scope, other.smtpOauth2Scope)
                && Objects.equals(smtpOauth2RefreshToken, other.smtpOauth2RefreshToken)
                && smtpOauth2ClientAuth.equals(other.smtpOauth2ClientAuth);
    }

    /** Whether the value of {@code property} came from a {@code $SECRET(...)}: then it is shown nowhere. */
    public boolean isFromSecret(SystemProperty property) {
        return fromSecrets.contains(property);
    }

    /**
     * The value of {@code property} as logs, messages and health details may show it: {@code ******} when it came from
     * a {@code $SECRET(...)} (a user name or host may be one), as it is otherwise.
     */
    public String shown(SystemProperty property, Object value) {
        return value != null && isFromSecret(property) ? HIDDEN : String.valueOf(value);
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
        for (SystemProperty property : SystemProperty.values()) {
            Object value = valueOf(property);
            boolean alwaysSecret = property == SystemProperty.SMTP_PASSWORD
                    || property == SystemProperty.SMTP_OAUTH2_CLIENT_SECRET
                    || property == SystemProperty.SMTP_OAUTH2_REFRESH_TOKEN;
            if (value instanceof String secret && !secret.isEmpty() && (alwaysSecret || isFromSecret(property))) {
                redacted = redacted.replace(secret, HIDDEN);
            }
        }
        return redacted;
    }

    private Object valueOf(SystemProperty property) {
        return switch (property) {
            case SMTP_SERVER -> smtpServer;
            case SMTP_PORT -> smtpPort;
            case SMTP_USERNAME -> smtpUsername;
            case SMTP_PASSWORD -> smtpPassword;
            case USE_TLS -> useTls;
            case MAX_PER_HOUR -> maxPerHour;
            case SMTP_OAUTH2_TOKEN_URL -> smtpOauth2TokenUrl;
            case SMTP_OAUTH2_CLIENT_ID -> smtpOauth2ClientId;
            case SMTP_OAUTH2_CLIENT_SECRET -> smtpOauth2ClientSecret;
            case SMTP_OAUTH2_SCOPE -> smtpOauth2Scope;
            case SMTP_OAUTH2_REFRESH_TOKEN -> smtpOauth2RefreshToken;
            case SMTP_OAUTH2_CLIENT_AUTH -> smtpOauth2ClientAuth;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "SmtpSystemConfig[id=" + id + ", smtpServer=" + shown(SystemProperty.SMTP_SERVER, smtpServer)
                + ", smtpPort=" + shown(SystemProperty.SMTP_PORT, smtpPort)
                + ", smtpUsername=" + shown(SystemProperty.SMTP_USERNAME, smtpUsername)
                + ", smtpPassword=" + (smtpPassword != null ? HIDDEN : "null")
                + ", useTls=" + shown(SystemProperty.USE_TLS, useTls)
                + ", maxPerHour=" + shown(SystemProperty.MAX_PER_HOUR, maxPerHour)
                + (usesOAuth2()
                        ? ", smtpOauth2TokenUrl=" + shown(SystemProperty.SMTP_OAUTH2_TOKEN_URL, smtpOauth2TokenUrl)
                                + ", smtpOauth2ClientId="
                                + shown(SystemProperty.SMTP_OAUTH2_CLIENT_ID, smtpOauth2ClientId)
                                + ", smtpOauth2ClientSecret=" + (smtpOauth2ClientSecret != null ? HIDDEN : "null")
                                + ", smtpOauth2Scope=" + shown(SystemProperty.SMTP_OAUTH2_SCOPE, smtpOauth2Scope)
                                + ", smtpOauth2RefreshToken=" + (smtpOauth2RefreshToken != null ? HIDDEN : "null")
                                + ", smtpOauth2ClientAuth="
                                + shown(SystemProperty.SMTP_OAUTH2_CLIENT_AUTH, smtpOauth2ClientAuth)
                        : "")
                + ", source=" + source + "]";
    }

    /** Collects the properties of one system; {@link #build()} checks them. A {@code null} means "use the default". */
    public static final class Builder {
        private final String id;
        private String name;
        private String smtpServer;
        private Integer smtpPort;
        private String smtpUsername;
        private String smtpPassword;
        private Boolean useTls;
        private Integer maxPerHour;
        private String smtpOauth2TokenUrl;
        private String smtpOauth2ClientId;
        private String smtpOauth2ClientSecret;
        private String smtpOauth2Scope;
        private String smtpOauth2RefreshToken;
        private String smtpOauth2ClientAuth;
        private ConfigSource source = ConfigSource.camel("Java code");
        private final Map<SystemProperty, ConfigSource> origins = new EnumMap<>(SystemProperty.class);
        private final Set<SystemProperty> fromSecrets = EnumSet.noneOf(SystemProperty.class);

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder smtpServer(String smtpServer) {
            this.smtpServer = smtpServer;
            return this;
        }

        public Builder smtpPort(Integer smtpPort) {
            this.smtpPort = smtpPort;
            return this;
        }

        public Builder smtpUsername(String smtpUsername) {
            this.smtpUsername = smtpUsername;
            return this;
        }

        public Builder smtpPassword(String smtpPassword) {
            this.smtpPassword = smtpPassword;
            return this;
        }

        public Builder useTls(Boolean useTls) {
            this.useTls = useTls;
            return this;
        }

        public Builder maxPerHour(Integer maxPerHour) {
            this.maxPerHour = maxPerHour;
            return this;
        }

        /** The OAuth2 token endpoint (or {@code bean:<name>} of a token provider): sign in with XOAUTH2. */
        public Builder smtpOauth2TokenUrl(String smtpOauth2TokenUrl) {
            this.smtpOauth2TokenUrl = smtpOauth2TokenUrl;
            return this;
        }

        public Builder smtpOauth2ClientId(String smtpOauth2ClientId) {
            this.smtpOauth2ClientId = smtpOauth2ClientId;
            return this;
        }

        public Builder smtpOauth2ClientSecret(String smtpOauth2ClientSecret) {
            this.smtpOauth2ClientSecret = smtpOauth2ClientSecret;
            return this;
        }

        public Builder smtpOauth2Scope(String smtpOauth2Scope) {
            this.smtpOauth2Scope = smtpOauth2Scope;
            return this;
        }

        /** With a refresh token the refresh_token grant is used, else client_credentials. */
        public Builder smtpOauth2RefreshToken(String smtpOauth2RefreshToken) {
            this.smtpOauth2RefreshToken = smtpOauth2RefreshToken;
            return this;
        }

        /** {@code post} (client_secret_post, the default) or {@code basic} (client_secret_basic). */
        public Builder smtpOauth2ClientAuth(String smtpOauth2ClientAuth) {
            this.smtpOauth2ClientAuth = smtpOauth2ClientAuth;
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
        public Builder origin(SystemProperty property, ConfigSource where, boolean secret) {
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
        public SmtpSystemConfig build() {
            if (id == null || id.isBlank()) {
                throw invalid(
                        SystemProperty.ID,
                        "is missing",
                        "Give every system a unique id, for example \"_id\": \"our-smtp-server\".");
            }
            if (id.contains("/")) {
                throw invalid(
                        SystemProperty.ID,
                        "is '" + id + "', which contains '/'",
                        "Use an id without '/', for example '" + id.replace('/', '-') + "'.");
            }
            if (smtpServer != null && smtpServer.isBlank()) {
                throw invalid(
                        SystemProperty.SMTP_SERVER,
                        "is empty",
                        "Set it to the host name of the SMTP server, or leave it out to use 'localhost'.");
            }
            if (smtpPort != null && (smtpPort < 1 || smtpPort > 65535)) {
                throw invalid(
                        SystemProperty.SMTP_PORT,
                        "is " + shown(SystemProperty.SMTP_PORT, smtpPort),
                        "Use a port from 1 to 65535 (25, 465 or 587 are usual), or leave it out to use 25.");
            }
            if (maxPerHour != null && maxPerHour < 0) {
                throw invalid(
                        SystemProperty.MAX_PER_HOUR,
                        "is " + shown(SystemProperty.MAX_PER_HOUR, maxPerHour),
                        "Use 0 or more (0 discards every message), or leave it out to use 1000.");
            }
            if (smtpOauth2TokenUrl != null) {
                checkOAuth2();
            } else {
                checkNoOAuth2Settings();
            }
            if (smtpUsername != null && smtpPassword == null && smtpOauth2TokenUrl == null) {
                throw invalid(
                        SystemProperty.SMTP_PASSWORD,
                        "is missing while " + source.nameOf(SystemProperty.SMTP_USERNAME) + " is set",
                        "Set " + source.nameOf(SystemProperty.SMTP_PASSWORD)
                                + " (for example \"$SECRET(smtp-password)\"), or remove "
                                + source.nameOf(SystemProperty.SMTP_USERNAME)
                                + " to send without authentication.");
            }
            return new SmtpSystemConfig(this);
        }

        private void checkOAuth2() {
            String tokenUrl = source.nameOf(SystemProperty.SMTP_OAUTH2_TOKEN_URL);
            if (smtpPassword != null) {
                throw invalid(
                        SystemProperty.SMTP_PASSWORD,
                        "is set while " + tokenUrl + " is set",
                        "Remove " + source.nameOf(SystemProperty.SMTP_PASSWORD) + ": with " + tokenUrl
                                + " the system signs in with an OAuth2 access token (XOAUTH2), not a password. Or remove "
                                + tokenUrl + " to sign in with the password.");
            }
            if (smtpUsername == null) {
                throw invalid(
                        SystemProperty.SMTP_USERNAME,
                        "is missing while " + tokenUrl + " is set",
                        "Set it to the mailbox the system signs in as with XOAUTH2, for example noreply@example.com.");
            }
            if (smtpOauth2TokenUrl.startsWith(TOKEN_PROVIDER_BEAN)) {
                if (smtpOauth2TokenUrl.length() == TOKEN_PROVIDER_BEAN.length()) {
                    throw invalid(
                            SystemProperty.SMTP_OAUTH2_TOKEN_URL,
                            "is '" + TOKEN_PROVIDER_BEAN + "' with no bean name",
                            "Write " + TOKEN_PROVIDER_BEAN + "<name of a SmtpAccessTokenProvider bean>.");
                }
                return;
            }
            checkTokenUrl(tokenUrl);
            if (smtpOauth2ClientId == null) {
                throw invalid(
                        SystemProperty.SMTP_OAUTH2_CLIENT_ID,
                        "is missing while " + tokenUrl + " is set",
                        "Set it to the OAuth2 client (application) id the token endpoint knows.");
            }
            if (smtpOauth2ClientSecret == null && smtpOauth2RefreshToken == null) {
                throw invalid(
                        SystemProperty.SMTP_OAUTH2_CLIENT_SECRET,
                        "is missing while " + tokenUrl + " is set",
                        "Set it (for example \"$SECRET(smtp-oauth2-client-secret)\") for the client_credentials grant, or set "
                                + source.nameOf(SystemProperty.SMTP_OAUTH2_REFRESH_TOKEN)
                                + " for the refresh_token grant.");
            }
            if (!"post".equals(smtpOauth2ClientAuth)
                    && !"basic".equals(smtpOauth2ClientAuth)
                    && smtpOauth2ClientAuth != null) {
                throw invalid(
                        SystemProperty.SMTP_OAUTH2_CLIENT_AUTH,
                        "is " + shown(SystemProperty.SMTP_OAUTH2_CLIENT_AUTH, "'" + smtpOauth2ClientAuth + "'"),
                        "Use post (client_secret_post, the default) or basic (client_secret_basic).");
            }
        }

        /** https, or http to this machine only: the client secret and the tokens must not cross a network in clear. */
        private void checkTokenUrl(String tokenUrl) {
            URI uri;
            try {
                uri = new URI(smtpOauth2TokenUrl);
            } catch (URISyntaxException e) {
                uri = null;
            }
            String scheme =
                    uri != null && uri.getScheme() != null ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
            if (uri == null || uri.getHost() == null || !scheme.equals("https") && !scheme.equals("http")) {
                throw invalid(
                        SystemProperty.SMTP_OAUTH2_TOKEN_URL,
                        "is " + shown(SystemProperty.SMTP_OAUTH2_TOKEN_URL, "'" + smtpOauth2TokenUrl + "'")
                                + ", not an https:// address",
                        "Set it to the token endpoint, for example https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw invalid(
                        SystemProperty.SMTP_OAUTH2_TOKEN_URL,
                        "is " + shown(SystemProperty.SMTP_OAUTH2_TOKEN_URL, "'" + smtpOauth2TokenUrl + "'")
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
            Stream.of(
                            SystemProperty.SMTP_OAUTH2_CLIENT_ID,
                            SystemProperty.SMTP_OAUTH2_CLIENT_SECRET,
                            SystemProperty.SMTP_OAUTH2_SCOPE,
                            SystemProperty.SMTP_OAUTH2_REFRESH_TOKEN,
                            SystemProperty.SMTP_OAUTH2_CLIENT_AUTH)
                    .filter(p -> oauth2Value(p) != null)
                    .findFirst()
                    .ifPresent(p -> {
                        throw invalid(
                                p,
                                "is set while " + source.nameOf(SystemProperty.SMTP_OAUTH2_TOKEN_URL) + " is not",
                                "Set " + source.nameOf(SystemProperty.SMTP_OAUTH2_TOKEN_URL)
                                        + " to the OAuth2 token endpoint to sign in with XOAUTH2, or remove "
                                        + source.nameOf(p) + ".");
                    });
        }

        private String oauth2Value(SystemProperty property) {
            return switch (property) {
                case SMTP_OAUTH2_CLIENT_ID -> smtpOauth2ClientId;
                case SMTP_OAUTH2_CLIENT_SECRET -> smtpOauth2ClientSecret;
                case SMTP_OAUTH2_SCOPE -> smtpOauth2Scope;
                case SMTP_OAUTH2_REFRESH_TOKEN -> smtpOauth2RefreshToken;
                case SMTP_OAUTH2_CLIENT_AUTH -> smtpOauth2ClientAuth;
                default -> null;
            };
        }

        private String shown(SystemProperty property, Object value) {
            return fromSecrets.contains(property) ? "(a value from $SECRET, not shown)" : String.valueOf(value);
        }

        private SmtpSystemConfigException invalid(SystemProperty property, String problem, String fix) {
            String system = id == null || id.isBlank() ? "An SMTP system" : "SMTP system '" + id + "'";
            ConfigSource where = origins.getOrDefault(property, source);
            return new SmtpSystemConfigException(
                    system + " in " + where + ": " + source.nameOf(property) + " " + problem + ". " + fix);
        }
    }
}
