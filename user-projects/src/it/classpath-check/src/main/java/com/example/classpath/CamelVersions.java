package com.example.classpath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Camel versions a user project's class path resolved: Camel's core, the components camel-smtp-system uses and,
 * in a Spring Boot project, camel-spring-boot. One Camel line, the project's own, or the mix a user would hit (Camel
 * 4.18's core under camel-spring-boot 4.22, say).
 */
public final class CamelVersions {

    private static final String[] ARTIFACTS = {
        "org.apache.camel/camel-api", "org.apache.camel/camel-support", "org.apache.camel/camel-core-model",
        "org.apache.camel/camel-core-engine", "org.apache.camel/camel-base-engine", "org.apache.camel/camel-mail",
        "org.apache.camel/camel-jackson", "org.apache.camel/camel-direct", "org.apache.camel/camel-health",
        "org.apache.camel.springboot/camel-spring-boot" };

    private CamelVersions() {
    }

    /** Each artifact's version, without those the class path does not have. */
    public static Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        for (String artifact : ARTIFACTS) {
            String resource = "META-INF/maven/" + artifact + "/pom.properties";
            try (InputStream in = CamelVersions.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    Properties pom = new Properties();
                    pom.load(in);
                    versions.put(artifact.substring(artifact.indexOf('/') + 1), pom.getProperty("version"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return versions;
    }

    /** The version of Camel's core API, camel-api. */
    public static String core() {
        return versions().get("camel-api");
    }

    /** Whether every Camel artifact on the class path is of {@code version}. */
    public static boolean allOf(String version) {
        return versions().values().stream().allMatch(version::equals);
    }

    public static String report() {
        return "Camel on this class path: " + versions();
    }
}
