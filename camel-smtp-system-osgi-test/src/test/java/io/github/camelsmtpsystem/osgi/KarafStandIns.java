package io.github.camelsmtpsystem.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Karaf 4.4 with camel-karaf's features repository would install for the features camel-smtp-system depends on.
 * camel-karaf's own bundles do not download here, so its Camel bundles are the plain Camel jars of the same version
 * wrapped by bnd, one bundle per jar as camel-karaf makes them; every other bundle is the real one from Maven Central.
 */
final class KarafStandIns {

    /** Symbolic names of the wrapped Camel jars: {@code org.apache.camel.<artifactId>}. */
    static final String CAMEL = "org.apache.camel.";

    private static final String CAMEL_GROUP = "org.apache.camel";

    /** Feature name: [wrapped Camel jars], [bundles as they are], after camel-karaf's features.xml. */
    private static final Map<String, List<List<String>>> FEATURES = Map.of(
            "camel-core",
                    List.of(
                            List.of(
                                    "camel-api",
                                    "camel-management-api",
                                    "camel-util",
                                    "camel-util-json",
                                    "camel-support",
                                    "camel-xml-jaxp-util",
                                    "camel-base",
                                    "camel-base-engine",
                                    "camel-core-model",
                                    "camel-core-reifier",
                                    "camel-core-processor",
                                    "camel-core-engine",
                                    "camel-core-languages",
                                    "camel-direct"),
                            List.of(
                                    "jakarta.xml.bind:jakarta.xml.bind-api",
                                    "jakarta.activation:jakarta.activation-api")),
            "camel-mail",
                    List.of(
                            List.of("camel-attachments", "camel-mail"),
                            List.of(
                                    "jakarta.mail:jakarta.mail-api", "org.eclipse.angus:angus-mail",
                                    "org.eclipse.angus:angus-activation", "jakarta.activation:jakarta.activation-api")),
            "camel-jackson",
                    List.of(
                            List.of("camel-jackson"),
                            List.of(
                                    "com.fasterxml.jackson.core:jackson-core",
                                    "com.fasterxml.jackson.core:jackson-databind",
                                    "com.fasterxml.jackson.core:jackson-annotations")));

    private KarafStandIns() {}

    /** Karaf's logging: pax-logging there, SLF4J 1.7 and its simple binding here (the pom copies them). */
    static List<Path> logging() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of(System.getProperty("osgi.test.logging")))) {
            return files.filter(file -> file.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    static boolean provides(String feature) {
        return FEATURES.containsKey(feature);
    }

    /** The bundles of these features and of Karaf's logging, without repeats. */
    static List<Path> bundles(List<String> features, Path wrapInto) throws Exception {
        List<Path> bundles = new ArrayList<>(logging());
        for (String feature : features) {
            List<List<String>> parts = FEATURES.get(feature);
            for (String artifactId : parts.get(0)) {
                Path jar = BuildOutput.onClassPath(CAMEL_GROUP, artifactId);
                bundles.add(Bnd.wrap(jar, CAMEL + artifactId, BuildOutput.versionOf(jar), wrapInto));
            }
            for (String coordinates : parts.get(1)) {
                Path bundle = asIs(coordinates);
                if (!bundles.contains(bundle)) {
                    bundles.add(bundle);
                }
            }
        }
        return bundles;
    }

    private static Path asIs(String coordinates) {
        String[] parts = coordinates.split(":");
        return BuildOutput.onClassPath(parts[0], parts[1]);
    }
}
