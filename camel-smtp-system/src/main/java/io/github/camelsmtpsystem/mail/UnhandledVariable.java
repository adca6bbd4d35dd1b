package io.github.camelsmtpsystem.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a template variable that the entity does not have renders to: Sesam's {@code unhandled_template_variable_replacement}. */
public enum UnhandledVariable {

    /**
     * The expression stays in the text as written ({@code {{name}}}, {@code {{ customer.name }}}), so that the mail
     * shows what was missing; in a condition it is false. Sesam's default.
     */
    DEBUG,
    /** Nothing. */
    EMPTY_STRING,
    /** The entity fails with an error naming the variable. */
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
