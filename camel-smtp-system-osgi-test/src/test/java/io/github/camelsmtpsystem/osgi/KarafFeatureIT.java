package io.github.camelsmtpsystem.osgi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.github.camelsmtpsystem.osgi.probe.ProbeActivator;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Installs the camel-smtp-system feature in Apache Felix, the framework Karaf 4.4 runs on: the bundles the feature
 * lists (read from the built features.xml, the files its {@code mvn:} URLs name), stand-ins for the camel-karaf
 * features it depends on (see {@link KarafStandIns}) and a bundle that uses the component as a user's Blueprint
 * bundle would ({@link ProbeActivator}). Then checks that everything resolves and starts, how camel-smtp-system's
 * imports are wired, and that a route in the user's bundle sends a mail through it to a real SMTP server.
 */
class KarafFeatureIT {

    static final String FEATURE = "camel-smtp-system";
    static final String BUNDLE = "io.github.camelsmtpsystem.camel-smtp-system";
    static final String PROBE = "io.github.camelsmtpsystem.osgi.probe";

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static Framework framework;
    static final Map<String, Bundle> installed = new LinkedHashMap<>();

    @BeforeAll
    static void installTheFeature() throws Exception {
        FeaturesXml features = FeaturesXml.read(BuildOutput.featuresXml());
        List<String> needed = new ArrayList<>();
        for (FeaturesXml.FeatureRef feature : features.features(FEATURE)) {
            assertThat(KarafStandIns.provides(feature.name()))
                    .as("the feature depends on %s, which this test has no stand-in for", feature.name())
                    .isTrue();
            needed.add(feature.name());
        }
        List<Path> bundles = new ArrayList<>(KarafStandIns.bundles(needed, BuildOutput.work("wrapped")));
        for (FeaturesXml.BundleRef bundle : features.bundles(FEATURE)) {
            bundles.add(fileOf(bundle.url()));
        }
        Path testClasses = Path.of(ProbeActivator.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        bundles.add(Bnd.bundle(
                PROBE,
                ProbeActivator.class.getName(),
                List.of(ProbeActivator.class.getPackageName()),
                List.of("probe"),
                testClasses,
                BuildOutput.work("probe")));

        Map<String, String> configuration = new HashMap<>();
        configuration.put(
                Constants.FRAMEWORK_STORAGE, BuildOutput.work("felix-cache").toString());
        configuration.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Felix lives on the test's class path, which holds a second copy of every jar: bundles must never reach it
        configuration.put(Constants.FRAMEWORK_BUNDLE_PARENT, Constants.FRAMEWORK_BUNDLE_PARENT_BOOT);
        configuration.put("felix.bootdelegation.implicit", "false");
        configuration.put(
                ProbeActivator.SMTP_PORT, Integer.toString(greenMail.getSmtp().getPort()));
        framework = new FrameworkFactory().newFramework(configuration);
        framework.start();
        BundleContext context = framework.getBundleContext();
        for (Path bundle : bundles) {
            Bundle one = context.installBundle(bundle.toUri().toString());
            installed.put(one.getSymbolicName(), one);
        }
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        for (Bundle bundle : installed.values()) {
            if (!isFragment(bundle) && !PROBE.equals(bundle.getSymbolicName())) {
                startQuietly(bundle);
            }
        }
        // the user's bundle last, as Karaf starts a deployed Blueprint file after the features it needs
        startQuietly(installed.get(PROBE));
    }

    @AfterAll
    static void stopTheFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    @Test
    void everyBundleOfTheFeatureResolvesAndStarts() {
        Map<String, String> notActive = new LinkedHashMap<>();
        installed.forEach((name, bundle) -> {
            if (bundle.getState() != Bundle.ACTIVE && !(isFragment(bundle) && bundle.getState() == Bundle.RESOLVED)) {
                notActive.put(name, state(bundle) + ": " + whyNotStarted(bundle));
            }
        });
        assertThat(notActive).as("bundles that did not start").isEmpty();
        assertThat(installed.get(BUNDLE).getState()).isEqualTo(Bundle.ACTIVE);
    }

    @Test
    void camelSmtpSystemImportsAreWiredToTheBundlesThatProvideThem() {
        Map<String, String> wires = importWires(installed.get(BUNDLE));

        assertThat(wires)
                .containsEntry("org.apache.camel", KarafStandIns.CAMEL + "camel-api")
                .containsEntry("org.apache.camel.support", KarafStandIns.CAMEL + "camel-support")
                .containsEntry("org.apache.camel.model", KarafStandIns.CAMEL + "camel-core-model")
                .containsEntry("org.apache.camel.processor", KarafStandIns.CAMEL + "camel-core-processor")
                .containsEntry("org.apache.camel.component.mail", KarafStandIns.CAMEL + "camel-mail")
                .containsEntry("jakarta.mail", "jakarta.mail-api")
                .containsEntry("jakarta.mail.internet", "jakarta.mail-api")
                .containsEntry("com.fasterxml.jackson.databind", "com.fasterxml.jackson.core.jackson-databind")
                .containsEntry("com.google.common.collect", "com.google.guava")
                .containsEntry("org.jsoup", "org.jsoup")
                .containsEntry("org.slf4j", "slf4j.api");
        assertThat(wires.keySet())
                .as("Jinjava is inside the bundle, never imported")
                .noneMatch(name -> name.startsWith("com.hubspot") || name.startsWith("jinjava"));
    }

    @Test
    void jinjavaLoadsFromInsideTheBundleAndNoOtherBundleSeesIt() throws Exception {
        Class<?> jinjava = installed.get(BUNDLE).loadClass("com.hubspot.jinjava.Jinjava");

        assertThat(org.osgi.framework.FrameworkUtil.getBundle(jinjava)).isEqualTo(installed.get(BUNDLE));
        assertThatThrownBy(() -> installed.get(PROBE).loadClass("com.hubspot.jinjava.Jinjava"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aUsersBundleImportsTheApiFromCamelSmtpSystem() {
        Map<String, String> wires = importWires(installed.get(PROBE));

        assertThat(wires).containsEntry("io.github.camelsmtpsystem", BUNDLE);
    }

    @Test
    void camelFindsTheComponentThroughTheBundlesServiceFiles() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, String> report =
                (Map<String, String>) service(Supplier.class, "report").get();

        assertThat(report)
                .containsEntry("component.bundle", BUNDLE)
                .containsEntry("factory:META-INF/services/org/apache/camel/component/smtp-system", BUNDLE)
                .containsEntry("factory:META-INF/services/org/apache/camel/configurer/smtp-system-component", BUNDLE)
                .containsEntry("factory:META-INF/services/org/apache/camel/configurer/smtp-system-endpoint", BUNDLE)
                .containsEntry("smtp.component.bundle", KarafStandIns.CAMEL + "camel-mail")
                .containsEntry("direct.component.bundle", KarafStandIns.CAMEL + "camel-direct");
        assertThat(report.get("routes")).isEqualTo("probe,smtp-system-osgi-mail,smtp-system-osgi-mail-discarded");
    }

    @Test
    void aRouteInTheUsersBundleSendsTheEntityAsMail() throws Exception {
        Map<String, Object> entity =
                Map.of("_id", "order-42", "name", "Ada", "order_id", 42, "email", "ada@example.org");

        @SuppressWarnings("unchecked")
        Map<String, Object> headers =
                (Map<String, Object>) service(Function.class, "send").apply(entity);

        assertThat(headers)
                .containsEntry("sent", 1)
                .containsEntry("discarded", 0)
                .containsEntry("skipped", 0);
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Order 42 for ADA");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.org");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(0)))
                .contains("Dear Ada,")
                .doesNotContain("<p>");
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).contains("<b>42</b>");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Path fileOf(String url) {
        if (url.startsWith("mvn:io.github.camelsmtpsystem/camel-smtp-system/")) {
            return BuildOutput.bundle(); // the reactor's, never installed in the local repository
        }
        return BuildOutput.fromRepository(url)
                .orElseThrow(() -> new AssertionError("features.xml installs " + url
                        + ", which is not in the local Maven repository. Is its version the one "
                        + "camel-smtp-system depends on (mvn dependency:tree -pl camel-smtp-system)?"));
    }

    private static <T> T service(Class<T> type, String role) throws Exception {
        BundleContext context = framework.getBundleContext();
        Collection<ServiceReference<T>> references = context.getServiceReferences(type, "(probe=" + role + ")");
        assertThat(references).as("the probe bundle's %s service", role).hasSize(1);
        return context.getService(references.iterator().next());
    }

    /** Imported package → symbolic name of the bundle it is wired to. */
    private static Map<String, String> importWires(Bundle bundle) {
        Map<String, String> wires = new LinkedHashMap<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        assertThat(wiring)
                .as("the wiring of %s (is it resolved?)", bundle.getSymbolicName())
                .isNotNull();
        for (BundleWire wire : wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            wires.put(
                    (String) wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE),
                    wire.getProvider().getSymbolicName());
        }
        return wires;
    }

    private static void startQuietly(Bundle bundle) {
        try {
            bundle.start();
        } catch (BundleException e) {
            // reported by everyBundleOfTheFeatureResolvesAndStarts with the reason
        }
    }

    private static String whyNotStarted(Bundle bundle) {
        try {
            bundle.start();
            return "started on a second try";
        } catch (BundleException e) {
            StringBuilder reason = new StringBuilder(e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                reason.append("\n  caused by ")
                        .append(cause)
                        .append(cause.getStackTrace().length > 0 ? " at " + cause.getStackTrace()[0] : "");
            }
            return reason.toString();
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + bundle.getState();
        };
    }
}
