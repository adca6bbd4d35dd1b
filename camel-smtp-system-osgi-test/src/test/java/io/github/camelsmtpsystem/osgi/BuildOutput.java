package io.github.camelsmtpsystem.osgi;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the files under test are: the reactor's bundle and features repository (system properties the pom sets), jars
 * Maven resolved for this module, and the local Maven repository that Karaf's {@code mvn:} URLs would read.
 */
final class BuildOutput {

    private BuildOutput() {}

    /** The camel-smtp-system bundle the reactor packaged. */
    static Path bundle() {
        return packaged("osgi.test.bundle", ".jar");
    }

    /** The features repository the reactor attached. */
    static Path featuresXml() {
        return packaged("osgi.test.features", ".xml");
    }

    /** A scratch folder under target/. */
    static Path work(String name) throws Exception {
        return Files.createDirectories(Path.of(property("osgi.test.work")).resolve(name));
    }

    /** The jar Maven resolved for this module's tests: groupId:artifactId, any version. */
    static Path onClassPath(String groupId, String artifactId) {
        String folder = File.separator
                + groupId.replace('.', File.separatorChar)
                + File.separator
                + artifactId
                + File.separator;
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains(folder) && entry.endsWith(".jar"))
                .map(Path::of)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(groupId + ":" + artifactId
                        + " is not on the test class path; " + "add it to camel-smtp-system-osgi-test's pom"));
    }

    /** The version of a jar in the local repository layout: the name of its folder. */
    static String versionOf(Path repositoryJar) {
        return repositoryJar.getParent().getFileName().toString();
    }

    /**
     * The file a Karaf {@code mvn:groupId/artifactId/version[/type[/classifier]]} URL names, in the local repository,
     * or empty when it is not there.
     */
    static Optional<Path> fromRepository(String mvnUrl) {
        String[] parts = mvnUrl.substring("mvn:".length()).split("/");
        String groupId = parts[0];
        String artifactId = parts[1];
        String version = parts[2];
        String type = parts.length > 3 ? parts[3] : "jar";
        String classifier = parts.length > 4 ? "-" + parts[4] : "";
        Path file = Path.of(property("osgi.test.repository"), groupId.split("\\."))
                .resolve(artifactId)
                .resolve(version)
                .resolve(artifactId + "-" + version + classifier + "." + type);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static Path packaged(String key, String suffix) {
        Path file = Path.of(property(key));
        if (!file.getFileName().toString().endsWith(suffix) || !Files.isRegularFile(file)) {
            throw new IllegalStateException(key + " is " + file + ", not a packaged file. These tests read what "
                    + "`mvn verify` packages; run them with `mvn verify -pl "
                    + "camel-smtp-system-osgi-test -am`.");
        }
        return file;
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The system property " + key + " is not set; run the tests with Maven "
                    + "(failsafe sets it), e.g. `mvn verify -pl camel-smtp-system-osgi-test -am`.");
        }
        return value;
    }
}
