package io.github.camelsmtpsystem.osgi;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OSGi headers of the camel-smtp-system jar the reactor built: what Karaf resolves it with.
 */
class BundleManifestIT {

    static final List<String> API = List.of(
            "io.github.camelsmtpsystem",
            "io.github.camelsmtpsystem.system",
            "io.github.camelsmtpsystem.mail",
            "io.github.camelsmtpsystem.delivery",
            "io.github.camelsmtpsystem.cap",
            "io.github.camelsmtpsystem.oauth2");
    static final String SERVICES = "META-INF/services/org/apache/camel/";

    static JarFile jar;
    static Attributes headers;

    @BeforeAll
    static void readTheBundle() throws Exception {
        jar = new JarFile(BuildOutput.bundle().toFile());
        headers = jar.getManifest().getMainAttributes();
    }

    @AfterAll
    static void close() throws Exception {
        jar.close();
    }

    @Test
    void isABundleNamedAfterTheArtifact() {
        assertThat(headers.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(headers.getValue("Bundle-SymbolicName")).isEqualTo("io.github.camelsmtpsystem.camel-smtp-system");
        assertThat(Version.parseVersion(headers.getValue("Bundle-Version")).toString())
                .startsWith("0.1.0");
        assertThat(headers.getValue("Require-Capability")).contains("(osgi.ee=JavaSE)(version=17)");
    }

    @Test
    void exportsExactlyTheApiPackagesAtTheBundleVersion() {
        Parameters exports = new Parameters(headers.getValue("Export-Package"));

        assertThat(exports.keySet()).containsExactlyInAnyOrderElementsOf(API);
        Version bundle = Version.parseVersion(headers.getValue("Bundle-Version"));
        exports.forEach((name, attrs) -> assertThat(Version.parseVersion(attrs.get("version")))
                .as("version of %s", name)
                .isEqualTo(new Version(bundle.getMajor(), bundle.getMinor(), bundle.getMicro())));
    }

    @Test
    void importsCamelFourFromTheBuildVersionOnAndJakartaMailTwo() {
        Parameters imports = imports();

        assertThat(imports.keySet())
                .contains(
                        "org.apache.camel",
                        "org.apache.camel.spi",
                        "org.apache.camel.support",
                        "org.apache.camel.component.mail",
                        "jakarta.mail",
                        "jakarta.mail.internet");
        imports.forEach((name, attrs) -> {
            if (name.startsWith("org.apache.camel")) {
                assertThat(range(attrs)).as("range of %s", name).isEqualTo(new VersionRange("[4.18,5)"));
            }
            if (name.startsWith("jakarta.mail")) {
                assertThat(range(attrs)).as("range of %s", name).isEqualTo(new VersionRange("[2.1,3)"));
            }
        });
    }

    @Test
    void everyImportOutsideTheJdkHasAVersionRange() {
        Map<String, String> unversioned = imports().entrySet().stream()
                .filter(entry ->
                        !entry.getKey().startsWith("javax.") && !entry.getKey().startsWith("org.w3c."))
                .filter(entry -> entry.getValue().get("version") == null)
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().toString()));

        assertThat(unversioned).isEmpty();
        assertThat(imports().keySet())
                .as("java.* comes from the boot class path")
                .noneMatch(name -> name.startsWith("java."));
    }

    @Test
    void importsWhatOnlyAnnotatesOptionally() {
        Parameters imports = imports();

        for (String annotations :
                List.of("javax.annotation", "javax.annotation.meta", "edu.umd.cs.findbugs.annotations")) {
            assertThat(imports.get(annotations)).as(annotations).isNotNull();
            assertThat(imports.get(annotations).get("resolution:"))
                    .as("resolution of %s", annotations)
                    .isEqualTo("optional");
        }
        // camel-health is optional: without it there is no health check, and nothing else is missing
        assertThat(imports.get("org.apache.camel.impl.health").get("resolution:"))
                .isEqualTo("optional");
        // so are the Redis client and the JDBC pool: only a redis: or jdbc: capStore needs them
        assertThat(imports.keySet()).contains("redis.clients.jedis", "com.zaxxer.hikari");
        imports.forEach((name, attrs) -> {
            if (name.startsWith("redis.clients") || name.startsWith("com.zaxxer.hikari")) {
                assertThat(attrs.get("resolution:"))
                        .as("resolution of %s", name)
                        .isEqualTo("optional");
            }
        });
        imports.forEach((name, attrs) -> {
            if (name.equals("org.apache.camel.impl.health")) {
                return;
            }
            if (name.startsWith("org.apache.camel")
                    || name.startsWith("jakarta.mail")
                    || name.startsWith("com.fasterxml")
                    || name.startsWith("com.google.common")
                    || name.startsWith("org.jsoup")) {
                assertThat(attrs.get("resolution:"))
                        .as("resolution of %s", name)
                        .isNull();
            }
        });
    }

    @Test
    void carriesJinjavaAndTheLibrariesOnlyItUsesInsideAndNeverImportsThem() {
        List<String> classPath = List.of(headers.getValue("Bundle-ClassPath").split(","));

        assertThat(classPath)
                .containsExactly(
                        ".",
                        "lib/jinjava.jar",
                        "lib/re2j.jar",
                        "lib/big-math.jar",
                        "lib/java-ipv6.jar",
                        "lib/immutables-exceptions.jar");
        classPath.stream()
                .filter(entry -> !".".equals(entry))
                .forEach(entry -> assertThat(jar.getEntry(entry)).as(entry).isNotNull());
        assertThat(imports().keySet())
                .noneMatch(name -> name.startsWith("com.hubspot")
                        || name.startsWith("jinjava.")
                        || name.startsWith("com.google.re2j")
                        || name.startsWith("ch.obermuhlner")
                        || name.startsWith("com.googlecode.ipv6"));
    }

    @Test
    void holdsTheFilesCamelFindsTheComponentConfigurersAndUriFactoryBy() throws Exception {
        Map<String, String> factories = Map.of(
                "component/smtp-system", "io.github.camelsmtpsystem.SmtpSystemComponent",
                "configurer/smtp-system-component", "io.github.camelsmtpsystem.SmtpSystemComponentConfigurer",
                "configurer/smtp-system-endpoint", "io.github.camelsmtpsystem.SmtpSystemEndpointConfigurer",
                "urifactory/smtp-system-endpoint", "io.github.camelsmtpsystem.SmtpSystemEndpointUriFactory");

        for (Map.Entry<String, String> factory : factories.entrySet()) {
            assertThat(jar.getEntry(SERVICES + factory.getKey()))
                    .as(SERVICES + factory.getKey())
                    .isNotNull();
            Properties file = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry(SERVICES + factory.getKey()))) {
                file.load(in);
            }
            assertThat(file.getProperty("class")).isEqualTo(factory.getValue());
            assertThat(jar.getEntry(factory.getValue().replace('.', '/') + ".class"))
                    .as(factory.getValue())
                    .isNotNull();
        }
        assertThat(jar.getEntry("META-INF/io/github/camelsmtpsystem/smtp-system.json"))
                .isNotNull();
    }

    private static Parameters imports() {
        return new Parameters(headers.getValue("Import-Package"));
    }

    private static VersionRange range(Attrs attrs) {
        return new VersionRange(attrs.get("version"));
    }
}
