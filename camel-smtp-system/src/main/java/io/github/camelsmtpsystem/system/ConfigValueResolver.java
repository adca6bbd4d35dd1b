package io.github.camelsmtpsystem.system;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Sesam's {@code $ENV(name)} and {@code $SECRET(name)} tokens in a configuration value. Several tokens may
 * stand in one value; they cannot be nested.
 */
public final class ConfigValueResolver {

    private static final Pattern TOKEN = Pattern.compile("\\$(ENV|SECRET)\\(([^()]*)\\)");

    private final Function<String, Optional<String>> environment;
    private final SecretResolver secrets;

    /**
     * @param environment resolves {@code $ENV(name)}: by default the Camel property, then the OS variable
     * @param secrets     resolves {@code $SECRET(name)}
     */
    public ConfigValueResolver(Function<String, Optional<String>> environment, SecretResolver secrets) {
        this.environment = environment;
        this.secrets = secrets;
    }

    /** A resolved value, and whether a secret went into it (then it must never be shown). */
    public record Resolved(String value, boolean secret) {}

    /** Whether the text holds a token at all. */
    public static boolean hasToken(String text) {
        return text.contains("$ENV(") || text.contains("$SECRET(");
    }

    /**
     * Resolves every token in {@code raw}.
     *
     * @throws IllegalArgumentException naming the token that cannot be resolved and where it was looked for
     */
    public Resolved resolve(String raw) {
        // checked first, so that a nested token is reported as such rather than as an inner token that is not set;
        // the text is not shown: it may be a password written out
        if (hasToken(TOKEN.matcher(raw).replaceAll(""))) {
            throw new IllegalArgumentException("a $ENV(...) or $SECRET(...) in the value is nested or not closed. "
                    + "Write each token as $ENV(name) or $SECRET(name), side by side, never one inside another.");
        }
        Matcher m = TOKEN.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean secret = false;
        while (m.find()) {
            String kind = m.group(1);
            String name = m.group(2).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("$" + kind + "() has no name. Write $" + kind + "(name).");
            }
            String value;
            if ("SECRET".equals(kind)) {
                secret = true;
                value = secrets.resolve(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "$SECRET(" + name + ") is not set. Define it as " + secrets.whereLooked(name) + "."));
            } else {
                value = environment
                        .apply(name)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "$ENV(" + name + ") is not set. Define the Camel property '" + name
                                        + "' or the environment variable '"
                                        + name + "'."));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Resolved(out.toString(), secret);
    }
}
