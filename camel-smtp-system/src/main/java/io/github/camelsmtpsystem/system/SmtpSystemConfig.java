package io.github.camelsmtpsystem.system;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Sesam SMTP system ({@code "type": "system:smtp"}): where to send mail, as whom, and how many messages an hour.
 * Immutable; build one with {@link #builder(String)}. The password never appears in {@link #toString()}.
 */
public final class SmtpSystemConfig {

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
    private final ConfigSource source;

    private SmtpSystemConfig(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.smtpServer = b.smtpServer != null ? b.smtpServer : (String) SystemProperty.SMTP_SERVER.defaultValue();
        this.smtpPort = b.smtpPort != null ? b.smtpPort : (Integer) SystemProperty.SMTP_PORT.defaultValue();
        this.smtpUsername = b.smtpUsername;
        this.smtpPassword = b.smtpPassword;
        this.useTls = b.useTls != null ? b.useTls : (Boolean) SystemProperty.USE_TLS.defaultValue();
        this.maxPerHour = b.maxPerHour != null ? b.maxPerHour : (Integer) SystemProperty.MAX_PER_HOUR.defaultValue();
        this.source = b.source;
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

    /** Whether the server is asked to authenticate the sender (a username is set). */
    public boolean isAuthenticated() {
        return smtpUsername != null;
    }

    public ConfigSource getSource() {
        return source;
    }

    /** Whether two definitions send the same way; where they were written and the display name do not count. */
    public boolean sameSettingsAs(SmtpSystemConfig other) {
        return id.equals(other.id) && smtpServer.equals(other.smtpServer) && smtpPort == other.smtpPort
                && Objects.equals(smtpUsername, other.smtpUsername)
                && Objects.equals(smtpPassword, other.smtpPassword)
                && useTls == other.useTls && maxPerHour == other.maxPerHour;
    }

    @Override
    public String toString() {
        return "SmtpSystemConfig[id=" + id + ", smtpServer=" + smtpServer + ", smtpPort=" + smtpPort
               + ", smtpUsername=" + smtpUsername + ", smtpPassword=" + (smtpPassword != null ? "******" : "null")
               + ", useTls=" + useTls + ", maxPerHour=" + maxPerHour + ", source=" + source + "]";
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

        /** Where the definition was written, named in error messages. */
        public Builder source(ConfigSource source) {
            this.source = source;
            return this;
        }

        /**
         * Where one property was written (a file's line and column), and whether its value came from a
         * {@code $SECRET}: an error about the property then points there, and does not show the value.
         */
        Builder origin(SystemProperty property, ConfigSource where, boolean secret) {
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
                throw invalid(SystemProperty.ID, "is missing",
                        "Give every system a unique id, for example \"_id\": \"our-smtp-server\".");
            }
            if (id.contains("/")) {
                throw invalid(SystemProperty.ID, "is '" + id + "', which contains '/'",
                        "Use an id without '/', for example '" + id.replace('/', '-') + "'.");
            }
            if (smtpServer != null && smtpServer.isBlank()) {
                throw invalid(SystemProperty.SMTP_SERVER, "is empty",
                        "Set it to the host name of the SMTP server, or leave it out to use 'localhost'.");
            }
            if (smtpPort != null && (smtpPort < 1 || smtpPort > 65535)) {
                throw invalid(SystemProperty.SMTP_PORT, "is " + shown(SystemProperty.SMTP_PORT, smtpPort),
                        "Use a port from 1 to 65535 (25, 465 or 587 are usual), or leave it out to use 25.");
            }
            if (maxPerHour != null && maxPerHour < 0) {
                throw invalid(SystemProperty.MAX_PER_HOUR, "is " + shown(SystemProperty.MAX_PER_HOUR, maxPerHour),
                        "Use 0 or more (0 discards every message), or leave it out to use 1000.");
            }
            if (smtpUsername != null && smtpPassword == null) {
                throw invalid(SystemProperty.SMTP_PASSWORD, "is missing while "
                                                            + source.nameOf(SystemProperty.SMTP_USERNAME) + " is set",
                        "Set " + source.nameOf(SystemProperty.SMTP_PASSWORD)
                                                                       + " (for example \"$SECRET(smtp-password)\"), or remove "
                                                                       + source.nameOf(SystemProperty.SMTP_USERNAME)
                                                                       + " to send without authentication.");
            }
            return new SmtpSystemConfig(this);
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
