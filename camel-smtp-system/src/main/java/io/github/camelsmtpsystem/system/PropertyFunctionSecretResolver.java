package io.github.camelsmtpsystem.system;

import java.util.Optional;

import org.apache.camel.CamelContext;

/**
 * Resolves {@code $SECRET(name)} through a Camel properties function, such as the vaults' {@code aws:},
 * {@code gcp:}, {@code azure:} or {@code hashicorp:secret:}: {@code $SECRET(name)} becomes {@code {{<function>name}}}.
 */
public final class PropertyFunctionSecretResolver implements SecretResolver {

    private final CamelContext camelContext;
    private final String function;

    /**
     * @param function the prefix to put before the secret's name, for example {@code "aws:"} or
     *                 {@code "hashicorp:secret:"}
     */
    public PropertyFunctionSecretResolver(CamelContext camelContext, String function) {
        this.camelContext = camelContext;
        this.function = function;
    }

    @Override
    public Optional<String> resolve(String name) {
        try {
            return Optional.of(camelContext.resolvePropertyPlaceholders("{{" + function + name + "}}"));
        } catch (IllegalArgumentException e) {
            // the function's message may quote the value it did find in part: do not pass it on
            return Optional.empty();
        }
    }

    @Override
    public String whereLooked(String name) {
        return "the Camel property function {{" + function + name + "}}";
    }
}
