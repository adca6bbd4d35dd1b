package com.example.classpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Jackson versions a user project's class path resolved: one version, or the mix a user would hit. The user
 * projects' tests share it; it is built and installed before them.
 */
public final class JacksonVersions {

    private static final String[] ARTIFACTS = {
        "com.fasterxml.jackson.core/jackson-core", "com.fasterxml.jackson.core/jackson-databind",
        "com.fasterxml.jackson.core/jackson-annotations", "com.fasterxml.jackson.dataformat/jackson-dataformat-yaml",
        "com.fasterxml.jackson.datatype/jackson-datatype-jdk8" };

    private JacksonVersions() {
    }

    public static Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        for (String artifact : ARTIFACTS) {
            String resource = "META-INF/maven/" + artifact + "/pom.properties";
            try (InputStream in = JacksonVersions.class.getClassLoader().getResourceAsStream(resource)) {
                Properties pom = new Properties();
                if (in != null) {
                    pom.load(in);
                }
                versions.put(artifact.substring(artifact.indexOf('/') + 1), pom.getProperty("version", "absent"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions;
    }

    /** One Jackson line: since 2.20 jackson-annotations is versioned by its minor line alone (2.21 beside 2.21.7). */
    public static boolean consistent() {
        return versions().values().stream()
                .map(v -> v.replaceFirst("^(\\d+\\.\\d+).*", "$1"))
                .distinct()
                .count() == 1;
    }

    public static String report() {
        return "Jackson on this class path: " + versions();
    }
}
