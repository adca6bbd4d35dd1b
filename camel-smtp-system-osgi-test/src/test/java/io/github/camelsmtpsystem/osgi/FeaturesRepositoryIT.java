package io.github.camelsmtpsystem.osgi;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features repository the reactor attached: what {@code feature:repo-add} and {@code feature:install
 * camel-smtp-system} read.
 */
class FeaturesRepositoryIT {

    static FeaturesXml features;

    @BeforeAll
    static void readTheRepository() throws Exception {
        features = FeaturesXml.read(BuildOutput.featuresXml());
    }

    @Test
    void isAKarafFeaturesRepositoryThatNamesCamelKarafs() {
        assertThat(features.root().getNamespaceURI()).startsWith("http://karaf.apache.org/xmlns/features/");
        assertThat(features.repositories())
                .containsExactly("mvn:org.apache.camel.karaf/apache-camel/" + System.getProperty("osgi.test.camel")
                        + "/xml/features");
    }

    @Test
    void theFeatureDependsOnCamelKarafsCoreMailAndJacksonFeatures() {
        assertThat(features.features(KarafFeatureIT.FEATURE))
                .containsExactly(
                        new FeaturesXml.FeatureRef("camel-core", "[4.18,5)", false),
                        new FeaturesXml.FeatureRef("camel-mail", "[4.18,5)", false),
                        new FeaturesXml.FeatureRef("camel-jackson", "[4.18,5)", false));
    }

    @Test
    void theFeatureInstallsTheBundleAndItsDependenciesFromMavenCentral() {
        List<FeaturesXml.BundleRef> bundles = features.bundles(KarafFeatureIT.FEATURE);

        assertThat(bundles)
                .contains(new FeaturesXml.BundleRef(
                        "mvn:io.github.camelsmtpsystem/camel-smtp-system/" + System.getProperty("osgi.test.version"),
                        false));
        assertThat(bundles)
                .filteredOn(bundle -> !bundle.url().contains("/camel-smtp-system/"))
                .isNotEmpty()
                .allSatisfy(bundle -> {
                    assertThat(bundle.dependency())
                            .as("%s is a dependency bundle", bundle.url())
                            .isTrue();
                    assertThat(bundle.url()).as("a plain mvn: URL, no wrap:").startsWith("mvn:");
                    assertThat(BuildOutput.fromRepository(bundle.url()))
                            .as("%s resolves", bundle.url())
                            .isPresent();
                });
    }
}
