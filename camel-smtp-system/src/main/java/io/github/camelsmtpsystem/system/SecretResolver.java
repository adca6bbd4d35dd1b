package io.github.camelsmtpsystem.system;

import java.util.Optional;

/**
 * Looks up the value of a {@code $SECRET(name)} in a system definition. Plug in your own as the component's
 * {@code secretResolver}; {@link PropertyFunctionSecretResolver} reads Camel's vaults.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secret's value, or empty when this resolver does not know it. */
    Optional<String> resolve(String name);

    /** Where {@link #resolve(String)} looked, for the error shown when a secret is missing. Never the value. */
    default String whereLooked(String name) {
        return "a secret that the component's secretResolver (" + getClass().getSimpleName() + ") knows";
    }
}
