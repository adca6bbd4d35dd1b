package io.github.camelsmtpsystem.system;

/**
 * Where a system definition came from, so that an error can point at it.
 *
 * @param description for instance {@code classpath:systems.json} or {@code endpoint smtp-system:mail}
 * @param camelNames  whether the user wrote Camel option names ({@code smtpPort}) rather than Sesam's ({@code smtp_port})
 */
public record ConfigSource(String description, boolean camelNames) {

    /** A source written in Sesam's JSON names. */
    public static ConfigSource json(String description) {
        return new ConfigSource(description, false);
    }

    /** A source written in Camel option names: a URI, a bean, Spring properties. */
    public static ConfigSource camel(String description) {
        return new ConfigSource(description, true);
    }

    /** The name of a property as this source spells it. */
    public String nameOf(SystemProperty property) {
        return camelNames ? property.camelName() : property.sesamName();
    }

    @Override
    public String toString() {
        return description;
    }
}
