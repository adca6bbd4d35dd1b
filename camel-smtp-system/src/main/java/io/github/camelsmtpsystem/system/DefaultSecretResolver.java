package io.github.camelsmtpsystem.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@code $SECRET(name)} from the Camel property {@code name}, then the environment variable {@code name},
 * then the file {@code <secretsDirectory>/name} (Kubernetes and Docker secrets are mounted that way).
 */
public final class DefaultSecretResolver implements SecretResolver {

    private final Function<String, Optional<String>> camelProperties;
    private final Function<String, String> environment;
    private final Path secretsDirectory;

    /**
     * @param camelProperties  looks up a Camel property
     * @param environment      looks up an environment variable ({@code System::getenv})
     * @param secretsDirectory where secret files are, or {@code null} for none
     */
    public DefaultSecretResolver(
            Function<String, Optional<String>> camelProperties,
            Function<String, String> environment,
            Path secretsDirectory) {
        this.camelProperties = camelProperties;
        this.environment = environment;
        this.secretsDirectory = secretsDirectory;
    }

    @Override
    public Optional<String> resolve(String name) {
        Optional<String> value = camelProperties.apply(name);
        if (value.isPresent()) {
            return value;
        }
        String env = environment.apply(name);
        if (env != null) {
            return Optional.of(env);
        }
        return secretFile(name).filter(Files::isRegularFile).map(DefaultSecretResolver::read);
    }

    @Override
    public String whereLooked(String name) {
        return secretFile(name)
                .map(f -> "the Camel property '" + name + "', the environment variable '" + name + "' or the file " + f)
                .orElse("the Camel property '" + name + "' or the environment variable '" + name + "'"
                        + (secretsDirectory == null
                                ? " (or set the component's secretsDirectory to read it from a file there)"
                                : " (a name with '/', '\\' or a leading '.' is never read from the secretsDirectory)"));
    }

    private Optional<Path> secretFile(String name) {
        // a name is one file in the directory, never a path out of it
        if (secretsDirectory == null || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(secretsDirectory.resolve(name));
    }

    private static String read(Path file) {
        try {
            // a secret file written with `echo` ends in a newline that is not part of the secret
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
