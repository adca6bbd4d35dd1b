package io.github.camelsmtpsystem.system;

/**
 * Where a system definition came from, so that an error can point at it and name properties as the user wrote them.
 *
 * @param description for instance {@code classpath:systems.json} or {@code endpoint smtp-system:mail}
 * @param naming      how the user spelled the property names there
 */
public record ConfigSource(String description, Naming naming) {

    /** How property names are spelled in a source. */
    public enum Naming {
        /** Sesam's JSON names: {@code smtp_port}. */
        SESAM,
        /** Camel option names: {@code smtpPort}. */
        CAMEL,
        /** Spring Boot property names: {@code smtp-port}. */
        SPRING
    }

    /** A source written in Sesam's JSON names. */
    public static ConfigSource json(String description) {
        return new ConfigSource(description, Naming.SESAM);
    }

    /** A source written in Camel option names: a URI, a bean. */
    public static ConfigSource camel(String description) {
        return new ConfigSource(description, Naming.CAMEL);
    }

    /** A source written in Spring Boot property names. */
    public static ConfigSource spring(String description) {
        return new ConfigSource(description, Naming.SPRING);
    }

    /** The name of a property as this source spells it. */
    public String nameOf(SystemKey property) {
        return switch (naming) {
            case SESAM -> property.sesamName();
            case CAMEL -> property.camelName();
            case SPRING -> property.springName();
        };
    }

    @Override
    public String toString() {
        return description;
    }
}
