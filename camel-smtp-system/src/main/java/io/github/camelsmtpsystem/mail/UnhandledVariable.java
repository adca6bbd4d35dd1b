package io.github.camelsmtpsystem.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a template variable that the entity does not have renders to: Sesam's {@code unhandled_template_variable_replacement}. */
public enum UnhandledVariable {

    /**
     * Jinja2's {@code DebugUndefined}: a missing variable prints as {@code {{ name }}}, a missing item as
     * {@code {{ no such element: dict object['zip'] }}}, so that the mail shows what was missing; in a condition it is
     * false. Sesam's default.
     */
    DEBUG,
    /** Jinja2's {@code Undefined}: nothing. */
    EMPTY_STRING,
    /** Jinja2's {@code StrictUndefined}: printing, testing or iterating a missing value fails the entity, naming it. */
    STRICT;

    /** Reads Sesam's spelling ({@code debug}, {@code empty_string}, {@code strict}), in any case. */
    public static UnhandledVariable of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unhandledTemplateVariableReplacement is '" + value + "'. Use one of "
                    + Arrays.stream(values()).map(UnhandledVariable::toString).collect(Collectors.joining(", ")) + ".");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
